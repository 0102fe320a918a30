import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { fromDatabaseError } from '../../electron/backend/database-errors';
import type { EvaluationDetail } from '../../shared/api/methods/evaluations';
import { call, testBackend } from '../support/backend';
import { createProfile, publishSmallRubric, seedInteraction } from './evaluations/fixture';

/**
 * Every trigger and constraint kind of the real schema (the migrations), fired straight in SQL, and
 * what the API makes of it: the code it means and a message that names the field or the rule.
 */

let backend: Backend;
let cleanup: () => void;
let evaluationId: number;
let versionId: number;

beforeAll(async () => {
  ({ backend, cleanup } = await testBackend());
  const maria = await createProfile(backend, 'Maria Lind');
  const rubric = await publishSmallRubric(backend, maria.id);
  versionId = rubric.latestVersion!.id;
  const interactionId = seedInteraction(backend.db, 'Double charge on invoice');
  const evaluation = await call<EvaluationDetail>(backend, 'evaluation.start', {
    interactionId,
    rubricId: rubric.id,
  });
  evaluationId = evaluation.id;
  await call(backend, 'evaluation.saveDraft', {
    id: evaluationId,
    answers: [
      { itemId: 'greeting', value: { kind: 'yes' } },
      { itemId: 'polite', value: { kind: 'yes' } },
      { itemId: 'knowledge', value: { kind: 'scale', value: 1 } },
    ],
  });
  await call(backend, 'evaluation.submit', { id: evaluationId });
});
afterAll(() => cleanup());

function mapped(sql: string, ...args: unknown[]) {
  try {
    backend.db.prepare(sql).run(...args);
  } catch (error) {
    const typed = fromDatabaseError(error);
    return typed ? typed.toBody() : { code: 'not mapped', message: (error as Error).message };
  }
  throw new Error(`the database accepted: ${sql}`);
}

describe('triggers', () => {
  it('a submitted evaluation is locked', () => {
    expect(
      mapped("UPDATE evaluation_answers SET comment = 'x' WHERE evaluation_id = ?", evaluationId),
    ).toEqual({
      code: 'conflict',
      message: 'A submitted evaluation is locked; reopen it first.',
    });
    expect(
      mapped(
        "INSERT INTO evaluation_answers (evaluation_id, item_id, updated_at) VALUES (?, 'new', 'now')",
        evaluationId,
      ),
    ).toMatchObject({ code: 'conflict' });
  });

  it('an evaluation keeps its rubric version; published versions are never changed or deleted', () => {
    const other = backend.db
      .prepare('SELECT id FROM rubric_versions WHERE id <> ? LIMIT 1')
      .pluck()
      .get(versionId) as number;
    expect(mapped('UPDATE evaluations SET rubric_version_id = ? WHERE id = ?', other, evaluationId)).toEqual({
      code: 'conflict',
      message: 'An evaluation keeps the rubric version it was scored on.',
    });
    expect(mapped("UPDATE rubric_versions SET note = 'x' WHERE id = ?", versionId)).toEqual({
      code: 'conflict',
      message: 'A published rubric version cannot be changed; publish a new version.',
    });
    expect(mapped('DELETE FROM rubric_versions WHERE id = ?', versionId)).toEqual({
      code: 'conflict',
      message: 'A published rubric version is never deleted.',
    });
  });

  it('the audit trail is append-only', () => {
    expect(
      mapped("UPDATE evaluation_audit SET reason = 'changed' WHERE evaluation_id = ?", evaluationId),
    ).toEqual({
      code: 'conflict',
      message: 'The audit trail is append-only.',
    });
  });

  it('a trigger can name its code itself', () => {
    backend.db.exec(
      "CREATE TEMP TRIGGER test_private BEFORE UPDATE ON main.reels BEGIN SELECT RAISE(ABORT, 'not_allowed: only its author may change a private note'); END",
    );
    backend.db.prepare("INSERT INTO reels (title, created_at, updated_at) VALUES ('R', 'now', 'now')").run();
    expect(mapped("UPDATE reels SET title = 'S'")).toEqual({
      code: 'not_allowed',
      message: 'only its author may change a private note',
    });
    backend.db.exec('DROP TRIGGER temp.test_private');
  });
});

describe('constraints', () => {
  it('unique and primary keys: conflict, naming the fields', () => {
    expect(mapped("INSERT INTO teams (name) VALUES ('Customer Care')")).toEqual({
      code: 'conflict',
      message: 'name: a team with this name exists already.',
    });
    backend.db.prepare("UPDATE evaluations SET state = 'draft' WHERE id = ?").run(evaluationId);
    expect(
      mapped(
        "INSERT INTO evaluation_answers (evaluation_id, item_id, updated_at) VALUES (?, 'greeting', 'now')",
        evaluationId,
      ),
    ).toEqual({
      code: 'conflict',
      message: 'evaluationId, itemId: an evaluation answer with this evaluationId and itemId exists already.',
    });
    backend.db.prepare("UPDATE evaluations SET state = 'submitted' WHERE id = ?").run(evaluationId);
  });

  it('CHECK rules: invalid_params, naming the column they guard', () => {
    expect(mapped("INSERT INTO tags (name) VALUES ('')")).toEqual({
      code: 'invalid_params',
      message: 'name: the value is not allowed (length(name) BETWEEN 1 AND 60).',
    });
    expect(
      mapped(
        "INSERT INTO evaluation_audit (evaluation_id, action, reviewer_id, at, reason) VALUES (?, 'reopened', 1, 'now', 'x')",
        evaluationId,
      ),
    ).toMatchObject({ code: 'invalid_params', message: expect.stringMatching(/^reason: /) });
    expect(
      mapped("INSERT INTO reviewer_profiles (name, role, created_at) VALUES ('Kim', 'boss', 'now')"),
    ).toMatchObject({
      code: 'invalid_params',
      message: expect.stringMatching(/^role: /),
    });
  });

  it('NOT NULL: invalid_params; a foreign key to nothing: not_found', () => {
    expect(mapped('INSERT INTO tags (name) VALUES (NULL)')).toEqual({
      code: 'invalid_params',
      message: 'name: a tag needs a name.',
    });
    expect(mapped('INSERT INTO moment_tags (moment_id, tag_id) VALUES (424242, 1)')).toMatchObject({
      code: 'not_found',
    });
  });

  it('anything else is not the caller’s doing and stays internal', () => {
    expect(mapped('SELECT * FROM no_such_table')).toEqual({
      code: 'not mapped',
      message: 'no such table: no_such_table',
    });
    expect(fromDatabaseError(new Error('plain'))).toBeNull();
  });
});
