import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Database } from '../../../electron/backend/db/database';
import { prepared } from '../../../electron/backend/db/prepared';
import { describeEachEngine, engineDatabase } from '../../support/engines';

let database: Database;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ database, cleanup } = await engineDatabase()));
afterAll(() => cleanup());

const insertTeam = prepared((q, p: { name: string }) =>
  q.insertInto('teams').values({ name: p.name }).returning(['id', 'name']),
);
const teamsNamed = prepared((q, p: { first: string; second: string }) =>
  q
    .selectFrom('teams')
    .select('name')
    .where((eb) => eb.or([eb('name', '=', p.first), eb('name', '=', p.second)]))
    .where('name', '!=', 'Fixed')
    .orderBy('name'),
);

describeEachEngine('a query compiled once', () => {
  it('runs with each call’s values, in and out of a transaction, constants kept', async () => {
    const [nord] = (await insertTeam(database.query, { name: 'Nord' })).rows;
    expect(nord).toEqual({ id: expect.any(Number), name: 'Nord' });
    await database.transaction(async (trx) => {
      await insertTeam(trx, { name: 'Süd' });
      await insertTeam(trx, { name: 'Fixed' });
    });
    const named = async (first: string, second: string) =>
      (await teamsNamed(database.query, { first, second })).rows.map((row) => row.name);
    expect(await named('Süd', 'Nord')).toEqual(['Nord', 'Süd']);
    expect(await named('Fixed', 'Ost')).toEqual([]);
    expect(await named('Nord', 'Nord')).toEqual(['Nord']);
  });

  it('says which value is missing, and refuses slots spread into the query', async () => {
    await expect(teamsNamed(database.query, { first: 'Nord' } as never)).rejects.toThrow(
      'prepared query: no value for second',
    );
    const spread = prepared((q, p: { name: string }) => q.insertInto('teams').values({ ...p }));
    await expect(spread(database.query, { name: 'Ost' })).rejects.toThrow('cannot be spread');
  });

  it('on SQLite runs straight on its statement in a transaction; on PostgreSQL through Kysely', async () => {
    await database.transaction(async (trx) => {
      const executor = vi.spyOn(trx, 'executeQuery');
      await insertTeam(trx, { name: 'West' });
      const [row] = (await teamsNamed(trx, { first: 'West', second: 'Nowhere' })).rows;
      expect(row).toEqual({ name: 'West' });
      // Kysely's executor hands the connection over and wraps each statement in promises: on the
      // workstation's one connection, held by this very transaction, that is all overhead.
      expect(executor).toHaveBeenCalledTimes(database.engine === 'sqlite' ? 0 : 2);
    });
  });

  it('waits its turn while another transaction holds the connection: a rollback there does not take it along', async () => {
    let outside: Promise<unknown> | undefined;
    await expect(
      database.transaction(async (trx) => {
        await insertTeam(trx, { name: 'Rolled back' });
        // Started while the transaction holds the connection (as a second request would be).
        outside = insertTeam(database.query, { name: 'Kept' });
        await insertTeam(trx, { name: 'Rolled back too' });
        throw new Error('give up');
      }),
    ).rejects.toThrow('give up');
    await outside;
    const names = async (first: string, second: string) =>
      (await teamsNamed(database.query, { first, second })).rows.map((row) => row.name);
    expect(await names('Kept', 'Rolled back')).toEqual(['Kept']);
    expect(await names('Rolled back too', 'Nowhere')).toEqual([]);
  });

  it('on PostgreSQL is parsed and planned once per connection (a named statement); other SQL is not kept', async () => {
    if (database.engine !== 'postgres') return;
    await database.transaction(async (trx) => {
      // One connection: the transaction's, which prepared statements belong to.
      await teamsNamed(trx, { first: 'Nord', second: 'Süd' });
      await teamsNamed(trx, { first: 'Ost', second: 'West' });
      await trx.selectFrom('teams').select('id').where('name', '=', 'Nord').execute();
      const { rows } = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(
        trx,
      );
      const kept = rows.map((row) => row.statement);
      expect(
        kept.filter(
          (statement) => statement.includes(`"name" != 'Fixed'`) || statement.includes('"name" != $'),
        ),
      ).toHaveLength(1);
      expect(kept.some((statement) => /select "id" from "teams"/.test(statement))).toBe(false);
    });
  });
});
