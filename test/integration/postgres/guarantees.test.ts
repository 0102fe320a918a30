import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, openPostgres } from '../../../electron/backend/db/postgres/database';
import { freshPostgresUrl } from '../../support/engines';

/**
 * The schema's own guarantees on PostgreSQL, as the SQLite triggers and CHECKs give them: what a service
 * forgets to check, the database still refuses.
 */
let pool: pg.Pool;
beforeAll(async () => {
  const url = await freshPostgresUrl();
  await (await openPostgres(url)).close();
  pool = createPool(url, 2);
  await pool.query(`
    INSERT INTO reviewer_profiles (id, name, role, created_at) VALUES (1, 'Lea', 'qa_supervisor', '2026-01-01T00:00:00.000Z');
    INSERT INTO rubrics (id, key, name, kind, language, created_at) VALUES (1, 'r', 'R', 'evaluation', 'en', '2026-01-01');
    INSERT INTO rubric_versions (id, rubric_id, version, content, sha256, published_at) VALUES (1, 1, 1, '{"items":[]}', 'h', '2026-01-01');
    INSERT INTO rubric_versions (id, rubric_id, version, content, sha256, published_at) VALUES (2, 1, 2, '{"items":[]}', 'h2', '2026-01-02');
    INSERT INTO interactions (id, kind, title, source) VALUES (1, 'call', 'Call', 'test');
    INSERT INTO evaluations (id, interaction_id, rubric_version_id, reviewer_id, state, created_at, updated_at)
      VALUES (1, 1, 1, 1, 'draft', 'a', 'a');
    INSERT INTO evaluation_answers (evaluation_id, item_id, value, updated_at) VALUES (1, 'q1', '{"kind":"yesNo","value":true}', 'a');
    INSERT INTO evaluation_audit (evaluation_id, action, reviewer_id, at) VALUES (1, 'started', 1, 'a');
  `);
});
afterAll(async () => pool?.end());

const refusal = (text: string) =>
  pool.query(text).then(
    () => null,
    (error: Error & { code?: string }) => ({ code: error.code, message: error.message }),
  );

describe('PostgreSQL keeps the schema guarantees', () => {
  it('a published rubric version is never changed, deleted or truncated', async () => {
    expect(await refusal("UPDATE rubric_versions SET note = 'x' WHERE id = 1")).toEqual({
      code: '23001',
      message: 'a published rubric version cannot be changed; publish a new version',
    });
    expect(await refusal('DELETE FROM rubric_versions WHERE id = 1')).toMatchObject({
      message: 'a published rubric version is never deleted',
    });
    expect(await refusal('TRUNCATE rubric_versions CASCADE')).toMatchObject({
      message: 'a published rubric version is never deleted',
    });
  });

  it('an evaluation keeps its rubric version; the audit trail is append-only', async () => {
    expect(await refusal('UPDATE evaluations SET rubric_version_id = 2 WHERE id = 1')).toMatchObject({
      message: 'an evaluation keeps the rubric version it was scored on',
    });
    expect(await refusal("UPDATE evaluations SET overall_comment = 'fine' WHERE id = 1")).toBeNull();
    expect(await refusal("UPDATE evaluation_audit SET at = 'b'")).toMatchObject({
      message: 'the audit trail is append-only',
    });
  });

  it("a submitted evaluation's answers cannot be written until it is reopened", async () => {
    await pool.query("UPDATE evaluations SET state = 'submitted' WHERE id = 1");
    const locked = { message: 'a submitted evaluation is locked; reopen it first' };
    expect(await refusal("UPDATE evaluation_answers SET comment = 'x'")).toMatchObject(locked);
    expect(
      await refusal(
        "INSERT INTO evaluation_answers (evaluation_id, item_id, updated_at) VALUES (1, 'q2', 'a')",
      ),
    ).toMatchObject(locked);
    await pool.query("UPDATE evaluations SET state = 'draft' WHERE id = 1");
    expect(await refusal("UPDATE evaluation_answers SET comment = 'x'")).toBeNull();
  });

  it('types and CHECKs hold as on STRICT SQLite tables', async () => {
    expect(await refusal("UPDATE evaluations SET revision = 'many'")).toMatchObject({ code: '22P02' });
    expect(await refusal("UPDATE rubrics SET draft = '{not json'")).toMatchObject({ code: '23514' });
    expect(
      await refusal(
        "INSERT INTO coaching_notes (session_id, author_id, private, body, created_at, updated_at) VALUES (1, 1, 1, 'readable', 'a', 'a')",
      ),
    ).toMatchObject({ code: '23514' });
    expect(await refusal("INSERT INTO teams (name) VALUES ('Nord'), ('NORD')")).toMatchObject({
      code: '23505',
    });
  });
});
