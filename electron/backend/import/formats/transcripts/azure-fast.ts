import { z } from 'zod';
import { isRecord, parseShape } from '../json';
import { checkOrder, readTime } from '../time';
import type { ParsedTranscript, TranscriptSegment } from '../types';
import { buildTranscript, NO_SPEAKER } from './build';

/**
 * Azure Speech fast transcription. The 2024 preview (the samples in shared/data) writes
 * `duration` and `phrases[].offset`/`duration`; the GA API writes `durationMilliseconds` and
 * `offsetMilliseconds`/`durationMilliseconds`. All are milliseconds.
 */
const Phrase = z.object({
  offsetMilliseconds: z.number().optional(),
  offset: z.number().optional(),
  durationMilliseconds: z.number().optional(),
  duration: z.number().optional(),
  text: z.string(),
  speaker: z.number().int().optional(),
  channel: z.number().int().nonnegative().optional(),
});
const AzureFast = z.object({
  durationMilliseconds: z.number().optional(),
  duration: z.number().optional(),
  phrases: z.array(Phrase),
});

export function isAzureFast(value: unknown): boolean {
  return (
    isRecord(value) &&
    Array.isArray(value.phrases) &&
    ('combinedPhrases' in value || 'durationMilliseconds' in value || 'duration' in value)
  );
}

export function parseAzureFast(fileName: string, value: unknown): ParsedTranscript {
  const data = parseShape(fileName, AzureFast, value);
  const diarized = data.phrases.some((p) => p.speaker !== undefined);
  const segments: TranscriptSegment[] = data.phrases.map((p, i) => {
    const where = `phrases[${i}]`;
    const startMs = readTime(fileName, p.offsetMilliseconds ?? p.offset ?? 0, 'ms', `${where}: offset`);
    const length = readTime(fileName, p.durationMilliseconds ?? p.duration ?? 0, 'ms', `${where}: duration`);
    checkOrder(fileName, startMs, startMs + length, where);
    return {
      speakerLabel: speakerLabel(diarized, p.speaker, p.channel),
      startMs,
      endMs: startMs + length,
      text: p.text.trim(),
      ...(p.channel !== undefined ? { channel: p.channel } : {}),
    };
  });
  const total = data.durationMilliseconds ?? data.duration;
  const durationMs = total === undefined ? null : readTime(fileName, total, 'ms', 'duration');
  return buildTranscript(fileName, 'azure-fast', segments, { durationMs });
}

/**
 * Diarized phrases carry the speaker number Azure gave ("0", "1"); without diarization the
 * channel is the only hint of who spoke, and without either there is one unknown speaker.
 */
export function speakerLabel(
  diarized: boolean,
  speaker: number | undefined,
  channel: number | undefined,
): string {
  if (diarized) return speaker === undefined ? NO_SPEAKER : String(speaker);
  return channel === undefined ? NO_SPEAKER : `channel ${channel}`;
}
