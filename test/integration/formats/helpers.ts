import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { EarmarkError } from '../../../shared/errors';
import { repoRoot } from '../../support/paths';

export const fixturesDir = join(repoRoot, 'test', 'fixtures', 'formats');

export function fixture(name: string): { fileName: string; text: string } {
  return { fileName: name, text: readFileSync(join(fixturesDir, name), 'utf8') };
}

export function fixtureBytes(name: string): { fileName: string; bytes: Buffer } {
  return { fileName: name, bytes: readFileSync(join(fixturesDir, name)) };
}

/** Runs `fn`, expects an invalid_params EarmarkError and returns its message. */
export function invalidMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EarmarkError);
    expect((error as EarmarkError).code).toBe('invalid_params');
    return (error as EarmarkError).message;
  }
  throw new Error('expected an EarmarkError, but nothing was thrown');
}

export async function invalidMessageAsync(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EarmarkError);
    expect((error as EarmarkError).code).toBe('invalid_params');
    return (error as EarmarkError).message;
  }
  throw new Error('expected an EarmarkError, but nothing was thrown');
}

/**
 * XLSX manifests are built here at test time with exceljs rather than committed: a binary
 * fixture cannot be reviewed in a diff, and this way the test shows exactly what is in it.
 */
export async function makeXlsx(
  rows: ExcelJS.CellValue[][],
  dateFormat = 'dd.mm.yyyy hh:mm',
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Manifest');
  for (const row of rows) sheet.addRow(row);
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = dateFormat;
    }),
  );
  workbook.addWorksheet('Second sheet').addRow(['ignored']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
