import { fail } from '../errors';
import type { ParsedTranscript } from '../types';
import { buildTranscript } from './build';
import type { Cue } from './cues';
import { blocksOf, cueOf, isTimingLine, segmentsFromCues } from './cues';
import { prefixParts } from './webvtt';

/** SRT: a counter line (often missing or wrong in hand-made files, so not required), a timing line, text. */
export function isSrt(text: string): boolean {
  const first = blocksOf(text.slice(0, 4096))[0];
  if (!first) return false;
  return (
    isTimingLine(first.lines[0] ?? '') ||
    (/^\d+\s*$/.test(first.lines[0] ?? '') && isTimingLine(first.lines[1] ?? ''))
  );
}

/** SRT has no voice tags; speakers come from `Speaker: text` at the start of a line. */
export function parseSrt(fileName: string, text: string): ParsedTranscript {
  const cues: Cue[] = [];
  for (const block of blocksOf(text)) {
    const index = isTimingLine(block.lines[0] ?? '') ? 0 : isTimingLine(block.lines[1] ?? '') ? 1 : -1;
    if (index < 0) {
      fail(
        fileName,
        `line ${block.line}: expected a cue timing line such as '00:00:01,000 --> 00:00:04,000'`,
      );
    }
    cues.push(cueOf(fileName, block, index));
  }
  const { segments, warnings } = segmentsFromCues(cues, (cue) => prefixParts(cue.payload));
  return buildTranscript(fileName, 'srt', segments, { warnings });
}
