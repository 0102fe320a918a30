import { scoreEvaluation, type ScoreBreakdown } from '../../../../shared/rubric/scoring';
import type { Database } from '../../db/database';
import type { ScoreOutcome } from '../../db/schema';
import { loadVersion, type VersionContent } from '../rubrics/version-cache';
import { answersOf } from './answers';

/**
 * A submitted evaluation keeps its overall score and outcome in its row: that is its score on every
 * screen and in every export (./score.ts), and what the library filters and sorts by. Answers cannot
 * change while it is submitted, so the stored figures cannot go stale. A draft has none.
 */
export const storedScore = (
  breakdown: ScoreBreakdown,
): { score_percent: number | null; score_outcome: ScoreOutcome } => ({
  score_percent: breakdown.overall.percent,
  score_outcome: breakdown.overall.outcome,
});

export const noStoredScore = { score_percent: null, score_outcome: null } as const;

/**
 * Scores the submitted evaluations that have no stored score yet: those submitted before scores were
 * stored (migration 006). The outcome marks a row as done (the percent is null where nothing could be
 * earned), so after the first start this finds nothing. Runs at every start, on either engine. Returns
 * how many it scored.
 */
export async function backfillStoredScores(database: Database): Promise<number> {
  const pending = await database.query
    .selectFrom('evaluations')
    .select(['id', 'rubric_version_id'])
    .where('state', '=', 'submitted')
    .where('score_outcome', 'is', null)
    .execute();
  if (pending.length === 0) return 0;
  const evaluations: { id: number; version: VersionContent }[] = [];
  for (const { id, rubric_version_id } of pending) {
    evaluations.push({ id, version: await loadVersion(database.query, rubric_version_id) });
  }
  const answers = await answersOf(database.query, evaluations);
  await database.transaction(async (trx) => {
    for (const { id, version } of evaluations) {
      await trx
        .updateTable('evaluations')
        .set(storedScore(scoreEvaluation(version.rubric, answers.get(id) ?? [])))
        .where('id', '=', id)
        // Reopened since it was read: a draft keeps no score.
        .where('state', '=', 'submitted')
        .execute();
    }
  });
  return pending.length;
}
