/**
 * Exact arithmetic for scores. Weights have at most two decimals, so an item's weighted points are a
 * whole number of hundredths of a point and every sum is an exact integer (far below 2^53 within the
 * schema's limits). The only rounding is the last step: a percent, half up, to one decimal. So
 * 0.1 + 0.2 never drifts, and multiplying every weight by the same factor changes nothing.
 */

/** A weight (≤ two decimals) as whole hundredths: 1.25 → 125. */
export function toHundredths(weight: number): number {
  return Math.round(weight * 100);
}

/** earned / possible in tenths of a percent, rounded half up; null when nothing can be earned. */
export function percentTenths(earned: number, possible: number): number | null {
  if (possible <= 0) return null;
  // BigInt, because 1000 × earned may pass 2^53 even when earned itself does not.
  const e = BigInt(earned);
  const p = BigInt(possible);
  return Number((2000n * e + p) / (2n * p));
}

/** earned / possible as a percent with one decimal (73.1), or null when nothing can be earned. */
export function percentOf(earned: number, possible: number): number | null {
  const tenths = percentTenths(earned, possible);
  return tenths === null ? null : tenths / 10;
}
