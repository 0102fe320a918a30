import type { AnswerValue } from '../../../../shared/rubric/answers';
import type { RubricItem } from '../../../../shared/rubric/schema';

/**
 * The evaluation form's keys, as data: the bindings below and the legend (KeyLegend) both come from
 * this list, so the help never drifts from what the keys do. They act on the focused item; the
 * descriptions are `evaluation.keys.<id>`. Keys are in the canonical form of `keysFromEvent`.
 *
 *   Y / N          yes / no
 *   0 … 9          a scale value; the n-th option of a choice item (0 is the tenth)
 *   A or .         n.a. (where the item allows it)
 *   Backspace      clear the answer
 *   C              write a comment on the item (Esc goes back to the item)
 *   M              link the item to a pinned moment
 *   G              show or hide the item's guidance and examples
 *   ↓ / J, ↑ / K   next / previous item (Tab and Shift+Tab too); Home / End first / last
 *   Ctrl+Enter     submit the evaluation
 *   Esc            from the comment back to the item; docked, from the item back to the call
 *
 * Docked beside a call or chat (see ../shortcuts/key-routing.ts), the form keeps every key above while
 * an item has focus, so N is "no" (not the next interaction), M links a moment (not pins one), G shows
 * the guidance (not go-to-time), 0-9 score (not mute a lane or fit the zoom) and ↑/↓ move between
 * items (not turns). Only J and K are left to the player there (back 5 s, play/pause), with Space, L,
 * the arrows and the rest of the player's keys, so the call can be steered without leaving the item.
 */
export const answerKeys = [
  { id: 'yes', keys: ['Y'] },
  { id: 'no', keys: ['N'] },
  { id: 'number', keys: ['0', '9'] },
  { id: 'na', keys: ['A', '.'] },
  { id: 'clear', keys: ['Backspace', 'Delete'] },
  { id: 'comment', keys: ['C'] },
  { id: 'moments', keys: ['M'] },
  { id: 'guidance', keys: ['G'] },
  { id: 'next', keys: ['ArrowDown', 'J'] },
  { id: 'previous', keys: ['ArrowUp', 'K'] },
  { id: 'first', keys: ['Home'] },
  { id: 'last', keys: ['End'] },
  { id: 'back', keys: ['Escape'] },
  { id: 'submit', keys: ['Ctrl+Enter'] },
] as const;

export type AnswerKeyId = (typeof answerKeys)[number]['id'];

const byKeys = new Map<string, AnswerKeyId>();
for (const { id, keys } of answerKeys) for (const combo of keys) byKeys.set(combo, id);

/** The item-moving aliases a docked form leaves to the player: J is back 5 s there, K play/pause. */
export const PLAYER_FIRST_KEYS: ReadonlySet<string> = new Set(['J', 'K']);

/**
 * What a key press on a focused item means; digits are read separately (see `answerForDigit`). Docked
 * beside the player, J and K are not the form's (see PLAYER_FIRST_KEYS).
 */
export function actionForKeys(
  keys: string,
  { docked = false }: { docked?: boolean } = {},
): AnswerKeyId | null {
  if (docked && PLAYER_FIRST_KEYS.has(keys)) return null;
  if (/^\d$/.test(keys)) return 'number';
  return byKeys.get(keys) ?? null;
}

/** The answer a digit gives on an item, or null when the item has no such answer. */
export function answerForDigit(item: RubricItem, digit: number): AnswerValue | null {
  if (item.type === 'scale') return digit <= item.max ? { kind: 'scale', value: digit } : null;
  if (item.type === 'choice') {
    const option = item.options[digit === 0 ? 9 : digit - 1];
    return option ? { kind: 'choice', optionId: option.id } : null;
  }
  // On a yes/no item, 1 is yes and 0 is no, as points.
  if (digit === 1) return { kind: 'yes' };
  if (digit === 0) return { kind: 'no' };
  return null;
}
