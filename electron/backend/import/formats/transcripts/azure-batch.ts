import { z } from 'zod';
import { fail } from '../errors';
import { isRecord, parseShape } from '../json';
import { checkOrder, parseIsoDuration } from '../time';
import type { ParsedTranscript, TranscriptSegment } from '../types';
import { buildTranscript, hintFrom } from './build';
import { speakerLabel } from './azure-fast';

/**
 * Azure batch transcription. Times are in ticks (100 ns) in `offsetInTicks`/`durationInTicks`,
 * with ISO 8601 durations (`PT1.23S`) in `offset`/`duration` beside them; ticks win.
 * Phrases that were not recognised (`recognitionStatus` other than Success) carry no text.
 */
const TICKS_PER_MS = 10_000;

const Phrase = z.object({
  recognitionStatus: z.string().optional(),
  channel: z.number().int().nonnegative().optional(),
  speaker: z.number().int().optional(),
  offsetInTicks: z.number().optional(),
  durationInTicks: z.number().optional(),
  offset: z.string().optional(),
  duration: z.string().optional(),
  nBest: z.array(z.object({ display: z.string().optional(), lexical: z.string().optional() })).optional(),
});
const AzureBatch = z.object({
  source: z.string().optional(),
  durationInTicks: z.number().optional(),
  duration: z.string().optional(),
  recognizedPhrases: z.array(Phrase),
});

export function isAzureBatch(value: unknown): boolean {
  return isRecord(value) && Array.isArray(value.recognizedPhrases);
}

function ms(
  fileName: string,
  ticks: number | undefined,
  iso: string | undefined,
  where: string,
): number | null {
  if (ticks !== undefined) {
    if (ticks < 0) fail(fileName, `${where}InTicks ${ticks} is negative`);
    return Math.round(ticks / TICKS_PER_MS);
  }
  if (iso === undefined) return null;
  const value = parseIsoDuration(iso);
  if (value === null) fail(fileName, `${where} '${iso}' is not an ISO 8601 duration`);
  return value;
}

export function parseAzureBatch(fileName: string, value: unknown): ParsedTranscript {
  const data = parseShape(fileName, AzureBatch, value);
  const diarized = data.recognizedPhrases.some((p) => p.speaker !== undefined);
  const segments: TranscriptSegment[] = [];
  data.recognizedPhrases.forEach((p, i) => {
    if (p.recognitionStatus !== undefined && p.recognitionStatus !== 'Success') return;
    const where = `recognizedPhrases[${i}]`;
    const startMs = ms(fileName, p.offsetInTicks, p.offset, `${where}: offset`);
    const length = ms(fileName, p.durationInTicks, p.duration, `${where}: duration`);
    const endMs = startMs !== null && length !== null ? startMs + length : null;
    checkOrder(fileName, startMs, endMs, where);
    const best = p.nBest?.[0];
    segments.push({
      speakerLabel: speakerLabel(diarized, p.speaker, p.channel),
      startMs,
      endMs,
      text: (best?.display ?? best?.lexical ?? '').trim(),
      ...(p.channel !== undefined ? { channel: p.channel } : {}),
    });
  });
  const durationMs = ms(fileName, data.durationInTicks, data.duration, 'duration');
  return buildTranscript(fileName, 'azure-batch', segments, {
    durationMs,
    recordingHint: hintFrom(data.source),
  });
}
