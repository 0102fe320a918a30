import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { EarmarkError } from '../../../shared/errors';
import { LOCK_FILE } from '../paths';
import { makeFilePrivate, PRIVATE_FILE_MODE } from './permissions';
import { isAlive, processIdentity } from './process';

/**
 * One process at a time writes to a data folder: it recovers interrupted imports, migrates the
 * database and removes half-written files at start, which would break the work of another process on
 * the same folder. The owner says who it is in `earmark.lock`; a second `serve`, `import` or desktop
 * app finds it there and stops with a message naming the owner. `doctor` only reads the lock.
 */
export interface LockOwner {
  pid: number;
  hostname: string;
  /** What holds the folder, in the user's words: "earmark serve", "the desktop app". */
  command: string;
  /** When it took the folder (ISO time). */
  startedAt: string;
  /** The folder's real path when it was locked: a lock copied along with the folder is not the copy's. */
  dataDir: string;
  /** On Linux, the boot and start time of the process, so that a recycled pid is not taken for the owner. */
  processId?: string;
  /** Tells this lock from any later one, so a process only ever removes its own. */
  token: string;
}

export interface DataFolderLock {
  readonly owner: LockOwner;
  /** Removes the lock file if it is still this one; safe to call twice. */
  release(): void;
}

/** The data folder is held by another live Earmark. */
export class DataFolderInUseError extends EarmarkError {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner | null,
    message: string,
  ) {
    super('conflict', message);
  }
}

/** A garbled lock younger than this is taken to be one still being written (on file systems without links). */
const FRESH_GARBLED_MS = 5000;
const ATTEMPTS = 5;

export const lockFilePath = (dataDir: string) => join(dataDir, LOCK_FILE);

/** Locks held by this process, released by the exit hook if nobody released them before. */
const held = new Set<DataFolderLock>();
let exitHookInstalled = false;

/**
 * Takes the data folder (which must exist) for this process, or throws DataFolderInUseError naming the
 * owner. A lock left by a process that is gone is taken over, with one log line saying whose it was.
 */
export function acquireDataFolderLock(
  dataDir: string,
  options: { command: string; log: (line: string) => void },
): DataFolderLock {
  const path = lockFilePath(dataDir);
  const owner: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    command: options.command,
    startedAt: new Date().toISOString(),
    dataDir: realpathSync(dataDir),
    token: randomBytes(8).toString('hex'),
  };
  const identity = processIdentity(process.pid);
  if (identity !== undefined) owner.processId = identity;
  const content = `${JSON.stringify(owner, null, 2)}\n`;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (createExclusive(path, content)) {
      const lock = heldLock(path, owner);
      sweepLeftovers(dataDir);
      return lock;
    }
    const raw = readLock(path);
    if (raw === null) continue; // released in between: try again
    const verdict = judge(raw, path, owner.dataDir);
    if (verdict.live) throw inUse(dataDir, path, verdict.owner);
    if (removeStale(path, raw) === 'removed') {
      options.log(`[earmark] took over the data folder ${dataDir}: ${verdict.why}`);
    }
  }
  throw new DataFolderInUseError(
    dataDir,
    null,
    `The data folder ${dataDir} could not be locked: other processes keep taking its lock (${path}).`,
  );
}

/**
 * Who holds the data folder now, for `earmark doctor`; null when nobody does (no lock, or the lock of a
 * process that is gone).
 */
export function dataFolderOwner(dataDir: string): { owner: LockOwner | null; message: string } | null {
  const path = lockFilePath(dataDir);
  const raw = readLock(path);
  if (raw === null) return null;
  let real = dataDir;
  try {
    real = realpathSync(dataDir);
  } catch {
    // judged against the path as given
  }
  const verdict = judge(raw, path, real);
  if (!verdict.live) return null;
  return { owner: verdict.owner, message: describeOwner(verdict.owner, path) };
}

type Verdict = { live: true; owner: LockOwner | null } | { live: false; why: string };

