import type { ScoreFigures } from '../../../../shared/api/methods/rubrics';
import type { Answer } from '../../../../shared/rubric/answers';
import type { Outcome } from '../../../../shared/rubric/outcome';
import { scoreEvaluation, type ScoreBreakdown } from '../../../../shared/rubric/scoring';
import type { Rubric } from '../../../../shared/rubric/schema';

export function figuresOf(breakdown: ScoreBreakdown): ScoreFigures {
  return {
    result: breakdown.overall.result,
    passMark: breakdown.overall.passMark,
    percent: breakdown.overall.percent,
    sections: breakdown.sections.map(({ sectionId, title, percent }) => ({ sectionId, title, percent })),
  };
}

export const scoreFigures = (rubric: Rubric, answers: readonly Answer[]): ScoreFigures =>
  figuresOf(scoreEvaluation(rubric, answers));

/** What an evaluation's row keeps of its score (see ./stored-score): set while submitted, null as a draft. */
export interface StoredScore {
  percent: number | null;
  outcome: Outcome | null;
}

/** The stored score of a row read with `e.score_percent` and `e.score_outcome`. */
export const storedScoreOf = (row: {
  score_percent: number | null;
  score_outcome: Outcome | null;
}): StoredScore => ({ percent: row.score_percent, outcome: row.score_outcome });

/**
 * The figures every screen, printout and export shows for an evaluation, one source for each:
 *
 * - A submitted evaluation's overall percent and outcome are the ones stored at submit (./stored-score),
 *   which the library filters and sorts by. They were scored from the answers with shared/rubric when
 *   it was submitted, and cannot go stale: answers are locked while submitted, a reopen clears them and
 *   the next submit scores again; rubric versions never change, and a new version rescores nothing.
 * - A draft has no stored score: its figures are scored from its answers as they stand.
 * - Section percents (and item points) are not stored: they come from the answers, with the same rules.
 */
export function shownFigures(breakdown: ScoreBreakdown, stored: StoredScore): ScoreFigures {
  const figures = figuresOf(breakdown);
  if (stored.outcome === null) return figures;
  return { ...figures, percent: stored.percent, result: stored.outcome };
}
