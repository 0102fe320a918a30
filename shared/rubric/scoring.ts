import { assertAnswersFit } from './answers';
import type { Answer } from './answers';
import { answerPoints, isFailAnswer, maxPoints } from './items';
import { outcomeOf, resultOf, type EvaluationResult, type Outcome } from './outcome';
import { percentTenths, toHundredths } from './percent';
import type { Rubric } from './schema';

/**
 * The scoring rule (docs/scoring.md: points earned over points possible, per section and overall, n.a.
 * items left out of both; a failed critical item makes the result a fail with an overall 0 while the
 * sections keep their figures):
 *
 * 1. Item: points = answer points × item weight; possible = best-answer points × item weight.
 * 2. Section: earned / possible over its counted items. n.a. and unanswered items are removed from
 *    both sums. The section weight does not touch the section's own figures.
 * 3. Overall: Σ(section weight × section earned) / Σ(section weight × section possible). With all
 *    section weights 1 (the default rubric) this is plainly all points earned over all points
 *    possible; a section weight of 2 counts every point in that section twice.
 *    We chose weighted points over a weighted mean of section percents because docs/scoring.md defines the
 *    overall as points over points, and so a reviewer can check it by adding up the figures shown.
 * 4. A failed critical item makes the result 'fail' and the overall percent 0; the points-based
 *    percent stays in `pointsPercent` and the sections keep their figures.
 * 5. Unanswered items count like n.a. in the figures (so a draft shows a running score) but make the
 *    evaluation incomplete, as does a missing comment where a fail requires one. Submitting needs a
 *    complete evaluation.
 * 6. The outcome holds the percent against the rubric's pass mark (see ./outcome): critical fail,
 *    else pass from the pass mark up, else below target. The result is the outcome once the
 *    evaluation is complete, 'incomplete' before (a critical fail shows at once).
 *
 * Percents are rounded once, half up, to one decimal, from exact integer sums (see ./percent).
 */

export type ItemStatus = 'counted' | 'na' | 'unanswered';
export type { EvaluationResult, Outcome } from './outcome';

export interface ItemScore {
  itemId: string;
  sectionId: string;
  title: string;
  status: ItemStatus;
  /** Points the item is worth after its weight, also when it is removed (to show what n.a. took out). */
  possible: number;
  /** Points earned after weight; 0 unless counted. */
  earned: number;
  criticalFail: boolean;
  /** The answer is a fail, the item requires a comment on a fail, and there is none. */
  commentMissing: boolean;
  /** The overall percent if this item alone were answered best, and how far that is from now. */
  ifBest: { percent: number | null; delta: number | null };
}

export interface SectionScore {
  sectionId: string;
  title: string;
  weight: number;
  earned: number;
  possible: number;
  /** null when nothing in the section counts (all n.a. or unanswered). */
  percent: number | null;
  counted: number;
  na: number;
  unanswered: number;
}

export interface OverallScore {
  /** Σ section weight × section earned. */
  earned: number;
  /** Σ section weight × section possible. */
  possible: number;
  /** earned / possible, before the critical rule. */
  pointsPercent: number | null;
  /** What the evaluation scores: 0 after a critical fail, else `pointsPercent`. */
  percent: number | null;
  /** The rubric version's pass mark, in percent. */
  passMark: number;
  /** Where the figures stand now against the pass mark, also while a draft is still open. */
  outcome: Outcome;
  result: EvaluationResult;
}

export interface ScoreBreakdown {
  rubricId: string;
  sections: SectionScore[];
  items: ItemScore[];
  overall: OverallScore;
  criticalFailItemIds: string[];
  unansweredItemIds: string[];
  missingCommentItemIds: string[];
  /** Every item answered and every required comment written: ready to submit. */
  complete: boolean;
}

