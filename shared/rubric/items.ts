import type { AnswerValue } from './answers';
import type { RubricItem } from './schema';

/**
 * What each answer is worth, before weights. A yes is 1 point, a scale answer its value, a choice
 * its option's points. n.a. is worth nothing because it is not counted at all (see ./scoring).
 */

/** Points of the best answer, before weight. */
export function maxPoints(item: RubricItem): number {
  switch (item.type) {
    case 'yesNo':
      return 1;
    case 'scale':
      return item.max;
    case 'choice':
      return Math.max(...item.options.map((o) => o.points));
  }
}

/** Points of an answer that fits the item (see `answerMismatch`); n.a. gives 0. */
export function answerPoints(item: RubricItem, value: AnswerValue): number {
  if (item.type === 'yesNo') return value.kind === 'yes' ? 1 : 0;
  if (item.type === 'scale') return value.kind === 'scale' ? value.value : 0;
  if (value.kind !== 'choice') return 0;
  return item.options.find((o) => o.id === value.optionId)?.points ?? 0;
}

/**
 * A fail is what a critical item fails the evaluation on and what `commentRequiredOnFail` asks a
 * comment for: a no; a scale 0 (or, on a critical item, the values in `criticalWhen`); a choice option
 * marked as fail. n.a. is never a fail.
 */
export function isFailAnswer(item: RubricItem, value: AnswerValue): boolean {
  if (item.type === 'yesNo') return value.kind === 'no';
  if (item.type === 'scale')
    return value.kind === 'scale' && (item.criticalWhen ?? [0]).includes(value.value);
  if (value.kind !== 'choice') return false;
  return item.options.find((o) => o.id === value.optionId)?.fail ?? false;
}

/** The answer that gives full points without failing (the schema guarantees there is one). */
export function bestAnswer(item: RubricItem): AnswerValue {
  switch (item.type) {
    case 'yesNo':
      return { kind: 'yes' };
    case 'scale':
      return { kind: 'scale', value: item.max };
    case 'choice': {
      const top = maxPoints(item);
      const best = item.options.find((o) => !o.fail && o.points === top) ?? item.options[0];
      return { kind: 'choice', optionId: best?.id ?? '' };
    }
  }
}

/** The answer with the fewest points (a fail option where several share the lowest points). */
export function lowestAnswer(item: RubricItem): AnswerValue {
  switch (item.type) {
    case 'yesNo':
      return { kind: 'no' };
    case 'scale':
      return { kind: 'scale', value: 0 };
    case 'choice': {
      const bottom = Math.min(...item.options.map((o) => o.points));
      const lowest = item.options.filter((o) => o.points === bottom);
      const pick = lowest.find((o) => o.fail) ?? lowest[0];
      return { kind: 'choice', optionId: pick?.id ?? '' };
    }
  }
}
