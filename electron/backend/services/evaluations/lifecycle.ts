import type { EvaluationDetail } from '../../../../shared/api/methods/evaluations';
import { scoreEvaluation, type ScoreBreakdown } from '../../../../shared/rubric/scoring';
import { EarmarkError } from '../../../../shared/errors';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';
import { loadVersion, transactionWithVersions, type VersionContent } from '../rubrics/version-cache';
import { loadAnswers } from './answers';
import { draftRow } from './drafts';
import { getEvaluation } from './read';
import { diffSnapshots, snapshotOf, type SubmittedSnapshot } from './snapshots';
import { noStoredScore, storedScore } from './stored-score';
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

/** The evaluation's latest submit in its audit trail (what an agent's answer answers), if any. */
export function latestSubmission(q: Query, evaluationId: number) {
  return q
    .selectFrom('evaluation_audit')
    .select(['id', 'snapshot'])
    .where('evaluation_id', '=', evaluationId)
    .where('action', '=', 'submitted')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Locks a complete evaluation. Complete means every item answered (or n.a.) and every required
 * comment written: a critical fail alone does not make it complete, since the agent and a later
 * dispute need the whole picture, starting with the comment on the failed critical item itself.
 * The score stored here is the evaluation's score on every screen from now on (./score.ts).
 */
export async function submitEvaluation(
  database: Database,
  id: number,
  reviewerId: number,
): Promise<EvaluationDetail> {
  const at = nowIso(database);
  await transactionWithVersions(database, async (trx) => {
    const row = await draftRow(trx, id, database.engine);
    const version = await loadVersion(trx, row.rubric_version_id);
    const answers = await loadAnswers(trx, id, version);
    const breakdown = scoreEvaluation(version.rubric, answers);
    if (!breakdown.complete) {
      throw new EarmarkError(
        'conflict',
        `Evaluation ${id} cannot be submitted yet: ${whatIsMissing(version, breakdown)}.`,
      );
    }
    const { overall_comment: overallComment } = await trx
      .selectFrom('evaluations')
      .select('overall_comment')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const snapshot = snapshotOf(answers, overallComment);
    const previous = await latestSubmission(trx, id);
    const order = (itemId: string) => version.itemOrder.get(itemId) ?? Number.MAX_SAFE_INTEGER;
    const changes = previous?.snapshot
      ? diffSnapshots(JSON.parse(previous.snapshot) as SubmittedSnapshot, snapshot, order)
      : [];
    await trx
      .updateTable('evaluations')
      .set({
        state: 'submitted',
        submitted_at: at,
        updated_at: at,
        updated_by: reviewerId,
        ...storedScore(breakdown),
      })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('evaluation_audit')
      .values({
        evaluation_id: id,
        action: 'submitted',
        reviewer_id: reviewerId,
        at,
        snapshot: JSON.stringify(snapshot),
        changes: JSON.stringify(changes),
      })
      .execute();
  });
  return getEvaluation(database.query, id);
}

/** Unlocks a submitted evaluation for changes; the reason and who gave it go into the audit trail. */
export async function reopenEvaluation(
  database: Database,
  id: number,
  reviewerId: number,
  reason: string,
): Promise<EvaluationDetail> {
  const at = nowIso(database);
  await database.transaction(async (trx) => {
    let select = trx.selectFrom('evaluations').select('state').where('id', '=', id);
    if (database.engine === 'postgres') select = select.forUpdate();
    const row = await select.executeTakeFirst();
    if (row === undefined) throw new EarmarkError('not_found', `id: there is no evaluation with id ${id}.`);
    if (row.state !== 'submitted') {
      throw new EarmarkError('conflict', `Evaluation ${id} is a draft already: there is nothing to reopen.`);
    }
    // A draft has no stored score: its figures come from its answers until it is submitted again.
    await trx
      .updateTable('evaluations')
      .set({ state: 'draft', submitted_at: null, updated_at: at, updated_by: reviewerId, ...noStoredScore })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('evaluation_audit')
      .values({ evaluation_id: id, action: 'reopened', reviewer_id: reviewerId, at, reason })
      .execute();
  });
  return getEvaluation(database.query, id);
}
