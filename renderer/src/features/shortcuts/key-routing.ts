import { actionForKeys } from '../evaluation/answer-keys';
import { ownsKeys } from './typing-target';

/**
 * Who gets a key press on the review workspace when the evaluation form may be docked beside the call
 * or chat. One rule, asked by both sides (the form's items and the workspace's shortcuts), so a key is
 * never acted on twice and never dropped between them:
 *
 * 1. A focused control that needs the key keeps it: a text box everything (so score keys typed into a
 *    comment stay text), a button Space and Enter, a slider or the split's separator its arrows.
 * 2. Focus anywhere in the evaluation form: the form's keys (answer-keys.ts) go to the current item,
 *    whether or not that item can use them, so N on a scale item does nothing rather than leave for the
 *    next interaction. Docked, J and K are the player's.
 * 3. Everything else goes to the workspace: Space always plays or pauses unless typing, and J/K/L, the
 *    arrows, speed, zoom and P/B work from an item as from the player.
 */
export type KeyPlace = 'form' | 'page';
export type KeyOwner = 'control' | 'form' | 'review';

export interface KeyContext {
  /** The press in the canonical form of `keysFromEvent`. */
  keys: string;
  place: KeyPlace;
  /** The form is docked beside the player and transcript (or the chat), not on its own page. */
  docked: boolean;
  /** The focused element uses this key itself (see `ownsKeys`). */
  controlOwnsKey: boolean;
}

export function routeKey({ keys, place, docked, controlOwnsKey }: KeyContext): KeyOwner {
  if (controlOwnsKey) return 'control';
  if (place === 'form' && actionForKeys(keys, { docked }) !== null) return 'form';
  return 'review';
}

/** Marks the evaluation form (and the panel it is docked in); `data-docked="true"` on the dock. */
export const KEY_PLACE_ATTRIBUTE = 'data-key-place';

/** Where the focused element is, read from the markers the form and the dock put on their roots. */
export function keyPlaceOf(target: EventTarget | null): { place: KeyPlace; docked: boolean } {
  if (!(target instanceof Element) || !target.closest(`[${KEY_PLACE_ATTRIBUTE}="form"]`))
    return { place: 'page', docked: false };
  return { place: 'form', docked: target.closest('[data-docked="true"]') !== null };
}

/** `routeKey` for a key press on a DOM element. */
export function routeKeyAt(target: EventTarget | null, keys: string): KeyOwner {
  return routeKey({ keys, ...keyPlaceOf(target), controlOwnsKey: ownsKeys(target, keys) });
}
