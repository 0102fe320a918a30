import type { ItemStat } from '../../../../shared/api/methods/agents';
import { percentOf } from '../../../../shared/rubric/percent';
import { countedItems, itemKey, type ScoredEvaluation } from './scored-evaluations';

interface Tally {
  itemId: string;
  title: string;
  sectionTitle: string;
  /** Hundredths of a point, so sums stay exact (see shared/rubric/percent). */
  earned: number;
  possible: number;
  answeredCount: number;
  missedCount: number;
}

const hundredths = (points: number) => Math.round(points * 100);

/**
 * Each item's points summed over the evaluations (n.a., unanswered and worthless items left out). Titles
 * come from the latest evaluation that counted the item, so a renamed item shows its current name.
 * `evaluations` is oldest first.
 */
export function itemStats(evaluations: readonly ScoredEvaluation[]): ItemStat[] {
  const tallies = new Map<string, Tally>();
  for (const evaluation of [...evaluations].reverse()) {
    for (const { score, sectionTitle, missed } of countedItems(evaluation)) {
      const key = itemKey(score.sectionId, score.itemId);
      let tally = tallies.get(key);
      if (!tally) {
        tally = {
          itemId: score.itemId,
          title: score.title,
          sectionTitle,
          earned: 0,
          possible: 0,
          answeredCount: 0,
          missedCount: 0,
        };
        tallies.set(key, tally);
      }
      tally.earned += hundredths(score.earned);
      tally.possible += hundredths(score.possible);
      tally.answeredCount += 1;
      if (missed) tally.missedCount += 1;
    }
  }
  return [...tallies.values()].map((tally) => ({
    itemId: tally.itemId,
    title: tally.title,
    sectionTitle: tally.sectionTitle,
    earned: tally.earned / 100,
    possible: tally.possible / 100,
    // Never null: only items worth something are tallied.
    percent: percentOf(tally.earned, tally.possible) ?? 0,
    answeredCount: tally.answeredCount,
    missedCount: tally.missedCount,
  }));
}

/**
 * Where points were lost, lowest percent first; on a tie the item missed more often, then the one with
 * more points at stake. An item that earned every point is no coaching focus, however few items there are.
 */
export function weakestItems(stats: readonly ItemStat[], count: number): ItemStat[] {
  return stats
    .filter((item) => item.earned < item.possible)
    .sort(
      (a, b) =>
        a.percent - b.percent ||
        b.missedCount - a.missedCount ||
        b.possible - a.possible ||
        a.title.localeCompare(b.title),
    )
    .slice(0, count);
}

/**
 * Where points were earned, highest percent first; on a tie the item missed less often, then the one
 * shown in more evaluations. Items already listed as weakest are left out (`weakest`), so with only a
 * few items none is praised and named as the coaching focus at once.
 */
export function strongestItems(
  stats: readonly ItemStat[],
  count: number,
  weakest: readonly ItemStat[] = [],
): ItemStat[] {
  const listed = new Set(weakest);
  return stats
    .filter((item) => item.earned > 0 && !listed.has(item))
    .sort(
      (a, b) =>
        b.percent - a.percent ||
        a.missedCount - b.missedCount ||
        b.answeredCount - a.answeredCount ||
        a.title.localeCompare(b.title),
    )
    .slice(0, count);
}

/** The agent page's two lists: no item in both. */
export function itemLists(stats: readonly ItemStat[], count: number) {
  const weakest = weakestItems(stats, count);
  return { weakest, strongest: strongestItems(stats, count, weakest) };
}
