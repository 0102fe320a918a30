import { fail } from '../errors';
import { checkOrder, readTime } from '../time';
import type { ParsedTranscript, TranscriptSegment } from '../types';
import { buildTranscript } from './build';
import type { StmLine } from './stm';
import { channelIndex, contentLines, parseStmLines } from './stm';

/**
 * RTTM (diarization reference): `SPEAKER <file> <chnl> <tbeg> <tdur> <ortho> <stype> <name> <conf> [<slat>]`,
 * seconds. It has who-spoke-when but no words, so:
 *
 * - RTTM with its STM: the STM gives text, times and speakers; the RTTM only fills in STM
 *   lines whose speaker is a placeholder (`unknown`, `<NA>`, `-`), by the largest overlap.
 * - STM alone: format 'stm'.
 * - RTTM alone: format 'rttm-stm', one segment per turn with text '' and a warning. The turns
 *   are still worth keeping: they place the speakers on the waveform, and a transcript can follow.
 */
const RTTM_TYPES = new Set([
  'SPEAKER',
  'SPKR-INFO',
  'SEGMENT',
  'LEXEME',
  'NON-LEX',
  'NON-SPEECH',
  'NOSCORE',
  'NO_RT_METADATA',
  'SU',
  'CB',
  'IP',
  'EDIT',
  'FILLER',
  'A/P',
]);

export function isRttm(text: string): boolean {
  const lines = contentLines(text).slice(0, 20);
  return lines.length > 0 && lines.every((l) => RTTM_TYPES.has(l.text.split(/\s+/)[0] ?? ''));
}

interface Turn extends TranscriptSegment {
  file: string;
}

function parseRttm(fileName: string, text: string): Turn[] {
  const turns: Turn[] = [];
  for (const { line, text: l } of contentLines(text)) {
    const f = l.split(/\s+/);
    if (!RTTM_TYPES.has(f[0] ?? '')) fail(fileName, `line ${line}: not an RTTM line (expected SPEAKER ...)`);
    if (f[0] !== 'SPEAKER') continue;
    if (f.length < 8) {
      fail(
        fileName,
        `line ${line}: expected 'SPEAKER <file> <channel> <start> <duration> <NA> <NA> <speaker> ...'`,
      );
    }
    const startMs = readTime(fileName, f[3], 's', `line ${line}: start`);
    const length = readTime(fileName, f[4], 's', `line ${line}: duration`);
    const ch = channelIndex(f[2] ?? '');
    turns.push({
      file: f[1] ?? '',
      speakerLabel: f[7] ?? '',
      startMs,
      endMs: startMs + length,
      text: '',
      ...(ch !== undefined ? { channel: ch } : {}),
    });
  }
  return turns;
}

/** One recording per transcript: a file mixing several would glue unrelated calls together. */
function singleFile(fileName: string, rows: { file: string; line?: number }[]): string | null {
  const first = rows[0]?.file ?? null;
  const other = rows.find((r) => r.file !== first);
  if (other) {
    fail(
      fileName,
      `has lines for more than one recording ('${first}' and '${other.file}'); split it per recording`,
    );
  }
  return first;
}

const PLACEHOLDER = /^(?:unknown|<na>|na|-|\?|spk|speaker)$/i;

function overlap(a: TranscriptSegment, b: TranscriptSegment): number {
  return Math.max(0, Math.min(a.endMs ?? 0, b.endMs ?? 0) - Math.max(a.startMs ?? 0, b.startMs ?? 0));
}

export function parseStm(fileName: string, text: string): ParsedTranscript {
  const lines = parseStmLines(fileName, text);
  const hint = singleFile(fileName, lines);
  return buildTranscript(fileName, 'stm', lines.map(segmentOf), { recordingHint: hint });
}

function segmentOf({ speakerLabel, startMs, endMs, text, channel }: StmLine): TranscriptSegment {
  return { speakerLabel, startMs, endMs, text, ...(channel !== undefined ? { channel } : {}) };
}

export function parseRttmStm(
  rttm: { fileName: string; text: string },
  stm: { fileName: string; text: string } | null,
): ParsedTranscript {
  const turns = parseRttm(rttm.fileName, rttm.text);
  const rttmFile = singleFile(rttm.fileName, turns);
  if (!stm) {
    turns.forEach((t, i) => checkOrder(rttm.fileName, t.startMs, t.endMs, `turn ${i + 1}`));
    return buildTranscript(rttm.fileName, 'rttm-stm', turns.map(segmentOfTurn), {
      recordingHint: rttmFile,
      warnings: [
        `${rttm.fileName} has speaker turns but no words: the segments have no text (add the matching .stm file to get the text)`,
      ],
    });
  }
  const lines = parseStmLines(stm.fileName, stm.text);
  const stmFile = singleFile(stm.fileName, lines);
  const warnings: string[] = [];
  if (rttmFile !== null && stmFile !== null && rttmFile !== stmFile) {
    warnings.push(
      `${rttm.fileName} is for '${rttmFile}' but ${stm.fileName} is for '${stmFile}'; they were combined anyway`,
    );
  }
  let filled = 0;
  const segments = lines.map((l) => {
    const segment = segmentOf(l);
    if (!PLACEHOLDER.test(l.speakerLabel)) return segment;
    const best = turns.reduce<Turn | null>((b, t) => (overlap(t, l) > (b ? overlap(b, l) : 0) ? t : b), null);
    if (best) {
      filled++;
      segment.speakerLabel = best.speakerLabel;
    }
    return segment;
  });
  if (filled > 0)
    warnings.push(`${filled} STM line(s) without a speaker took the RTTM speaker talking at that time`);
  return buildTranscript(stm.fileName, 'rttm-stm', segments, {
    recordingHint: stmFile ?? rttmFile,
    warnings,
  });
}

function segmentOfTurn({ speakerLabel, startMs, endMs, text, channel }: Turn): TranscriptSegment {
  return { speakerLabel, startMs, endMs, text, ...(channel !== undefined ? { channel } : {}) };
}
