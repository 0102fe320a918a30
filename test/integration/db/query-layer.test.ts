import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../../electron/backend/db/database';
import type { Db } from '../../../electron/backend/db/open';
import { fromDatabaseError } from '../../../electron/backend/database-errors';
import { describeEachEngine, engineDatabase } from '../../support/engines';

let database: Database;
let db: Db | null;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ database, db, cleanup } = await engineDatabase()));
afterAll(() => cleanup());

const teamNames = async () =>
  (await database.query.selectFrom('teams').select('name').orderBy('name').execute()).map((t) => t.name);

describeEachEngine('the query layer', (engine) => {
  it('inserts, reads and counts with the same typed query on both engines, numbers as numbers', async () => {
    const { id } = await database.query
      .insertInto('teams')
      .values({ name: 'Nord' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(typeof id).toBe('number');
    const { count } = await database.query
      .selectFrom('teams')
      .where('name', '=', 'Nord')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(count).toBe(1);
    expect(await teamNames()).toContain('Nord');
  });

  it('writes a transaction whole, or nothing of it when it throws', async () => {
    await database.transaction(async (trx) => {
      await trx.insertInto('teams').values({ name: 'Süd' }).execute();
      await database.insertMany(trx, 'teams', [{ name: 'Ost' }, { name: 'West' }]);
    });
    await expect(
      database.transaction(async (trx) => {
        await trx.insertInto('teams').values({ name: 'Mitte' }).execute();
        await database.insertMany(trx, 'teams', [{ name: 'Insel' }]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const names = await teamNames();
    expect(names).toEqual(expect.arrayContaining(['Ost', 'Süd', 'West']));
    expect(names).not.toContain('Mitte');
    expect(names).not.toContain('Insel');
  });

  it('inserts many rows in bulk, in a transaction of its own, all or none', async () => {
    const { id } = await database.query
      .insertInto('interactions')
      .values({ kind: 'chat', title: 'Chat', source: 'test' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = Array.from({ length: 12_345 }, (_, seq) => ({
      interaction_id: id,
      seq,
      speaker: seq % 2 ? ('agent' as const) : ('customer' as const),
      text: `Zeile ${seq}`,
    }));
    expect(await database.insertMany(database.query, 'segments', rows)).toBe(rows.length);
    const duplicate = [{ ...rows[0]!, seq: 99_999 }, rows[1]!]; // (interaction, seq 1) exists: refused
    await expect(database.insertMany(database.query, 'segments', duplicate)).rejects.toThrow();
    const { count } = await database.query
      .selectFrom('segments')
      .where('interaction_id', '=', id)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(count).toBe(rows.length);
  });

  it('refuses bulk rows that name different columns, naming the row', async () => {
    await expect(
      database.insertMany(database.query, 'teams', [{ name: 'A' }, { name: 'B', id: 77 }]),
    ).rejects.toThrow(/row 1 names the columns name, id, not name as row 0 does/);
  });

  it('keeps the schema guarantees through the layer: a published rubric version never changes', async () => {
    await sql`INSERT INTO rubrics (id, key, name, kind, language, created_at)
              VALUES (1001, 'r', 'R', 'evaluation', 'en', 'now')`.execute(database.query);
    await database.query
      .insertInto('rubric_versions')
      .values({ id: 1001, rubric_id: 1001, version: 1, content: '{}', sha256: 'h', published_at: 'now' })
      .execute();
    await expect(
      database.query.updateTable('rubric_versions').set({ note: 'edited' }).where('id', '=', 1001).execute(),
    ).rejects.toThrow('a published rubric version cannot be changed; publish a new version');
  });

  if (engine === 'sqlite') {
    it('shares the backend connection: the old synchronous code sees the layer and its transaction', async () => {
      await database.transaction(async (trx) => {
        await trx.insertInto('settings').values({ key: 'k', value: 'v' }).execute();
        expect(db!.inTransaction).toBe(true);
        expect(db!.prepare("SELECT value FROM settings WHERE key = 'k'").pluck().get()).toBe('v');
      });
      expect(db!.inTransaction).toBe(false);
      db!.prepare("UPDATE settings SET value = 'w' WHERE key = 'k'").run();
      const row = await database.query
        .selectFrom('settings')
        .select('value')
        .where('key', '=', 'k')
        .executeTakeFirst();
      expect(row?.value).toBe('w');
    });

    it('rolls back a transaction that waits on a timer or a file, saying why', async () => {
      await expect(
        database.transaction(async (trx) => {
          await trx.insertInto('teams').values({ name: 'Waited' }).execute();
          await new Promise((resolve) => setImmediate(resolve)); // as a file read would
        }),
      ).rejects.toThrow(/waited on something other than the database/);
      expect(await teamNames()).not.toContain('Waited');
      expect(db!.inTransaction).toBe(false);
    });
  }
});

describeEachEngine("the database's refusals, in the API's words", () => {
  const refusal = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (failure: unknown) => failure,
    );
    return fromDatabaseError(error)?.toBody() ?? error;
  };

  it('a name taken (ignoring case), a value out of range, a missing reference, a guarantee', async () => {
    await database.query.insertInto('teams').values({ name: 'Taken' }).execute();
    expect(await refusal(database.query.insertInto('teams').values({ name: 'TAKEN' }).execute())).toEqual({
      code: 'conflict',
      message: 'name: a team with this name exists already.',
    });
    expect(
      await refusal(
        database.query
          .insertInto('moments')
          .values({ interaction_id: 1, start_ms: -5, created_at: 'a', updated_at: 'a' })
          .execute(),
      ),
    ).toMatchObject({
      code: 'invalid_params',
      message: expect.stringMatching(/^startMs: the value is not allowed/),
    });
    expect(
      await refusal(
        database.query.insertInto('agents').values({ name: 'Nobody', team_id: 999_999 }).execute(),
      ),
    ).toMatchObject({ code: 'not_found' });
    const rubric = await database.query
      .insertInto('rubrics')
      .values({ key: 'refusals', name: 'R', kind: 'evaluation', language: 'en', created_at: 'now' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const version = await database.query
      .insertInto('rubric_versions')
      .values({ rubric_id: rubric.id, version: 1, content: '{}', sha256: 'h', published_at: 'now' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(
      await refusal(
        database.query
          .updateTable('rubric_versions')
          .set({ note: 'x' })
          .where('id', '=', version.id)
          .execute(),
      ),
    ).toEqual({
      code: 'conflict',
      message: 'A published rubric version cannot be changed; publish a new version.',
    });
  });
});
