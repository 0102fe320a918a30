import Papa from 'papaparse';
import { fail } from './errors';
import { normaliseKey } from './json';

/**
 * CSV as exported by spreadsheets: `,` `;` (German and Finnish Excel) or tab, quoted fields
 * with line breaks, BOM already removed by the caller. Returns the records, blank lines kept,
 * so that record i is spreadsheet row i + 1 (a quoted line break does not start a new row
 * there either).
 */
export function parseCsvRecords(fileName: string, text: string): string[][] {
  // Papaparse guesses the delimiter from the field counts of the first rows, and counts blank
  // lines as one-field rows; a two-column table with a trailing newline then looks like no
  // table at all. So guess on the non-blank rows, then parse everything with that delimiter.
  const guess = Papa.parse<string[]>(text, {
    delimitersToGuess: [',', ';', '\t'],
    skipEmptyLines: 'greedy',
    preview: 20,
  });
  const result = Papa.parse<string[]>(text, { delimiter: guess.meta.delimiter, skipEmptyLines: false });
  // "Cannot guess the delimiter" is normal for a one-column table; anything else is damage.
  const error = result.errors.find((e) => e.code !== 'UndetectableDelimiter');
  if (error) {
    const row = error.row === undefined ? '' : `row ${error.row + 1}: `;
    fail(fileName, `${row}${error.message}`);
  }
  const records = result.data.map((r) => r.map((c) => c.trim()));
  while (records.length > 0 && (records.at(-1) ?? []).every((c) => c === '')) records.pop();
  return records;
}

/** Index of the first header cell matching one of `synonyms` (case, spaces and `_` ignored). */
export function columnIndex(header: readonly string[], synonyms: readonly string[]): number {
  const wanted = new Set(synonyms.map(normaliseKey));
  return header.findIndex((h) => wanted.has(normaliseKey(h)));
}

/** The first line split the way a header would be, for cheap format sniffing. */
export function headerCells(text: string): string[] {
  const first = text.split('\n', 1)[0] ?? '';
  const delimiter = [';', '\t', ','].find((d) => first.includes(d));
  if (delimiter === undefined) return [];
  return first.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}