/** Integer figures (hundredths of a point per item) kept while scoring; see ./percent. */
interface Units {
  itemIndex: number;
  sectionIndex: number;
  counted: boolean;
  earned: number;
  /** What the item is worth, counted or not. */
  worth: number;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const asPercent = (tenths: number | null) => (tenths === null ? null : tenths / 10);

/** Each item's figures, and its integer units for the sums. */
function scoreItems(rubric: Rubric, answers: readonly Answer[]): { items: ItemScore[]; units: Units[] } {
  const answerFor = new Map(answers.map((a) => [a.itemId, a]));
  const items: ItemScore[] = [];
  const units: Units[] = [];
  rubric.sections.forEach((section, sectionIndex) => {
    for (const item of section.items) {
      const answer = answerFor.get(item.id);
      const value = answer?.value ?? null;
      const counted = value !== null && value.kind !== 'na';
      const weight = toHundredths(item.weight);
      const worth = maxPoints(item) * weight;
      const earned = counted ? answerPoints(item, value) * weight : 0;
      const fail = counted && isFailAnswer(item, value);
      items.push({
        itemId: item.id,
        sectionId: section.id,
        title: item.title,
        status: counted ? 'counted' : value === null ? 'unanswered' : 'na',
        possible: worth / 100,
        earned: earned / 100,
        criticalFail: fail && item.critical,
        commentMissing: fail && item.commentRequiredOnFail && (answer?.comment ?? '').trim() === '',
        ifBest: { percent: null, delta: null },
      });
      units.push({ itemIndex: items.length - 1, sectionIndex, counted, earned, worth });
    }
  });
  return { items, units };
}

export function scoreEvaluation(rubric: Rubric, answers: readonly Answer[]): ScoreBreakdown {
  assertAnswersFit(rubric, answers);
  const { items, units } = scoreItems(rubric, answers);

  const countedIn = (s: number) => units.filter((u) => u.sectionIndex === s && u.counted);
  const sectionEarned = rubric.sections.map((_, s) => sum(countedIn(s).map((u) => u.earned)));
  const sectionPossible = rubric.sections.map((_, s) => sum(countedIn(s).map((u) => u.worth)));
  const sectionWeights = rubric.sections.map((s) => toHundredths(s.weight));
  const weightOf = (s: number) => sectionWeights[s] ?? 0;
  const totalEarned = sum(sectionEarned.map((e, s) => weightOf(s) * e));
  const totalPossible = sum(sectionPossible.map((p, s) => weightOf(s) * p));

  const criticalFailItemIds = items.filter((i) => i.criticalFail).map((i) => i.itemId);
  const unansweredItemIds = items.filter((i) => i.status === 'unanswered').map((i) => i.itemId);
  const missingCommentItemIds = items.filter((i) => i.commentMissing).map((i) => i.itemId);
  const complete = unansweredItemIds.length === 0 && missingCommentItemIds.length === 0;
  const failed = criticalFailItemIds.length > 0;
  const pointsTenths = percentTenths(totalEarned, totalPossible);
  const nowTenths = failed ? 0 : pointsTenths;
  const outcome = outcomeOf({
    percent: asPercent(nowTenths),
    passMark: rubric.passMark,
    criticalFail: failed,
  });

  // What answering each item best would do, from the same integer sums (no re-scoring needed):
  // its missing points join the earned sum, and a removed item joins the possible sum too.
  for (const u of units) {
    const item = items[u.itemIndex];
    if (item === undefined) continue;
    const w = weightOf(u.sectionIndex);
    const stillFailed = criticalFailItemIds.some((id) => id !== item.itemId);
    const bestTenths = stillFailed
      ? 0
      : percentTenths(totalEarned + w * (u.worth - u.earned), totalPossible + (u.counted ? 0 : w * u.worth));
    item.ifBest = {
      percent: asPercent(bestTenths),
      delta: bestTenths === null || nowTenths === null ? null : (bestTenths - nowTenths) / 10,
    };
  }

  const sections = rubric.sections.map((section, s): SectionScore => {
    const own = items.filter((i) => i.sectionId === section.id);
    const earned = sectionEarned[s] ?? 0;
    const possible = sectionPossible[s] ?? 0;
    return {
      sectionId: section.id,
      title: section.title,
      weight: section.weight,
      earned: earned / 100,
      possible: possible / 100,
      percent: asPercent(percentTenths(earned, possible)),
      counted: own.filter((i) => i.status === 'counted').length,
      na: own.filter((i) => i.status === 'na').length,
      unanswered: own.filter((i) => i.status === 'unanswered').length,
    };
  });

  return {
    rubricId: rubric.id,
    sections,
    items,
    overall: {
      // Item units are hundredths of a point and section weights hundredths too: 10 000 per point.
      earned: totalEarned / 10_000,
      possible: totalPossible / 10_000,
      pointsPercent: asPercent(pointsTenths),
      percent: asPercent(nowTenths),
      passMark: rubric.passMark,
      outcome,
      result: resultOf(outcome, complete),
    },
    criticalFailItemIds,
    unansweredItemIds,
    missingCommentItemIds,
    complete,
  };
}

/** The section sub-scores side by side (for the default rubric: courtesy and competence). */
export function sectionScores(
  breakdown: ScoreBreakdown,
): Pick<SectionScore, 'sectionId' | 'title' | 'earned' | 'possible' | 'percent'>[] {
  return breakdown.sections.map(({ sectionId, title, earned, possible, percent }) => ({
    sectionId,
    title,
    earned,
    possible,
    percent,
  }));
}
