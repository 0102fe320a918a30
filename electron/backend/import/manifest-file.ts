import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { EarmarkError } from '../../../shared/errors';
import { MAX_TEXT_BYTES } from './formats';

/**
 * The manifest the user named must be a readable spreadsheet file: a missing path, a folder or a file
 * the OS user cannot read is their mistake, said at once and naming the field, before any work starts.
 */
export function checkManifestFile(path: string | undefined): void {
  if (path === undefined) return;
  const refuse = (why: string) => {
    throw new EarmarkError('invalid_params', `manifest.path: ${path} ${why}.`);
  };
  const absolute = resolve(path);
  let stat;
  try {
    stat = statSync(absolute);
  } catch {
    return refuse('does not exist');
  }
  if (stat.isDirectory()) refuse('is a folder; choose the spreadsheet file (CSV or XLSX) itself');
  if (!stat.isFile()) refuse('is not a file; choose a spreadsheet file (CSV or XLSX)');
  if (stat.size > MAX_TEXT_BYTES)
    refuse(
      `is ${Math.round(stat.size / 1024 / 1024)} MB; a manifest is at most ${MAX_TEXT_BYTES / 1024 / 1024} MB`,
    );
  try {
    accessSync(absolute, constants.R_OK);
  } catch {
    refuse('cannot be read (check its permissions)');
  }
}
