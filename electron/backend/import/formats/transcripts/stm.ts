import { fail } from '../errors';
import { checkOrder, readTime } from '../time';
import type { TranscriptSegment } from '../types';

/**
 * STM (NIST scoring transcripts): `<file> <channel> <speaker> <begin> <end> [<label>] text`,
 * times in seconds, `;;` comments. Segments marked `ignore_time_segment_in_scoring` are
 * excluded regions, not speech, and are left out.
 */
export interface StmLine extends TranscriptSegment {
  file: string;
  line: number;
}

const STM_LINE = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)(?:\s+(.*))?$/;

/** STM lines have numeric 4th and 5th fields; RTTM lines start with a record type instead. */
export function isStm(text: string): boolean {
  const lines = contentLines(text).slice(0, 20);
  return (
    lines.length > 0 &&
    lines.every(({ text: l }) => {
      const m = STM_LINE.exec(l);
      return m !== null && !/^SPEAKER$/.test(m[1] ?? '') && isNumber(m[4]) && isNumber(m[5]);
    })
  );
}

function isNumber(value: string | undefined): boolean {
  return value !== undefined && /^\d+(?:\.\d*)?$/.test(value);
}

export function contentLines(text: string): { line: number; text: string }[] {
  return text
    .split('\n')
    .map((t, i) => ({ line: i + 1, text: t.trim() }))
    .filter((l) => l.text !== '' && !l.text.startsWith(';;'));
}

/** STM and RTTM number channels from 1 (or A/B); Earmark's channel index starts at 0. */
export function channelIndex(value: string): number | undefined {
  if (/^\d+$/.test(value)) return Math.max(0, Number(value) - 1);
  if (/^[A-Za-z]$/.test(value)) return value.toUpperCase().charCodeAt(0) - 65;
  return undefined;
}

export function parseStmLines(fileName: string, text: string): StmLine[] {
  const out: StmLine[] = [];
  for (const { line, text: l } of contentLines(text)) {
    const m = STM_LINE.exec(l);
    if (!m) fail(fileName, `line ${line}: expected '<file> <channel> <speaker> <start> <end> <text>'`);
    const [, file = '', channel = '', speaker = '', start, end, rest = ''] = m;
    const startMs = readTime(fileName, start, 's', `line ${line}: start`);
    const endMs = readTime(fileName, end, 's', `line ${line}: end`);
    checkOrder(fileName, startMs, endMs, `line ${line}`);
    // An optional `<o,f0,male>` label comes before the words.
    const words = rest.replace(/^<[^>\s]*>\s*/, '').trim();
    if (words === 'ignore_time_segment_in_scoring' || speaker === 'inter_segment_gap') continue;
    const ch = channelIndex(channel);
    out.push({
      file,
      line,
      speakerLabel: speaker,
      startMs,
      endMs,
      text: words,
      ...(ch !== undefined ? { channel: ch } : {}),
    });
  }
  return out;
}
