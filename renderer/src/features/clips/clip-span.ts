import type { LinkedMoment } from '../../../../shared/api/methods/coaching';

/**
 * A point moment marks where something happened, not where it ends: we play the next ten seconds,
 * which is long enough for one exchange between agent and customer.
 */
export const POINT_CLIP_MS = 10_000;
/**
 * A point is pinned when the reviewer hears the thing, a beat after it started; starting two seconds
 * earlier lets the room hear the lead-in rather than joining mid-word.
 */
export const POINT_LEAD_IN_MS = 2_000;

/** The part of a recording a clip plays, in recording milliseconds. */
export interface ClipSpan {
  recordingId: number;
  fromMs: number;
  toMs: number;
}

/**
 * What a moment plays: a range from its start to its end, a point from just before it for ten seconds.
 * Null for moments without audio to play (chat turns, calls without a recording, untimed turns).
 */
export function clipSpan(moment: LinkedMoment): ClipSpan | null {
  if (moment.recordingId === null || moment.startMs === null) return null;
  const isRange = moment.endMs !== null && moment.endMs > moment.startMs;
  if (isRange) return { recordingId: moment.recordingId, fromMs: moment.startMs, toMs: moment.endMs! };
  return {
    recordingId: moment.recordingId,
    fromMs: Math.max(0, moment.startMs - POINT_LEAD_IN_MS),
    toMs: moment.startMs + POINT_CLIP_MS,
  };
}

/** A clip cannot run past the end of its recording, once the recording's length is known. */
export function clampSpan(span: ClipSpan, durationMs: number | null): ClipSpan {
  if (durationMs === null || !Number.isFinite(durationMs) || durationMs <= 0) return span;
  const toMs = Math.min(span.toMs, durationMs);
  return { ...span, fromMs: Math.min(span.fromMs, toMs), toMs };
}

export const spanLength = (span: ClipSpan) => span.toMs - span.fromMs;

/** How far into the clip a recording position is, from 0 to the clip's length. */
export function elapsedInSpan(span: ClipSpan, positionMs: number): number {
  return Math.min(spanLength(span), Math.max(0, positionMs - span.fromMs));
}

/** 0..100 for a progress bar; a zero-length clip counts as done. */
export function progressPercent(span: ClipSpan, positionMs: number): number {
  const length = spanLength(span);
  return length <= 0 ? 100 : (elapsedInSpan(span, positionMs) / length) * 100;
}

/** Where to start when play is pressed: where it was paused, or the clip's start when outside it or done. */
export function resumeFrom(span: ClipSpan, positionMs: number | null): number {
  if (positionMs === null || positionMs < span.fromMs || positionMs >= span.toMs) return span.fromMs;
  return positionMs;
}

/** Playback reached the clip's end (a few ms early counts: media clocks advance in steps). */
export const reachedEnd = (span: ClipSpan, positionMs: number) => positionMs >= span.toMs - 20;
