import { columnIndex, headerCells, parseCsvRecords } from '../csv';
import { fail } from '../errors';
import { normaliseKey, words } from '../json';
import { checkOrder, readTime } from '../time';
import type { ParsedTranscript, TranscriptSegment } from '../types';
import { buildTranscript } from './build';

/**
 * Transcript tables with a header row: speaker (or role), start, end, text. As for JSON, the
 * unit follows the column name: `start_ms`, `Start (ms)` are milliseconds, other start/end
 * columns seconds; cells may also hold clock times ("00:01:02.5").
 */
const SPEAKER = words('speaker, role, speaker label, party', 'sprecher, rolle', 'puhuja, rooli');
const TEXT = words('text, transcript, utterance, content', 'äußerung', 'teksti');
const START = words(
  'start, start time, begin, from, start ms, start millis, start (s)',
  'beginn, von',
  'alku',
);
const END = words('end, end time, stop, to, end ms, end millis, end (s)', 'ende, bis', 'loppu');

/** A header with a text column and a speaker column. */
export function isTranscriptCsv(text: string): boolean {
  const header = headerCells(text);
  return columnIndex(header, TEXT) >= 0 && columnIndex(header, SPEAKER) >= 0;
}

function unitOf(column: string): 'ms' | 's' {
  return /(?:ms|millis)$/.test(normaliseKey(column)) ? 'ms' : 's';
}

export function parseTranscriptCsv(fileName: string, text: string): ParsedTranscript {
  const [header = [], ...rows] = parseCsvRecords(fileName, text);
  const col = {
    speaker: columnIndex(header, SPEAKER),
    text: columnIndex(header, TEXT),
    start: columnIndex(header, START),
    end: columnIndex(header, END),
  };
  if (col.speaker < 0 || col.text < 0) {
    fail(fileName, `the header row needs a speaker column and a text column (found: ${header.join(', ')})`);
  }
  const startUnit = unitOf(header[col.start] ?? '');
  const endUnit = unitOf(header[col.end] ?? '');
  const segments: TranscriptSegment[] = [];
  rows.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c === '')) return;
    const speaker = cells[col.speaker] ?? '';
    if (speaker === '') fail(fileName, `row ${row}: the speaker is empty`);
    const start = decimalPoint(cells[col.start] ?? '');
    const end = decimalPoint(cells[col.end] ?? '');
    const startMs = start === '' ? null : readTime(fileName, start, startUnit, `row ${row}: start`);
    const endMs = end === '' ? null : readTime(fileName, end, endUnit, `row ${row}: end`);
    checkOrder(fileName, startMs, endMs, `row ${row}`);
    segments.push({ speakerLabel: speaker, startMs, endMs, text: cells[col.text] ?? '' });
  });
  return buildTranscript(fileName, 'csv', segments);
}

/** German and Finnish spreadsheets write seconds as "12,5". */
function decimalPoint(cell: string): string {
  return /^\d+,\d+$/.test(cell) ? cell.replace(',', '.') : cell;
}
