import { answerMismatch, itemsById, type Answer } from '../../../../shared/rubric/answers';
import type { Rubric } from '../../../../shared/rubric/schema';

/**
 * Answers from one version applied to another, matched by item id. An answer whose item is gone, or
 * which the changed item no longer takes (a scale shortened below it, an option removed, n.a. no
 * longer allowed), is dropped: the item counts as unanswered, as it would for a reviewer re-scoring.
 * Comments and moments of items that still exist are kept.
 */
export function carryOver(
  rubric: Rubric,
  answers: readonly Answer[],
): { answers: Answer[]; carried: number; dropped: number } {
  const items = itemsById(rubric);
  const kept: Answer[] = [];
  let carried = 0;
  let dropped = 0;
  for (const answer of answers) {
    const entry = items.get(answer.itemId);
    if (!entry) {
      if (answer.value !== null) dropped++;
      continue;
    }
    if (answer.value !== null && answerMismatch(entry.item, answer.value) !== null) {
      dropped++;
      kept.push({ ...answer, value: null });
      continue;
    }
    if (answer.value !== null) carried++;
    kept.push(answer);
  }
  return { answers: kept, carried, dropped };
}
