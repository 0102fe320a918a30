import { createHash } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { migrations } from '../../../electron/backend/db/migrations';
import { openDatabase } from '../../../electron/backend/db/open';
import { tempDir } from '../../support/paths';
import { seedInteraction, smallDraft } from './fixture';

/**
 * Answers stored before they belonged to a submission (schema 022): each is kept, naming the last
 * submission made before it was given, so an evaluation reopened and submitted since is unanswered.
 */
const data = tempDir('earmark-answers-migration-');
afterAll(() => data.cleanup());

it('keeps every earlier answer, with the submission it answered', async () => {
  const perSubmission = migrations.find((m) => m.name.endsWith('-answers-per-submission'))!.version;
  const old = await openDatabase(data.dir, {
    migrations: migrations.filter((m) => m.version < perSubmission),
  });
  const at = (minute: number) => `2026-11-20T08:${String(minute).padStart(2, '0')}:00.000Z`;
  const run = (sql: string, ...values: unknown[]) => Number(old.prepare(sql).run(...values).lastInsertRowid);
  const reviewer = run(
    `INSERT INTO reviewer_profiles (name, role, created_at) VALUES ('Maria Lind', 'qa_supervisor', ?)`,
    at(0),
  );
  const agent = run(
    `INSERT INTO reviewer_profiles (name, role, created_at) VALUES ('Anna Berg', 'agent', ?)`,
    at(0),
  );
  const rubric = run(
    `INSERT INTO rubrics (key, name, kind, language, created_at) VALUES ('billing', 'Billing', 'evaluation', 'en', ?)`,
    at(0),
  );
  const content = JSON.stringify(smallDraft());
  const version = run(
    `INSERT INTO rubric_versions (rubric_id, version, content, sha256, published_at) VALUES (?, 1, ?, ?, ?)`,
    rubric,
    content,
    createHash('sha256').update(content).digest('hex'),
    at(0),
  );
  const evaluation = (title: string) =>
    run(
      `INSERT INTO evaluations (interaction_id, rubric_version_id, reviewer_id, state, created_at, updated_at, submitted_at)
       VALUES (?, ?, ?, 'submitted', ?, ?, ?)`,
      seedInteraction(old, title),
      version,
      reviewer,
      at(1),
      at(1),
      at(1),
    );
  const audit = (evaluationId: number, action: string, minute: number) =>
    run(
      `INSERT INTO evaluation_audit (evaluation_id, action, reviewer_id, at, reason) VALUES (?, ?, ?, ?, ?)`,
      evaluationId,
      action,
      reviewer,
      at(minute),
      action === 'reopened' ? 'A second look' : null,
    );
  const answer = (evaluationId: number, response: string, minute: number) =>
    run(
      `INSERT INTO evaluation_responses (evaluation_id, response, reason, profile_id, at) VALUES (?, ?, ?, ?, ?)`,
      evaluationId,
      response,
      response === 'disputed' ? 'Not me' : null,
      agent,
      at(minute),
    );
  // Answered, then reopened and submitted again: the answer was to the first submission.
  const reopened = evaluation('Reopened since');
  const first = audit(reopened, 'submitted', 1);
  answer(reopened, 'disputed', 2);
  audit(reopened, 'reopened', 3);
  audit(reopened, 'submitted', 4);
  // Answered and left as it was.
  const standing = evaluation('Standing');
  const only = audit(standing, 'submitted', 1);
  answer(standing, 'acknowledged', 5);
  old.close();

  const db = await openDatabase(data.dir);
  expect(
    db
      .prepare(
        'SELECT evaluation_id, submission_id, response, reason, profile_id, at FROM evaluation_responses ORDER BY evaluation_id',
      )
      .all(),
  ).toEqual([
    {
      evaluation_id: reopened,
      submission_id: first,
      response: 'disputed',
      reason: 'Not me',
      profile_id: agent,
      at: at(2),
    },
    {
      evaluation_id: standing,
      submission_id: only,
      response: 'acknowledged',
      reason: null,
      profile_id: agent,
      at: at(5),
    },
  ]);
  db.close();
});
