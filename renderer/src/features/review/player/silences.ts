import type { TimedTurn } from '../turns';

/**
 * Silences longer than this are skipped when the reviewer asks to: shorter pauses are part of how people
 * talk (thinking, turn-taking), while several seconds of nothing are hold time or the agent typing.
 */
export const LONG_SILENCE_MS = 3000;
/** Kept at either edge of a skipped silence so the words around it are not clipped. */
export const SILENCE_PADDING_MS = 400;
/** Loudness (0..1) under which a stretch counts as silent when there is no transcript to go by. */
const QUIET_LEVEL = 0.02;

export interface Silence {
  startMs: number;
  endMs: number;
}

/** Gaps where nobody speaks, from the transcript: everything outside the union of the turns. */
export function silencesFromTurns(turns: readonly TimedTurn[], durationMs: number): Silence[] {
  const silences: Silence[] = [];
  let spokenUntil = 0;
  for (const turn of [...turns].sort((a, b) => a.startMs - b.startMs)) {
    if (turn.startMs - spokenUntil >= LONG_SILENCE_MS)
      silences.push({ startMs: spokenUntil, endMs: turn.startMs });
    spokenUntil = Math.max(spokenUntil, turn.endMs);
  }
  if (turns.length > 0 && durationMs - spokenUntil >= LONG_SILENCE_MS)
    silences.push({ startMs: spokenUntil, endMs: durationMs });
  return silences;
}

/** Gaps from the loudness overview, for calls without a transcript: every channel quiet at once. */
export function silencesFromLoudness(channels: readonly ArrayLike<number>[], msPerPeak: number): Silence[] {
  const silences: Silence[] = [];
  const count = channels[0]?.length ?? 0;
  let quietFrom: number | null = null;
  for (let i = 0; i <= count; i++) {
    const quiet = i < count && channels.every((channel) => (channel[i] ?? 0) < QUIET_LEVEL);
    if (quiet && quietFrom === null) quietFrom = i;
    if (!quiet && quietFrom !== null) {
      if ((i - quietFrom) * msPerPeak >= LONG_SILENCE_MS)
        silences.push({ startMs: quietFrom * msPerPeak, endMs: i * msPerPeak });
      quietFrom = null;
    }
  }
  return silences;
}

/** Where playback at `ms` should jump to when skipping silences, or null when it is not in one. */
export function skipTarget(silences: readonly Silence[], ms: number): number | null {
  for (const silence of silences) {
    const from = silence.startMs + SILENCE_PADDING_MS;
    const to = silence.endMs - SILENCE_PADDING_MS;
    if (ms >= from && ms < to) return to;
    if (silence.startMs > ms) break;
  }
  return null;
}
