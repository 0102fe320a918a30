import type { ScoreFigures } from '../../../../shared/api/methods/rubrics';
import type { Answer } from '../../../../shared/rubric/answers';
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
