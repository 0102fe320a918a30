import { EarmarkError } from '../../../../shared/errors';

/**
 * The largest text we parse. Transcripts and chat exports are a few MB at most; anything
 * above this is a wrong file (a recording renamed .json, a database dump) and parsing it
 * would stall the import worker and hold hundreds of MB of strings.
 */
export const MAX_TEXT_BYTES = 50 * 1024 * 1024;

/** Every parse problem the user can fix is an `invalid_params` error that names the file first. */
export function fail(fileName: string, message: string): never {
  throw new EarmarkError('invalid_params', `${fileName}: ${message}`);
}

/** Refuses empty and absurdly large input; returns the text without BOM and with `\n` line ends. */
export function prepareText(fileName: string, text: string): string {
  // byteLength >= length, so the cheap test alone is enough to let ordinary files through.
  if (text.length > MAX_TEXT_BYTES / 4 && Buffer.byteLength(text, 'utf8') > MAX_TEXT_BYTES) {
    tooLarge(fileName, Buffer.byteLength(text, 'utf8'));
  }
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (clean.trim() === '') fail(fileName, 'the file is empty');
  return clean;
}

export function tooLarge(fileName: string, bytes: number): never {
  const mb = Math.round(bytes / (1024 * 1024));
  fail(fileName, `the file is too large to import (${mb} MB; the limit is 50 MB)`);
}
