import type { ParsedParams } from '../../../../shared/api';
import type { DraftSaved, EvaluationDetail } from '../../../../shared/api/methods/evaluations';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { assertInteraction } from '../review/interaction-exists';
import { latestVersionId } from '../rubrics/store';
import { versionContent } from '../rubrics/version-cache';
import { checkPatches, writePatches } from './answers';
import { getEvaluation } from './read';
import { statement } from './statements';
import { nowIso } from '../../clock';

/**
 * A draft on the rubric's latest version, by the acting reviewer. A reviewer who already has a draft of
 * this rubric for the interaction gets it back (a double click, or a second window, must not start a
 * second evaluation).
 */
export function startEvaluation(
  db: Db,
  reviewerId: number,
  params: ParsedParams<'evaluation.start'>,
): EvaluationDetail {
  const id = db.transaction(() => {
    assertInteraction(db, params.interactionId);
    const versionId = latestVersionId(db, params.rubricId);
    const open = db
      .prepare(
        `SELECT e.id FROM evaluations e JOIN rubric_versions v ON v.id = e.rubric_version_id
         WHERE e.interaction_id = ? AND v.rubric_id = ? AND e.reviewer_id = ? AND e.state = 'draft'
         ORDER BY e.id DESC LIMIT 1`,
      )
      .pluck()
      .get(params.interactionId, params.rubricId, reviewerId) as number | undefined;
    if (open !== undefined) return open;
    const at = nowIso(db);
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO evaluations (interaction_id, rubric_version_id, reviewer_id, state, created_at, updated_at, updated_by)
         VALUES (?, ?, ?, 'draft', ?, ?, ?)`,
      )
      .run(params.interactionId, versionId, reviewerId, at, at, reviewerId);
    const created = Number(lastInsertRowid);
    db.prepare(
      `INSERT INTO evaluation_audit (evaluation_id, action, reviewer_id, at) VALUES (?, 'started', ?, ?)`,
    ).run(created, reviewerId, at);
    return created;
  })();
  return getEvaluation(db, id);
}

interface DraftRow {
  interaction_id: number;
  rubric_version_id: number;
  state: 'draft' | 'submitted';
  revision: number;
}

/** Throws unless the evaluation exists and is a draft; a submitted one is locked until reopened. */
export function draftRow(db: Db, id: number): DraftRow {
  const row = statement(
    db,
    'SELECT interaction_id, rubric_version_id, state, revision FROM evaluations WHERE id = ?',
  ).get(id) as DraftRow | undefined;
  if (!row) throw new EarmarkError('not_found', `id: there is no evaluation with id ${id}.`);
  if (row.state !== 'draft') {
    throw new EarmarkError(
      'conflict',
      `Evaluation ${id} is submitted and locked: reopen it (with a reason) to change it.`,
    );
  }
  return row;
}

/**
 * The autosave: every change in one transaction, so a save is on disk whole or not at all when the
 * reply says it is (WAL, synchronous=FULL). The revision counts saves, so a client (and the kill test)
 * can tell which change the database holds.
 */
export function saveDraft(
  db: Db,
  reviewerId: number,
  params: ParsedParams<'evaluation.saveDraft'>,
): DraftSaved {
  return db.transaction(() => {
    const row = draftRow(db, params.id);
    const version = versionContent(db, row.rubric_version_id);
    checkPatches(db, row.interaction_id, version, params.answers);
    const at = nowIso(db);
    writePatches(db, params.id, params.answers, at);
    statement(
      db,
      `UPDATE evaluations SET revision = revision + 1, updated_at = ?, updated_by = ?,
         overall_comment = coalesce(?, overall_comment) WHERE id = ?`,
    ).run(at, reviewerId, params.overallComment ?? null, params.id);
    return { id: params.id, revision: row.revision + 1, updatedAt: at };
  })();
}

/** Only a draft that was never submitted can go: a submitted evaluation stays, with its trail. */
export function discardDraft(db: Db, id: number): { id: number } {
  return db.transaction(() => {
    draftRow(db, id);
    const submitted = db
      .prepare(`SELECT 1 FROM evaluation_audit WHERE evaluation_id = ? AND action = 'submitted'`)
      .get(id);
    if (submitted) {
      throw new EarmarkError(
        'conflict',
        `Evaluation ${id} was submitted before; it is kept with its audit trail and cannot be discarded.`,
      );
    }
    db.prepare('DELETE FROM evaluations WHERE id = ?').run(id);
    return { id };
  })();
}