function judge(raw: string, path: string, realDataDir: string): Verdict {
  const owner = parseOwner(raw);
  if (!owner) {
    const age = ageMs(path);
    return age !== null && age < FRESH_GARBLED_MS
      ? { live: true, owner: null }
      : { live: false, why: 'its lock file was unreadable' };
  }
  const was = `${owner.command}, pid ${owner.pid}, since ${localTime(owner.startedAt)}`;
  // A pid on another computer (a folder on a network share) cannot be checked from here.
  if (owner.hostname !== hostname()) return { live: true, owner };
  if (owner.dataDir !== realDataDir) {
    return { live: false, why: `its lock came with a copy of ${owner.dataDir} (${was})` };
  }
  if (!isAlive(owner.pid))
    return { live: false, why: `the Earmark that had it (${was}) is no longer running` };
  const now = owner.processId === undefined ? undefined : processIdentity(owner.pid);
  if (now !== undefined && now !== owner.processId) {
    return {
      live: false,
      why: `the Earmark that had it (${was}) is gone; its pid now belongs to another program`,
    };
  }
  return { live: true, owner };
}

function inUse(dataDir: string, path: string, owner: LockOwner | null): DataFolderInUseError {
  const elsewhere =
    owner && owner.hostname !== hostname()
      ? ` If no Earmark is running on "${owner.hostname}", delete ${path} and try again.`
      : '';
  return new DataFolderInUseError(
    dataDir,
    owner,
    `The data folder ${dataDir} is in use by ${describeOwner(owner, path)}. Only one Earmark at a time may work ` +
      `on a data folder: close that one first, or choose another folder with --data DIR.${elsewhere}`,
  );
}

function describeOwner(owner: LockOwner | null, path: string): string {
  if (!owner) return `another Earmark that is just starting (${path})`;
  const where = owner.hostname === hostname() ? '' : ` on the computer "${owner.hostname}"`;
  return `another Earmark${where} (${owner.command}, pid ${owner.pid}, since ${localTime(owner.startedAt)})`;
}

/**
 * Writes the lock whole or not at all: written and synced under a name of its own, then hard-linked to
 * `earmark.lock`, which fails if that exists (the exclusive create), so nobody ever reads a half lock.
 * File systems without hard links (FAT) get an O_EXCL create and write instead.
 */
function createExclusive(path: string, content: string): boolean {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writePrivate(temp, content, 'wx');
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    try {
      writePrivate(path, content, 'wx');
      return true;
    } catch (fallback) {
      if ((fallback as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw fallback;
    }
  } finally {
    unlinkQuietly(temp);
  }
}

function writePrivate(path: string, content: string, flags: string): void {
  const fd = openSync(path, flags, PRIVATE_FILE_MODE);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  makeFilePrivate(path);
}

/**
 * Moves a stale lock aside and deletes it, unless what was moved is no longer the lock judged stale
 * (another process took it over in between): that one is put back.
 */
function removeStale(path: string, stale: string): 'removed' | 'gone' | 'changed' {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  if (readLock(aside) === stale) {
    unlinkQuietly(aside);
    return 'removed';
  }
  try {
    linkSync(aside, path);
  } catch {
    // yet another lock is in place already: it wins
  }
  unlinkQuietly(aside);
  return 'changed';
}

function heldLock(path: string, owner: LockOwner): DataFolderLock {
  const lock: DataFolderLock = {
    owner,
    release() {
      if (!held.delete(lock)) return;
      // Only ever our own: after a wrongful takeover the file may name someone else.
      if (parseOwner(readLock(path) ?? '')?.token === owner.token) unlinkQuietly(path);
    },
  };
  held.add(lock);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // process.exit(), the end of the event loop, an uncaught error: the lock goes with the process.
    process.on('exit', () => {
      for (const each of [...held]) each.release();
    });
  }
  return lock;
}

/** `earmark.lock.<pid>.<hex>.tmp|stale` left by a process killed mid-way. */
function sweepLeftovers(dataDir: string): void {
  const leftover = new RegExp(`^${LOCK_FILE.replace('.', '\\.')}\\.(\\d+)\\.[0-9a-f]+\\.(tmp|stale)$`);
  for (const name of readdirSync(dataDir)) {
    const pid = leftover.exec(name)?.[1];
    if (pid && Number(pid) !== process.pid && !isAlive(Number(pid))) unlinkQuietly(join(dataDir, name));
  }
}

function readLock(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function parseOwner(raw: string): LockOwner | null {
  try {
    const value = JSON.parse(raw) as Partial<LockOwner>;
    if (
      typeof value.pid === 'number' &&
      typeof value.hostname === 'string' &&
      typeof value.command === 'string' &&
      typeof value.startedAt === 'string' &&
      typeof value.dataDir === 'string' &&
      typeof value.token === 'string'
    ) {
      return value as LockOwner;
    }
  } catch {
    // garbled
  }
  return null;
}

function ageMs(path: string): number | null {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** "2026-05-04 09:12" in this computer's time zone: when the owner started, as the user knows it. */
export function localTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}
