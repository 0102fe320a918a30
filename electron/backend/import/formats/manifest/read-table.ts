import type ExcelJS from 'exceljs';
import { parseCsvRecords } from '../csv';
import { wallClockText } from '../dates';
import { fail, MAX_TEXT_BYTES, tooLarge } from '../errors';

export interface Table {
  columns: string[];
  /**
   * One record per spreadsheet row below the header: rows[i] is row i + 2 as the user sees
   * it. Blank rows are kept (all cells '') so the numbering holds; applyMapping skips them.
   */
  rows: Record<string, string>[];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * A manifest table: CSV (`,` `;` or tab; BOM; quoted line breaks; UTF-8, UTF-16 or, for old
 * German and Finnish Excel exports, Windows-1252) or XLSX (first worksheet). Every cell is
 * text: numbers as written, dates as ISO without zone (wall-clock, as in the sheet).
 */
export async function readTable(input: { fileName: string; bytes: Buffer }): Promise<Table> {
  const { fileName, bytes } = input;
  if (bytes.length > MAX_TEXT_BYTES) tooLarge(fileName, bytes.length);
  if (bytes.length === 0) fail(fileName, 'the file is empty');
  if (startsWith(bytes, OLE)) {
    fail(fileName, 'is an old Excel (.xls) workbook, which Earmark cannot read; save it as .xlsx or CSV');
  }
  const records = startsWith(bytes, ZIP) ? await xlsxRecords(fileName, bytes) : csvRecords(fileName, bytes);
  return toTable(fileName, records);
}

function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: Excel's "CSV" on a German or Finnish Windows writes Windows-1252.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function csvRecords(fileName: string, bytes: Buffer): string[][] {
  const text = decode(bytes).replace(/^\uFEFF/, '');
  if (text.trim() === '') fail(fileName, 'the file is empty');
  return parseCsvRecords(fileName, text);
}

async function xlsxRecords(fileName: string, bytes: Buffer): Promise<string[][]> {
  // Loaded when a workbook is first needed: exceljs takes a quarter of a second of CPU to load, at every
  // start of the app, the CLI and each import worker, most of which never touch a spreadsheet.
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  try {
    // exceljs types its input as its own ArrayBuffer-like Buffer; at run time JSZip takes a Node Buffer.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    fail(fileName, `looks like an Excel workbook but cannot be opened (${reason})`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) fail(fileName, 'the workbook has no worksheet');
  const width = sheet.columnCount;
  const records: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value).trim());
    records.push(cells);
  }
  while (records.length > 0 && (records.at(-1) ?? []).every((c) => c === '')) records.pop();
  return records;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return wallClockText(value);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('hyperlink' in value)
    return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value)
    return cellText((value.result ?? null) as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return '';
}

/** Column letters for headerless cells, as the spreadsheet shows them: A ... Z, AA ... */
function letter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function toTable(fileName: string, records: string[][]): Table {
  const [header, ...body] = records;
  if (!header || header.every((c) => c === ''))
    fail(fileName, 'has no header row (row 1 must name the columns)');
  const width = body.reduce((w, r) => Math.max(w, r.length), header.length);
  const columns: string[] = [];
  for (let i = 0; i < width; i++) {
    const base = header[i] || `Column ${letter(i)}`;
    let name = base;
    for (let n = 2; columns.includes(name); n++) name = `${base} (${n})`;
    columns.push(name);
  }
  const rows = body.map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ''])));
  return { columns, rows };
}
