import Papa from 'papaparse';
import type { Cell, ColumnKind, EvaluationTable } from './table';

/** The evaluations table as the two files a QA team opens in Excel. */

export interface CsvOptions {
  /** Excel splits on the list separator of its locale: ';' in German and Finnish, ',' in English. */
  delimiter: ';' | ',';
  /** 73,1 rather than 73.1 (German and Finnish Excel). */
  decimalComma: boolean;
}

const two = (n: number) => String(n).padStart(2, '0');

/** "2026-11-02 09:14" in the workstation's time: a form Excel reads as a date in every locale. */
function excelDateTime(date: Date): string {
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

function csvCell(value: Cell, kind: ColumnKind, options: CsvOptions): string {
  if (value === null) return '';
  if (value instanceof Date) return excelDateTime(value);
  if (typeof value === 'number' && kind === 'percent' && options.decimalComma) {
    return String(value).replace('.', ',');
  }
  return String(value);
}

/** UTF-8 with a byte-order mark (so Excel reads umlauts right) and CRLF line ends. */
export function tableToCsv(table: EvaluationTable, options: CsvOptions): string {
  const data = table.data.map((row) =>
    row.map((value, i) => csvCell(value, table.kinds[i] ?? 'text', options)),
  );
  const csv = Papa.unparse(
    { fields: table.fields, data },
    // escapeFormulae: a comment starting with "=" or "+" must stay text in Excel, not become a formula.
    { delimiter: options.delimiter, newline: '\r\n', escapeFormulae: true },
  );
  return `\uFEFF${csv}\r\n`;
}

/**
 * Excel stores times without a zone and exceljs writes a Date's UTC fields: shift it so the cell shows
 * the workstation's wall-clock time, as the CSV does.
 */
const wallClock = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000);

const numberFormats: Partial<Record<ColumnKind, string>> = {
  percent: '0.0',
  integer: '0',
  dateTime: 'yyyy-mm-dd hh:mm',
};

const DEFAULT_SHEET = 'Evaluations';

/**
 * The sheet's label as a name Excel takes (exceljs checks the same rules and throws): at most 31 UTF-16
 * units without cutting a character in half, no brackets, colon, star, question mark or slash of either
 * kind, no apostrophe first or last, not blank, not "History" (Excel's own). The label is a translation
 * the renderer sends; whatever arrives, the export is written.
 */
export function excelSheetName(label: string): string {
  let name = '';
  for (const char of label.replace(/[[\]:*?/\\]/g, ' ')) {
    if (name.length + char.length > 31) break;
    name += char;
  }
  name = name.replace(/^[\s']+|[\s']+$/g, '');
  return name === '' || name.toLowerCase() === 'history' ? DEFAULT_SHEET : name;
}

/**
 * One sheet with a bold, frozen header row and a filter on every column; numbers and times are real
 * numbers and dates, so Excel sorts and sums them. Cell text is never read as a formula by exceljs.
 */
export async function tableToXlsx(table: EvaluationTable, sheetName: string): Promise<Buffer> {
  // Loaded when a workbook is first needed: exceljs takes a quarter of a second of CPU to load, at every
  // start of the app, the CLI and each import worker, most of which never touch a spreadsheet.
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  workbook.creator = 'Earmark';
  const sheet = workbook.addWorksheet(excelSheetName(sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.fields.map((header, i) => {
    const kind = table.kinds[i] ?? 'text';
    const format = numberFormats[kind];
    return {
      header,
      width: kind === 'dateTime' ? 17 : kind === 'text' ? Math.min(40, Math.max(12, header.length + 2)) : 10,
      ...(format ? { style: { numFmt: format } } : {}),
    };
  });
  sheet.getRow(1).font = { bold: true };
  for (const row of table.data) {
    sheet.addRow(row.map((value) => (value instanceof Date ? wallClock(value) : value)));
  }
  if (table.fields.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.fields.length } };
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}
