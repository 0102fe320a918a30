import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../electron/backend/db/database';
import { createPool, openPostgres } from '../../../electron/backend/db/postgres/database';
import { prepared } from '../../../electron/backend/db/prepared';
import { auditTrail, evaluationRow } from '../../../electron/backend/services/evaluations/read';
import { freshPostgresUrl } from '../../support/engines';

/**
 * A rolling upgrade: another process migrates while this server runs. Its compiled-once statements are
 * named statements, planned once per connection; a migration must not break them for the rest of the
 * process's life.
 */
let database: Database;
/** The other process: it migrates. */
let migrator: pg.Pool;
beforeAll(async () => {
  const url = await freshPostgresUrl();
  // One connection: every call below runs on the connection that planned the statement.
  database = await openPostgres(url, { maxConnections: 1 });
  migrator = createPool(url, 1);
  await migrator.query(`
    INSERT INTO reviewer_profiles (id, name, role, created_at) VALUES (1, 'Lea', 'qa_supervisor', '2026-01-01T00:00:00.000Z');
    INSERT INTO rubrics (id, key, name, kind, language, created_at) VALUES (1, 'r', 'R', 'evaluation', 'en', '2026-01-01');
    INSERT INTO rubric_versions (id, rubric_id, version, content, sha256, published_at) VALUES (1, 1, 1, '{"items":[]}', 'h', '2026-01-01');
    INSERT INTO interactions (id, kind, title, source) VALUES (1, 'call', 'Call', 'test');
    INSERT INTO evaluations (id, interaction_id, rubric_version_id, reviewer_id, state, created_at, updated_at)
      VALUES (1, 1, 1, 1, 'draft', 'a', 'a');
    INSERT INTO evaluation_audit (evaluation_id, action, reviewer_id, at) VALUES (1, 'started', 1, 'a');
    INSERT INTO teams (name) VALUES ('Nord');
  `);
});
afterAll(async () => {
  await database?.close();
  await migrator?.end();
});

const teamName = prepared((q, p: { id: number }) =>
  q.selectFrom('teams').select('name').where('id', '=', p.id),
);

describe('named statements on PostgreSQL survive a migration another process runs', () => {
  it('an evaluation and its audit trail still read after a column is added to their tables', async () => {
    const before = await evaluationRow(database.query, 1);
    expect(await auditTrail(database.query, 1)).toHaveLength(1);
    await migrator.query(`
      ALTER TABLE evaluations ADD COLUMN added_later text;
      ALTER TABLE evaluation_audit ADD COLUMN added_later text;
    `);
    // With `e.*` planned before the column came: "cached plan must not change result type".
    expect(await evaluationRow(database.query, 1)).toEqual(before);
    expect(await auditTrail(database.query, 1)).toHaveLength(1);
    expect(await database.transaction((trx) => evaluationRow(trx, 1))).toEqual(before);
  });

  it('a statement whose result columns a migration changed is parsed again and run, in and out of a transaction', async () => {
    expect((await teamName(database.query, { id: 1 })).rows).toEqual([{ name: 'Nord' }]);
    await migrator.query('ALTER TABLE teams ALTER COLUMN name TYPE varchar(400)');
    expect((await teamName(database.query, { id: 1 })).rows).toEqual([{ name: 'Nord' }]);

    await migrator.query('ALTER TABLE teams ALTER COLUMN name TYPE varchar(500)');
    let runs = 0;
    const names = await database.transaction(async (trx) => {
      runs++;
      await trx
        .insertInto('teams')
        .values({ name: `Süd ${runs}` })
        .execute();
      return (await teamName(trx, { id: 1 })).rows;
    });
    expect(names).toEqual([{ name: 'Nord' }]);
    // The first try failed and rolled back whole: its row is gone, the second try's is kept.
    expect(runs).toBe(2);
    const teams = await database.query.selectFrom('teams').select('name').orderBy('id').execute();
    expect(teams.map((team) => team.name)).toEqual(['Nord', 'Süd 2']);
  });

  it('other errors are not retried, and a compiled-once query must name its columns', async () => {
    let runs = 0;
    await expect(
      database.transaction(async (trx) => {
        runs++;
        await trx.insertInto('teams').values({ name: 'Nord' }).execute();
      }),
    ).rejects.toThrow();
    expect(runs).toBe(1);
    const everything = prepared((q, p: { id: number }) =>
      q.selectFrom('teams').selectAll().where('id', '=', p.id),
    );
    await expect(everything(database.query, { id: 1 })).rejects.toThrow('prepared query: name its columns');
  });
});
