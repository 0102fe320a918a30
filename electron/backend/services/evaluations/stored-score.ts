import { scoreEvaluation, type ScoreBreakdown } from '../../../../shared/rubric/scoring';
import type { Db } from '../../db/open';
import { versionContent } from '../rubrics/version-cache';
import { loadAnswersOf } from './answers';
import { statement } from './statements';

/**
 * A submitted evaluation keeps its overall score and outcome in its row so the library can filter and
 * sort by them; answers cannot change while it is submitted, so the stored figures cannot go stale. A
 * draft has none.
 */
export function storeScore(db: Db, evaluationId: number, breakdown: ScoreBreakdown): void {
  statement(db, 'UPDATE evaluations SET score_percent = ?, score_outcome = ? WHERE id = ?').run(
    breakdown.overall.percent,
    breakdown.overall.outcome,
    evaluationId,
  );
}

export function clearScore(db: Db, evaluationId: number): void {
  statement(db, 'UPDATE evaluations SET score_percent = NULL, score_outcome = NULL WHERE id = ?').run(
    evaluationId,
  );
}

/**
 * Scores the submitted evaluations that have no stored score yet: those submitted before scores were
 * stored (migration 006). The outcome marks a row as done (the percent is null where nothing could be
 * earned), so after the first start this finds nothing. Returns how many it scored.
 */
export function backfillStoredScores(db: Db): number {
  const pending = db
    .prepare(
      `SELECT id, rubric_version_id AS versionId FROM evaluations WHERE state = 'submitted' AND score_outcome IS NULL`,
    )
    .all() as { id: number; versionId: number }[];
  if (pending.length === 0) return 0;
  const evaluations = pending.map(({ id, versionId }) => ({ id, version: versionContent(db, versionId) }));
  const answersOf = loadAnswersOf(db, evaluations);
  db.transaction(() => {
    for (const { id, version } of evaluations) {
      storeScore(db, id, scoreEvaluation(version.rubric, answersOf.get(id) ?? []));
    }
  })();
  return pending.length;
}
