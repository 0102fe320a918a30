import { fail } from '../errors';
import { isRecord, pick, scalarText, words } from '../json';
import { checkOrder, readTime } from '../time';
import type { ParsedTranscript, TranscriptSegment } from '../types';
import { buildTranscript, hintFrom, NO_SPEAKER } from './build';

/**
 * Generic segment lists: `[{speaker, start, end, text}]` or `{segments: [...]}` (Whisper and
 * WhisperX write the latter). The unit comes from the key name, never from the size of the
 * number: `startMs`/`start_ms`/`startMillis` are milliseconds; `start`, `start_time`,
 * `startTime`, `begin` are seconds (Whisper, pyannote and most scripts write seconds). A
 * string value may also be a clock time such as "00:01:02.500".
 */
const SPEAKER = words('speaker, speaker label, role');
const TEXT = words('text, transcript, utterance, content');
const START_MS = words('start ms, start millis');
const START_S = words('start, start time, begin, start seconds');
const END_MS = words('end ms, end millis');
const END_S = words('end, end time, stop, end seconds');

function listOf(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (isRecord(value) && Array.isArray(value.segments)) return value.segments;
  return null;
}

/**
 * A list whose first entry carries text and either a speaker or a time. Only the first is
 * looked at, so a bad entry further down gets its own message from the parser.
 */
export function isJsonSegments(value: unknown): boolean {
  const first = listOf(value)?.[0];
  return (
    isRecord(first) &&
    pick(first, TEXT) !== null &&
    (pick(first, SPEAKER) ?? pick(first, [...START_MS, ...START_S])) !== null
  );
}

function time(fileName: string, s: Record<string, unknown>, ms: string[], sec: string[], where: string) {
  const inMs = pick(s, ms);
  if (inMs && inMs.value !== null) return readTime(fileName, inMs.value, 'ms', `${where}: ${inMs.key}`);
  const inS = pick(s, sec);
  if (inS && inS.value !== null) return readTime(fileName, inS.value, 's', `${where}: ${inS.key}`);
  return null;
}

export function parseJsonSegments(fileName: string, value: unknown): ParsedTranscript {
  const list = listOf(value) ?? [];
  const segments: TranscriptSegment[] = list.map((s, i) => {
    const where = `segment ${i + 1}`;
    if (!isRecord(s)) fail(fileName, `${where} is not an object`);
    const text = pick(s, TEXT);
    if (text === null || typeof text.value !== 'string') fail(fileName, `${where} has no text`);
    const startMs = time(fileName, s, START_MS, START_S, where);
    const endMs = time(fileName, s, END_MS, END_S, where);
    checkOrder(fileName, startMs, endMs, where);
    const speaker = scalarText(pick(s, SPEAKER)?.value);
    return { speakerLabel: speaker ?? NO_SPEAKER, startMs, endMs, text: text.value.trim() };
  });
  const meta = isRecord(value) ? value : {};
  const duration = pick(meta, ['durationMs', 'duration_ms']);
  const durationS = pick(meta, ['duration']);
  const durationMs =
    duration && typeof duration.value === 'number'
      ? readTime(fileName, duration.value, 'ms', 'durationMs')
      : durationS && typeof durationS.value === 'number'
        ? readTime(fileName, durationS.value, 's', 'duration')
        : null;
  const hint = hintFrom(pick(meta, ['recording', 'audio', 'audio_file', 'file', 'source'])?.value);
  return buildTranscript(fileName, 'json-segments', segments, { durationMs, recordingHint: hint });
}
