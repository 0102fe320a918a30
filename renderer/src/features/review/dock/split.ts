/**
 * The docked form's share of the workspace's width, in whole percent, and how the separator moves it.
 * The separator's value (aria-valuenow) is the other side, the call or chat: the pane it sits after, as
 * the WAI-ARIA window splitter has it, so ← makes that pane smaller and the form wider.
 */
export const DEFAULT_FORM_SHARE = 40;
/** What the setting accepts; the bounds below narrow it to what fits the window. */
export const FORM_SHARE_LIMITS = { min: 20, max: 80 } as const;
/** Below these the form's buttons or the waveform's lanes stop being usable. */
export const FORM_MIN_PX = 380;
export const WORKSPACE_MIN_PX = 380;
const STEP = 2;
const BIG_STEP = 10;

export interface ShareBounds {
  min: number;
  max: number;
}

/** The form shares that leave both sides usable in a split of this width (px). */
export function shareBounds(widthPx: number): ShareBounds {
  if (!(widthPx > 0)) return { ...FORM_SHARE_LIMITS };
  const min = Math.max(FORM_SHARE_LIMITS.min, Math.ceil((FORM_MIN_PX / widthPx) * 100));
  const max = Math.min(FORM_SHARE_LIMITS.max, Math.floor(100 - (WORKSPACE_MIN_PX / widthPx) * 100));
  if (max >= min) return { min, max };
  // Too narrow for both: split it evenly between what each side asks for.
  const middle = Math.round((min + max) / 2);
  return { min: middle, max: middle };
}

export function clampShare(share: number, bounds: ShareBounds): number {
  return Math.min(bounds.max, Math.max(bounds.min, Math.round(share)));
}

/** The form's share with the separator dragged to clientX, the form being on the right. */
export function shareAtPointer(clientX: number, left: number, widthPx: number, bounds: ShareBounds): number {
  if (!(widthPx > 0)) return bounds.min;
  return clampShare(((left + widthPx - clientX) / widthPx) * 100, bounds);
}

/** The share after a key on the focused separator, or null when the key is not the separator's. */
export function shareAfterKey(share: number, keys: string, bounds: ShareBounds): number | null {
  switch (keys) {
    case 'ArrowLeft':
      return clampShare(share + STEP, bounds);
    case 'ArrowRight':
      return clampShare(share - STEP, bounds);
    case 'Shift+ArrowLeft':
      return clampShare(share + BIG_STEP, bounds);
    case 'Shift+ArrowRight':
      return clampShare(share - BIG_STEP, bounds);
    case 'Home':
      // The call or chat as small as it may be.
      return bounds.max;
    case 'End':
      return bounds.min;
    default:
      return null;
  }
}
