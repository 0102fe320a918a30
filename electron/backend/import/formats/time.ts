import { fail } from './errors';

/**
 * Clock-style offsets: `hh:mm:ss.fff`, `mm:ss.fff`, `hh:mm:ss,fff` (SRT) or without fraction.
 * Two-part values are minutes and seconds, as in subtitle and transcript tools.
 */
const CLOCK = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/;

export function parseClock(value: string): number | null {
  const m = CLOCK.exec(value.trim());
  if (!m) return null;
  const [, h = '0', min = '0', s = '0', frac = ''] = m;
  if (Number(s) > 59 || (m[1] !== undefined && Number(min) > 59)) return null;
  return ((Number(h) * 60 + Number(min)) * 60 + Number(s)) * 1000 + Number(frac.padEnd(3, '0'));
}

/** `01:02:03.450`, for messages: the user sees the same notation the transcript tools use. */
export function formatMs(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const f = Math.round(ms % 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(f, 3)}`;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * Reads a time that a file gives as a number (or numeric string) in `unit`, or as a clock
 * string; returns whole milliseconds. `where` names the place for the error message,
 * e.g. "segment 3: start".
 */
export function readTime(fileName: string, value: unknown, unit: 'ms' | 's', where: string): number {
  let n: number | null = null;
  if (typeof value === 'number') n = Number.isFinite(value) ? value : null;
  else if (typeof value === 'string' && NUMBER.test(value.trim())) n = Number(value.trim());
  else if (typeof value === 'string') {
    const clock = parseClock(value);
    if (clock !== null) return clock;
  }
  if (n === null) fail(fileName, `${where} ${JSON.stringify(value)} is not a number`);
  if (n < 0) fail(fileName, `${where} ${n} is negative`);
  const ms = Math.round(unit === 's' ? n * 1000 : n);
  if (!Number.isSafeInteger(ms)) fail(fileName, `${where} ${n} is too large`);
  return ms;
}

/** Refuses a segment that ends before it starts (a swapped column, a typo in a timing line). */
export function checkOrder(
  fileName: string,
  startMs: number | null,
  endMs: number | null,
  where: string,
): void {
  if (startMs !== null && endMs !== null && endMs < startMs) {
    fail(fileName, `${where}: the end (${formatMs(endMs)}) is before the start (${formatMs(startMs)})`);
  }
}

/** Azure batch offsets as ISO 8601 durations (`PT1M2.5S`), used when the tick fields are absent. */
export function parseIsoDuration(value: string): number | null {
  const m =
    /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      value.trim(),
    );
  if (!m || value.trim() === 'P' || value.trim() === 'PT') return null;
  const [, d = '0', h = '0', min = '0', s = '0'] = m;
  return Math.round((((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60 + Number(s)) * 1000);
}
