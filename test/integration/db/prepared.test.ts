import { afterAll, beforeAll, expect, it } from 'vitest';
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
});
