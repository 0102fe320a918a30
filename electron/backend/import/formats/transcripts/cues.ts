import { fail } from '../errors';
import { checkOrder, parseClock } from '../time';
import type { TranscriptSegment } from '../types';
import { NO_SPEAKER } from './build';
import { collapseSpace } from './labels';

/** The cue structure WebVTT and SRT share: blank-line separated blocks with a timing line. */
export interface Cue {
  /** 1-based line number of the timing line, for messages. */
  line: number;
  startMs: number;
  endMs: number;
  payload: string[];
}

export interface Block {
  line: number;
  lines: string[];
}

export function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') {
      current = null;
      return;
    }
    if (!current) {
      current = { line: i + 1, lines: [] };
      blocks.push(current);
    }
    current.lines.push(raw);
  });
  return blocks;
}

// Both `.` (WebVTT) and `,` (SRT) are accepted in either format: tools mix them up.
const TIME = String.raw`(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;
const TIMING = new RegExp(String.raw`^\s*(${TIME})\s*-->\s*(${TIME})(?:\s.*)?$`);

export function isTimingLine(line: string): boolean {
  return line.includes('-->');
}

/** A cue from a block whose timing line is at `index`; the lines after it are the payload. */
export function cueOf(fileName: string, block: Block, index: number): Cue {
  const line = block.line + index;
  const timing = block.lines[index] ?? '';
  const m = TIMING.exec(timing);
  const startMs = m ? parseClock(m[1] ?? '') : null;
  const endMs = m ? parseClock(m[2] ?? '') : null;
  if (startMs === null || endMs === null) {
    fail(
      fileName,
      `line ${line}: cannot read the cue timing '${timing.trim()}' (expected e.g. 00:00:01.000 --> 00:00:04.000)`,
    );
  }
  checkOrder(fileName, startMs, endMs, `line ${line}`);
  return { line, startMs, endMs, payload: block.lines.slice(index + 1) };
}

/** A cue's text split by speaker; `label` null where the cue does not say. */
export interface CuePart {
  label: string | null;
  text: string;
}

/**
 * Turns cues into segments. A cue without a label in a file that labels others continues
 * the previous speaker (a subtitle line broken over two cues); that is a guess, so it is
 * counted and reported as a warning. A file with no labels at all gets NO_SPEAKER.
 */
export function segmentsFromCues(
  cues: Cue[],
  partsOf: (cue: Cue) => CuePart[],
): { segments: TranscriptSegment[]; warnings: string[] } {
  const parted = cues.map((cue) => ({ cue, parts: partsOf(cue) }));
  const labelled = parted.some(({ parts }) => parts.some((p) => p.label !== null));
  const segments: TranscriptSegment[] = [];
  let last: string | null = null;
  let inherited = 0;
  for (const { cue, parts } of parted) {
    for (const part of parts) {
      const text = collapseSpace(part.text);
      if (text === '') continue;
      let label = part.label;
      if (label === null && labelled && last !== null) {
        label = last;
        inherited++;
      }
      label ??= NO_SPEAKER;
      last = label;
      segments.push({ speakerLabel: label, startMs: cue.startMs, endMs: cue.endMs, text });
    }
  }
  const warnings =
    inherited > 0
      ? [`${inherited} cue(s) had no speaker label and were given the speaker of the cue before`]
      : [];
  return { segments, warnings };
}
