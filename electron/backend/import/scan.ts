import { closeSync, openSync, readSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { UnrecognisedReason } from '../../../shared/api';
import { EarmarkError } from '../../../shared/errors';
import { isWithin, realRoots } from '../team-files/confine';
import { detectKind, unknownReason } from './formats';

export type FileKind = 'audio' | 'transcript' | 'chat' | 'manifest' | 'unknown';

export interface ScannedFile {
  path: string;
  name: string;
  /** Lower-cased name without extension (and without a `.transcript`-style second extension): how files are matched. */
  stem: string;
  kind: FileKind;
  /** Why an 'unknown' file is not imported. */
  reason: UnrecognisedReason | null;
  size: number;
}

const SNIFF_BYTES = 4096;
const MAX_FILES = 200_000;

/**
 * Lists the given files and, recursively, the files in the given folders; hidden files are skipped.
 * `within` (a team server's folders): a file or folder whose real path lies outside them is not read.
 */
export function scanPaths(paths: readonly string[], within?: readonly string[]): ScannedFile[] {
  const files: ScannedFile[] = [];
  const seen = new Set<string>();
  const roots = within ? realRoots(within) : null;
  const visit = (path: string, explicit: boolean) => {
    let stat;
    let outside: boolean;
    try {
      outside = roots !== null && !isWithin(realpathSync(path), roots);
      stat = statSync(path);
    } catch {
      if (explicit) throw new EarmarkError('not_found', `${path} does not exist or cannot be read.`);
      return;
    }
    if (outside) {
      if (explicit)
        throw new EarmarkError(
          'not_allowed',
          `${path} is outside the folders this team server imports from.`,
        );
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        if (!entry.startsWith('.')) visit(join(path, entry), false);
      }
    } else if (stat.isFile() && !seen.has(path)) {
      if (files.length >= MAX_FILES) {
        throw new EarmarkError(
          'invalid_params',
          `More than ${MAX_FILES} files were chosen; import them in smaller batches.`,
        );
      }
      seen.add(path);
      files.push({
        path,
        name: basename(path),
        stem: stemOf(basename(path)),
        ...sniff(path, stat.size),
        size: stat.size,
      });
    }
  };
  for (const path of paths) visit(resolve(path), true);
  return files;
}

export function stemOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/\.[^.]+$/, '')
    .replace(/[._-](transcript|transcription|stm|rttm|vtt|srt|json)$/, '');
}

function sniff(path: string, size: number): Pick<ScannedFile, 'kind' | 'reason'> {
  const head = Buffer.alloc(Math.min(SNIFF_BYTES, size));
  if (head.length > 0) {
    const fd = openSync(path, 'r');
    try {
      readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  }
  const kind = detectKind(basename(path), head);
  return { kind, reason: kind === 'unknown' ? unknownReason(head) : null };
}
