/** Label steps, in seconds, that read well on a clock: 1 s up to an hour. */
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
/** "1:45:00" in the timeline's small type needs about this much room. */
const MIN_LABEL_SPACING_PX = 64;

/**
 * Whether the timeline labels the notch at `seconds`: only every `step` seconds, the step chosen so
 * labels never run into each other, whether the whole two-hour call or ten seconds of it are in view.
 */
export function labelsTimeAt(seconds: number, pxPerSecond: number): boolean {
  const step = STEPS.find((s) => s * pxPerSecond >= MIN_LABEL_SPACING_PX) ?? 3600;
  return Math.round(seconds * 1000) % (step * 1000) === 0;
}
