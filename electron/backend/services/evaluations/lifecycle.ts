import type { EvaluationDetail } from '../../../../shared/api/methods/evaluations';
import { scoreEvaluation, type ScoreBreakdown } from '../../../../shared/rubric/scoring';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { versionContent, type VersionContent } from '../rubrics/version-cache';
import { loadAnswers } from './answers';
import { draftRow } from './drafts';
import { getEvaluation } from './read';
import { diffSnapshots, snapshotOf, type SubmittedSnapshot } from './snapshots';
import { clearScore, storeScore } from './stored-score';
import { nowIso } from '../../clock';

/** "3 items are not answered (Greeting, Closing, …); a comment is missing on: Polite tone." */
function whatIsMissing(version: VersionContent, breakdown: ScoreBreakdown): string {
  const titles = (ids: readonly string[]) => {
    const names = ids.slice(0, 5).map((id) => version.items.get(id)?.item.title ?? id);
    return ids.length > 5 ? `${names.join(', ')}, …` : names.join(', ');
  };
  const parts: string[] = [];
  const unanswered = breakdown.unansweredItemIds;
  if (unanswered.length > 0) {
    parts.push(
      `${unanswered.length} item${unanswered.length > 1 ? 's are' : ' is'} not answered (${titles(unanswered)})`,
    );
  }
  const comments = breakdown.missingCommentItemIds;
  if (comments.length > 0) parts.push(`a comment is required where these items fail: ${titles(comments)}`);
  return parts.join('; ');
}

/**
 * Locks a complete evaluation. Complete means every item answered (or n.a.) and every required
 * comment written: a critical fail alone does not make it complete, since the agent and a later
 * dispute need the whole picture, starting with the comment on the failed critical item itself.
 */
export function submitEvaluation(db: Db, id: number, reviewerId: number): EvaluationDetail {
  db.transaction(() => {
    const row = draftRow(db, id);
    const version = versionContent(db, row.rubric_version_id);
    const answers = loadAnswers(db, id, version);
    const breakdown = scoreEvaluation(version.rubric, answers);
    if (!breakdown.complete) {
      throw new EarmarkError(
        'conflict',
        `Evaluation ${id} cannot be submitted yet: ${whatIsMissing(version, breakdown)}.`,
      );
    }
    const overallComment = db
      .prepare('SELECT overall_comment FROM evaluations WHERE id = ?')
      .pluck()
      .get(id) as string;
    const snapshot = snapshotOf(answers, overallComment);
    const previous = db
      .prepare(
        `SELECT snapshot FROM evaluation_audit WHERE evaluation_id = ? AND action = 'submitted' ORDER BY id DESC LIMIT 1`,
      )
      .pluck()
      .get(id) as string | undefined;
    const order = (itemId: string) => version.itemOrder.get(itemId) ?? Number.MAX_SAFE_INTEGER;
    const changes = previous ? diffSnapshots(JSON.parse(previous) as SubmittedSnapshot, snapshot, order) : [];
    const at = nowIso(db);
    db.prepare(
      `UPDATE evaluations SET state = 'submitted', submitted_at = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
    ).run(at, at, reviewerId, id);
    storeScore(db, id, breakdown);
    db.prepare(
      `INSERT INTO evaluation_audit (evaluation_id, action, reviewer_id, at, snapshot, changes)
       VALUES (?, 'submitted', ?, ?, ?, ?)`,
    ).run(id, reviewerId, at, JSON.stringify(snapshot), JSON.stringify(changes));
  })();
  return getEvaluation(db, id);
}

/** Unlocks a submitted evaluation for changes; the reason and who gave it go into the audit trail. */
export function reopenEvaluation(db: Db, id: number, reviewerId: number, reason: string): EvaluationDetail {
  db.transaction(() => {
    const state = db.prepare('SELECT state FROM evaluations WHERE id = ?').pluck().get(id) as
      string | undefined;
    if (state === undefined) throw new EarmarkError('not_found', `id: there is no evaluation with id ${id}.`);
    if (state !== 'submitted') {
      throw new EarmarkError('conflict', `Evaluation ${id} is a draft already: there is nothing to reopen.`);
    }
    const at = nowIso(db);
    db.prepare(
      `UPDATE evaluations SET state = 'draft', submitted_at = NULL, updated_at = ?, updated_by = ? WHERE id = ?`,
    ).run(at, reviewerId, id);
    clearScore(db, id);
    db.prepare(
      `INSERT INTO evaluation_audit (evaluation_id, action, reviewer_id, at, reason) VALUES (?, 'reopened', ?, ?, ?)`,
    ).run(id, reviewerId, at, reason);
  })();
  return getEvaluation(db, id);
}
