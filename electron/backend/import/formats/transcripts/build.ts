import type { SegmentSpeaker } from '../../../../../shared/api/schemas';
import { fail } from '../errors';
import { suggestRoles } from '../roles';
import { checkOrder } from '../time';
import type { ParsedTranscript, TranscriptFormat, TranscriptSegment } from '../types';

/** The label for segments whose file does not say who spoke (Whisper, Azure without diarization). */
export const NO_SPEAKER = 'speaker';

export interface BuildOptions {
  durationMs?: number | null;
  recordingHint?: string | null;
  warnings?: string[];
  /** Roles the file states itself (AWS SpeakerLabels, ParticipantRole): trusted, not ambiguous. */
  explicitRoles?: Record<string, SegmentSpeaker | null>;
}

/**
 * The common tail of every transcript parser: speakers in first-appearance order, role
 * suggestions, time order, duration. Parsers check times where they can name the line;
 * this checks again so no format can hand on a reversed or negative segment.
 */
export function buildTranscript(
  fileName: string,
  format: TranscriptFormat,
  segments: TranscriptSegment[],
  options: BuildOptions = {},
): ParsedTranscript {
  if (segments.length === 0) fail(fileName, 'contains no transcript segments');
  segments.forEach((s, i) => {
    if ((s.startMs ?? 0) < 0 || (s.endMs ?? 0) < 0) fail(fileName, `segment ${i + 1}: negative time`);
    checkOrder(fileName, s.startMs, s.endMs, `segment ${i + 1}`);
  });

  // Some exports list one channel after the other (Azure batch stereo, AWS channel_labels);
  // the review screen wants one time line. The sort is stable, so equal starts keep file order.
  const timed = segments.every((s) => s.startMs !== null);
  const ordered = timed ? [...segments].sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0)) : segments;

  const speakers: string[] = [];
  const seen = new Set<string>();
  for (const s of ordered) {
    if (!seen.has(s.speakerLabel)) {
      seen.add(s.speakerLabel);
      speakers.push(s.speakerLabel);
    }
  }
  const { roles, ambiguous } = suggestRoles(speakers, options.explicitRoles);

  let maxEnd: number | null = null;
  for (const s of ordered) {
    const end = s.endMs ?? s.startMs;
    if (end !== null && (maxEnd === null || end > maxEnd)) maxEnd = end;
  }
  const hasEnds = ordered.some((s) => s.endMs !== null);

  return {
    format,
    speakers,
    suggestedRoles: roles,
    ambiguous,
    segments: ordered,
    durationMs: options.durationMs ?? (hasEnds ? maxEnd : null),
    recordingHint: options.recordingHint ?? null,
    warnings: options.warnings ?? [],
  };
}

/**
 * The file-name part of a path or URL ("s3://bucket/mp3/call.mp3?x=1" -> "call.mp3"), which
 * is what the import pipeline can match against the recordings the user dropped.
 */
export function hintFrom(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const noQuery = value.trim().replace(/[?#].*$/, '');
  const last =
    noQuery
      .split(/[\\/]/)
      .filter((p) => p !== '')
      .at(-1) ?? '';
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // A stray % in a plain file name: keep it as written.
  }
  return name === '' ? null : name;
}
