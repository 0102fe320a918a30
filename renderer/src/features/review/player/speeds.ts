/** Playback speeds offered: half speed for a mumbled sentence up to double for a long hold. */
export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const;

/** The next speed up or down from `rate`, staying within the offered range. */
export function stepSpeed(rate: number, direction: 1 | -1): number {
  const index = SPEEDS.findIndex((speed) => Math.abs(speed - rate) < 0.01);
  const from = index === -1 ? SPEEDS.indexOf(1) : index;
  return SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, from + direction))]!;
}
