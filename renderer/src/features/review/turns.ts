import type { Segment } from '../../../../shared/api';

/** A transcript turn that has a time in the recording (chats and some imports have none). */
export type TimedTurn = Segment & { startMs: number; endMs: number };

export function timedTurns(segments: readonly Segment[]): TimedTurn[] {
  return segments.filter((s): s is TimedTurn => s.startMs !== null && s.endMs !== null);
}

/** Index of the last turn starting at or before `ms` (turns sorted by start), or -1. */
function lastStartingBy(turns: readonly TimedTurn[], ms: number): number {
  let lo = 0;
  let hi = turns.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (turns[mid]!.startMs <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The turn being heard at `ms`: the latest-starting turn still running (people talk over each other, so
 * turns overlap), or -1 in a pause. Binary search, so it is cheap to ask on every frame of a long call.
 */
export function activeTurnIndex(turns: readonly TimedTurn[], ms: number): number {
  const last = lastStartingBy(turns, ms);
  // Overlaps are short: looking back a few turns finds one still running.
  for (let i = last; i >= 0 && i > last - 4; i--) if (turns[i]!.endMs > ms) return i;
  return -1;
}

/** Where the next turn after `ms` starts, or null at the last one. */
export function nextTurnStart(turns: readonly TimedTurn[], ms: number): number | null {
  const next = turns[lastStartingBy(turns, ms + 50) + 1];
  return next ? next.startMs : null;
}

/**
 * Where "previous turn" goes: the start of the current turn when more than a second into it (as a
 * music player's "previous" restarts the track), otherwise the start of the one before.
 */
export function previousTurnStart(turns: readonly TimedTurn[], ms: number): number | null {
  const index = lastStartingBy(turns, ms);
  const current = turns[index];
  if (!current) return null;
  if (ms - current.startMs > 1000) return current.startMs;
  return turns[index - 1]?.startMs ?? current.startMs;
}
