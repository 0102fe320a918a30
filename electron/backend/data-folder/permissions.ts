import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DATABASE_FILE, LOCK_FILE } from '../paths';

/**
 * The data folder holds recordings of customers, evaluations and coaching notes: only the OS user
 * running Earmark may read it. Folders are 0700 and files 0600, set with chmod after creating them so
 * the result does not depend on the umask. On Windows mode bits mean nothing (the profile folder's
 * ACL protects %APPDATA%), so all of this is skipped there.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const modeBitsApply = () => process.platform !== 'win32';

/** `mkdir -p` whose every newly made folder is 0700 (folders that already existed are left alone). */
export function mkdirPrivate(dir: string): void {
  if (existsSync(dir)) return;
  const first = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!modeBitsApply() || first === undefined) return;
  // `first` is the topmost folder mkdir had to make; every one from there down to `dir` is new.
  let made = first;
  chmodSync(made, PRIVATE_DIR_MODE);
  for (const part of relative(first, dir).split(sep).filter(Boolean)) {
    made = join(made, part);
    chmodSync(made, PRIVATE_DIR_MODE);
  }
}

/** Makes an existing file readable and writable by its owner only. */
export function makeFilePrivate(path: string): void {
  if (modeBitsApply()) chmodSync(path, PRIVATE_FILE_MODE);
}

/**
 * Creates `path` empty and 0600 if it does not exist yet. SQLite gives a database's -wal, -shm and
 * journal files the mode of the database file, so creating that first keeps all of them private.
 */
export function createPrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }
  makeFilePrivate(path);
}

/** Files and folders whose mode was tightened: the path relative to the data folder and the old mode. */
export interface Tightened {
  path: string;
  was: string;
}

/**
 * Tightens a data folder made by an earlier Earmark (0755 folder, 0644 database and recordings).
 * Always checks the folder itself, the database files and the top folders (a few stats); walks into
 * backups/ and recordings/ only when the data folder itself was open to others, so that this happens
 * once, not on every start. Key files are left alone: keys/ refuses a key file others could read,
 * since it may have been copied, and tightening it here would hide that.
 */
export function tightenDataFolder(dataDir: string): Tightened[] {
  if (!modeBitsApply() || !existsSync(dataDir)) return [];
  const changed: Tightened[] = [];
  const tighten = (path: string, kind: 'dir' | 'file') => {
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      return; // gone (a -shm removed as the last connection closed)
    }
    // Symbolic links and sockets (Chromium's singleton lock) are not ours to change.
    if (kind === 'dir' ? !stat.isDirectory() : !stat.isFile()) return;
    const mode = stat.mode & 0o777;
    const wanted = kind === 'dir' ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    if ((mode & 0o077) === 0) return;
    try {
      chmodSync(path, wanted);
    } catch {
      return; // owned by another user: nothing we may do about it
    }
    changed.push({ path: relative(dataDir, path) || '.', was: mode.toString(8) });
  };
  const wasOpen = (lstatSync(dataDir).mode & 0o077) !== 0;
  tighten(dataDir, 'dir');
  for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, LOCK_FILE])
    tighten(join(dataDir, name), 'file');
  for (const name of ['keys', 'backups', 'recordings', 'electron']) tighten(join(dataDir, name), 'dir');
  if (wasOpen) {
    for (const name of ['backups', 'recordings']) walk(join(dataDir, name), tighten);
  }
  return changed;
}

function walk(dir: string, tighten: (path: string, kind: 'dir' | 'file') => void): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      tighten(path, 'dir');
      walk(path, tighten);
    } else if (entry.isFile()) tighten(path, 'file');
  }
}

/** "the data folder (was 755), earmark.sqlite (was 644) and 12 more": the one log line's list. */
export function describeTightened(changed: readonly Tightened[], shown = 4): string {
  const named = changed
    .slice(0, shown)
    .map((c) => `${c.path === '.' ? 'the data folder' : c.path} (was ${c.was})`);
  const more = changed.length - named.length;
  if (more > 0) return `${named.join(', ')} and ${more} more`;
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)!}` : named.join('');
}
