import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

/** Files bigger than this are refused unless the administrator sets --max-upload-size: a long call in WAV is well under it. */
export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

/** An administrator's folder the team may import from (the share a call recorder writes to). */
export interface ImportFolder {
  /** As shown on the import screen: the folder's own name (made unique). */
  readonly name: string;
  /** Absolute, as the administrator gave it. */
  readonly path: string;
}

/**
 * Where a team server keeps and finds recordings. Every `serve --team` process on one database must be
 * given the same storage folder (a shared disk), so a file uploaded to one is there for the others.
 */
export interface TeamFiles {
  /** Uploads (uploads/partial while they arrive, uploads/done/<id>/ once whole) and transcoded recordings. */
  readonly storageDir: string;
  readonly importFolders: readonly ImportFolder[];
  readonly maxUploadBytes: number;
}

export interface TeamFilesOptions {
  storage?: string;
  importFolders?: readonly string[];
  maxUploadBytes?: number;
}

/** The team's files as the options say, the storage folders made; `dataDir/storage` when none is given. */
export function teamFiles(dataDir: string, options: TeamFilesOptions = {}): TeamFiles {
  const storageDir = resolve(options.storage ?? join(dataDir, 'storage'));
  for (const dir of [partialDir(storageDir), doneDir(storageDir), recordingsDir(storageDir)])
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  const names = new Map<string, number>();
  const importFolders = (options.importFolders ?? []).map((given) => {
    const path = resolve(given);
    const base = basename(path) || path;
    const seen = (names.get(base) ?? 0) + 1;
    names.set(base, seen);
    return { name: seen > 1 ? `${base} (${seen})` : base, path };
  });
  return {
    storageDir,
    importFolders,
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
  };
}

export const partialDir = (storageDir: string) => join(storageDir, 'uploads', 'partial');
/** Whole, checked uploads: the only part of the storage an import may read. */
export const doneDir = (storageDir: string) => join(storageDir, 'uploads', 'done');
/** Each upload's name, size and hash (uploads/meta/<id>.json), from its start until it is removed. */
export const uploadMetaDir = (storageDir: string) => join(storageDir, 'uploads', 'meta');
/** Where the import writes what it transcodes, so every process can play it. */
export const recordingsDir = (storageDir: string) => join(storageDir, 'recordings');

/** The folders a team's import may read: its uploads and the administrator's folders. */
export const importRoots = (files: TeamFiles): string[] => [
  doneDir(files.storageDir),
  ...files.importFolders.map((folder) => folder.path),
];

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** `500M`, `2G`, `1500000` → bytes; what --max-upload-size takes. */
export function parseSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$/i.exec(text);
  const bytes = match ? Math.floor(Number(match[1]) * UNITS[match[2]!.toLowerCase()]!) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new Error(`--max-upload-size "${text}" is not a size such as 500M or 2G.`);
  }
  return bytes;
}

/** 2147483648 → "2 GB", as the refusals name the limit. */
export function sizeText(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 || Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${shown} ${units[unit]}`;
}
