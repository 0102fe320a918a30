import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Looking for a secret where it must not be: files, logs, replies. */

/**
 * A word no transcript, rubric or name contains, so finding it anywhere means the note leaked. It is
 * letters only, so the FTS tokenizer would keep it whole if it were ever indexed.
 */
export const distinctivePhrase = (label: string) =>
  `${label}${randomBytes(6)
    .toString('hex')
    .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`;

/** Every encoding SQLite or a log could hold the text in. */
const encodings = (text: string): Buffer[] => [
  Buffer.from(text, 'utf8'),
  Buffer.from(text, 'utf16le'),
  Buffer.from(text, 'utf16le').swap16(),
];

export const containsText = (bytes: Buffer, text: string) =>
  encodings(text).some((needle) => bytes.includes(needle));

/** Every file under a folder (the database, its WAL and shared memory, backups, keys, anything else). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Files under `dir` holding `text` in any encoding, as paths relative to it. */
export const filesHolding = (dir: string, text: string) =>
  filesUnder(dir)
    .filter((file) => containsText(readFileSync(file), text))
    .map((file) => file.slice(dir.length + 1));
