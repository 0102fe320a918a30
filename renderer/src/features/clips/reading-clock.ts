/**
 * A chat message or an untimed transcript turn has no recording to play, yet a reel in play mode and a
 * coach going through moments need it to take its turn and then move on. So a text moment "plays" for
 * the time the room needs to read it aloud or silently: a fixed four seconds to look up at the screen and
 * find the line, plus 60 ms per character (about 1,000 characters a minute, an unhurried reading pace of
 * some 170 words), at most twenty seconds so that one long message does not stall the meeting; whoever
 * presents can pause it or move on.
 */
export const READING_BASE_MS = 4_000;
export const READING_MS_PER_CHAR = 60;
export const READING_MAX_MS = 20_000;

/** How long a text is shown for; characters are counted as people see them (an emoji is one). */
export function readingTimeMs(text: string): number {
  const characters = [...text.trim()].length;
  return Math.min(READING_MAX_MS, READING_BASE_MS + READING_MS_PER_CHAR * characters);
}

/**
 * The reading time as a stopwatch: what had elapsed when it last stopped, and since when it runs (a
 * `performance.now()` reading), so the elapsed time is right however late a timer fires.
 */
export interface ReadingClock {
  lengthMs: number;
  elapsedMs: number;
  /** Null while stopped. */
  runningSince: number | null;
}

export const stoppedClock = (lengthMs: number): ReadingClock => ({
  lengthMs,
  elapsedMs: 0,
  runningSince: null,
});

export function elapsedAt(clock: ReadingClock, now: number): number {
  const running = clock.runningSince === null ? 0 : Math.max(0, now - clock.runningSince);
  return Math.min(clock.lengthMs, clock.elapsedMs + running);
}

export const finishedAt = (clock: ReadingClock, now: number) => elapsedAt(clock, now) >= clock.lengthMs;

/** Runs on from where it stopped; from the start again once it had run out. */
export function startClock(clock: ReadingClock, now: number): ReadingClock {
  if (clock.runningSince !== null) return clock;
  const elapsedMs = clock.elapsedMs >= clock.lengthMs ? 0 : clock.elapsedMs;
  return { ...clock, elapsedMs, runningSince: now };
}

export function stopClock(clock: ReadingClock, now: number): ReadingClock {
  if (clock.runningSince === null) return clock;
  return { ...clock, elapsedMs: elapsedAt(clock, now), runningSince: null };
}

/** Moves to a point in the reading time, running or not. */
export function seekClock(clock: ReadingClock, ms: number, now: number): ReadingClock {
  const elapsedMs = Math.min(clock.lengthMs, Math.max(0, ms));
  return { ...clock, elapsedMs, runningSince: clock.runningSince === null ? null : now };
}

/** What a countdown shows: whole seconds left, rounded up, so it reads 0:01 until the very end. */
export function timeLeft(lengthMs: number, elapsedMs: number): number {
  return Math.ceil(Math.max(0, lengthMs - elapsedMs) / 1000) * 1000;
}
