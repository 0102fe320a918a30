import { z } from 'zod';
import { describeValue } from './issues';

/**
 * What an evaluation comes to, in one place for every screen, printout and export:
 *
 * - criticalFail: a critical item failed. It wins over everything else, also over a high score and an
 *   unfinished draft, because one rude remark fails the whole evaluation (DOMAIN.md).
 * - pass: the overall percent reaches the rubric version's pass mark. Exactly the pass mark passes.
 * - belowTarget: no critical fail, but the overall percent is under the pass mark.
 *
 * The percent compared is the one people see: points over points with n.a. items removed, rounded once
 * to one decimal (see ./percent). So "80 %" on screen never says "below target" beside a pass mark of
 * 80. Where nothing could be earned (every item n.a.) there is nothing to fall short of: pass.
 */
export const DEFAULT_PASS_MARK = 80;

export const outcomes = ['pass', 'belowTarget', 'criticalFail'] as const;
export const Outcome = z.enum(outcomes);
export type Outcome = z.infer<typeof Outcome>;

/** An evaluation's result: its outcome, or 'incomplete' while a draft still has open items. */
export const evaluationResults = [...outcomes, 'incomplete'] as const;
export const EvaluationResult = z.enum(evaluationResults);
export type EvaluationResult = z.infer<typeof EvaluationResult>;

/** The overall percent an evaluation must reach to pass: a whole percent, 1 to 100. */
export const PassMark = z
  .number({ error: (issue) => `must be a number from 1 to 100 (got ${describeValue(issue.input)})` })
  .refine((value) => Number.isInteger(value) && value >= 1 && value <= 100, {
    error: (issue) => `must be a whole percent from 1 to 100 (got ${describeValue(issue.input)})`,
  });

export function outcomeOf(score: {
  percent: number | null;
  passMark: number;
  criticalFail: boolean;
}): Outcome {
  if (score.criticalFail) return 'criticalFail';
  if (score.percent === null || score.percent >= score.passMark) return 'pass';
  return 'belowTarget';
}

/** A complete evaluation's result is its outcome; an unfinished one is incomplete unless a critical item already failed. */
export function resultOf(outcome: Outcome, complete: boolean): EvaluationResult {
  if (outcome === 'criticalFail' || complete) return outcome;
  return 'incomplete';
}
