import type { EvaluationResult } from './outcome';
import type { ItemStatus, ScoreBreakdown } from './scoring';

/**
 * The score as steps the UI can show, so a reviewer (or the agent in coaching) can follow every
 * figure. Steps are data, not sentences: `key` picks the translated template
 * (e.g. `t(\`rubric.explain.${step.key}\`, step)`) and the numbers are formatted in the user's locale.
 *
 *   section       Courtesy: 9 of 12 points = 75 %
 *   overall       Overall: (1 × 9 + 1 × 10) of (1 × 12 + 1 × 14) = 73.1 %
 *   criticalFail  Critical item 'Polite tone throughout' failed → overall fail (0 %)
 *   incomplete    3 items unanswered, 1 required comment missing
 *   passMark      Pass mark 80 %: 73.1 % is below it
 *   result        Result: below target, 73.1 %
 */
export type ScoreStep =
  | {
      key: 'section';
      sectionId: string;
      title: string;
      earned: number;
      possible: number;
      percent: number | null;
      /** Items removed from both sums (n.a. or unanswered). */
      removed: number;
    }
  | {
      key: 'overall';
      /** One term per section: weight × earned over weight × possible. */
      terms: { sectionId: string; title: string; weight: number; earned: number; possible: number }[];
      earned: number;
      possible: number;
      percent: number | null;
    }
  | { key: 'criticalFail'; itemId: string; sectionId: string; title: string }
  | { key: 'incomplete'; unanswered: number; missingComments: number }
  /** Left out after a critical fail (the pass mark no longer matters) and when nothing could be earned. */
  | { key: 'passMark'; passMark: number; percent: number; reached: boolean }
  | { key: 'result'; result: EvaluationResult; percent: number | null };

/** How one item moved the score. */
export interface ItemImpact {
  itemId: string;
  sectionId: string;
  title: string;
  status: ItemStatus;
  earned: number;
  possible: number;
  /** Points the answer gave away (0 for n.a. and unanswered: they are not in the sums). */
  lost: number;
  criticalFail: boolean;
  /** Overall percent if this item alone were answered best; the gain is ≥ 0. */
  percentIfBest: number | null;
  deltaIfBest: number | null;
}

export interface ScoreExplanation {
  steps: ScoreStep[];
  items: ItemImpact[];
}

export function explainScore(breakdown: ScoreBreakdown): ScoreExplanation {
  const steps: ScoreStep[] = breakdown.sections.map((s) => ({
    key: 'section',
    sectionId: s.sectionId,
    title: s.title,
    earned: s.earned,
    possible: s.possible,
    percent: s.percent,
    removed: s.na + s.unanswered,
  }));
  steps.push({
    key: 'overall',
    terms: breakdown.sections.map((s) => ({
      sectionId: s.sectionId,
      title: s.title,
      weight: s.weight,
      earned: s.earned,
      possible: s.possible,
    })),
    earned: breakdown.overall.earned,
    possible: breakdown.overall.possible,
    percent: breakdown.overall.pointsPercent,
  });
  for (const item of breakdown.items) {
    if (item.criticalFail) {
      steps.push({ key: 'criticalFail', itemId: item.itemId, sectionId: item.sectionId, title: item.title });
    }
  }
  if (!breakdown.complete) {
    steps.push({
      key: 'incomplete',
      unanswered: breakdown.unansweredItemIds.length,
      missingComments: breakdown.missingCommentItemIds.length,
    });
  }
  const { overall } = breakdown;
  if (overall.outcome !== 'criticalFail' && overall.percent !== null) {
    steps.push({
      key: 'passMark',
      passMark: overall.passMark,
      percent: overall.percent,
      reached: overall.outcome === 'pass',
    });
  }
  steps.push({ key: 'result', result: overall.result, percent: overall.percent });

  const items = breakdown.items.map((item): ItemImpact => ({
    itemId: item.itemId,
    sectionId: item.sectionId,
    title: item.title,
    status: item.status,
    earned: item.earned,
    possible: item.possible,
    lost: item.status === 'counted' ? Math.round((item.possible - item.earned) * 100) / 100 : 0,
    criticalFail: item.criticalFail,
    percentIfBest: item.ifBest.percent,
    deltaIfBest: item.ifBest.delta,
  }));
  return { steps, items };
}
