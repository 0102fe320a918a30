import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { KeyProtection } from '../../../shared/api/methods/profiles';
import { EarmarkError } from '../../../shared/errors';

/**
 * The workstation key: 32 random bytes mixed into every profile's key wrapping, so the database alone
 * (a copied file, a backup) opens no private note. Kept outside the database, protected by the OS: a
 * file only this OS user can read (browser host), or Electron safeStorage (desktop, see
 * electron/main/key-protector.ts). Made on first need (the first passphrase), not at start-up.
 */
export interface WorkstationKeyProtector {
  /** How a key on this data folder is (or would be) kept, and whether that is weaker than it should be. */
  protection(dataDir: string): KeyProtection;
  /** The key, or null when none was made yet; throws an EarmarkError when one exists but cannot be used safely. */
  load(dataDir: string): Buffer | null;
  /** Makes and stores a new key. Throws `conflict` when a key already exists (another process won the race). */
  create(dataDir: string): Buffer;
}

export const WORKSTATION_KEY_BYTES = 32;

export const keysDir = (dataDir: string) => join(dataDir, 'keys');
export const keyFilePath = (dataDir: string) => join(keysDir(dataDir), 'workstation.key');
/** The desktop app's key, encrypted by safeStorage (only the OS keychain of this user opens it). */
export const safeKeyFilePath = (dataDir: string) => join(keysDir(dataDir), 'workstation.key.safe');

/** A short fingerprint stored with each wrapped profile key, to tell "another key" from "wrong passphrase". */
export function workstationKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** The key, made now when there is none yet (two processes racing agree on the first one written). */
export function loadOrCreateWorkstationKey(protector: WorkstationKeyProtector, dataDir: string): Buffer {
  const existing = protector.load(dataDir);
  if (existing) return existing;
  try {
    return protector.create(dataDir);
  } catch (error) {
    if (error instanceof EarmarkError && error.code === 'conflict') {
      const winner = protector.load(dataDir);
      if (winner) return winner;
    }
    throw error;
  }
}

/** The browser host's protector (and the desktop app's fallback): a file readable only by this OS user. */
export const keyFileProtector: WorkstationKeyProtector = {
  protection(dataDir) {
    const path = keyFilePath(dataDir);
    return {
      kind: 'key-file',
      warning: existsSync(path) && looseModeOf(path) !== null ? 'key-file-permissions' : null,
    };
  },

  load(dataDir) {
    const path = keyFilePath(dataDir);
    if (!existsSync(path)) {
      if (existsSync(safeKeyFilePath(dataDir))) {
        throw new EarmarkError(
          'not_allowed',
          "Private notes on this data folder are protected by the desktop app's OS keychain: open them in the Earmark desktop app.",
        );
      }
      return null;
    }
    const loose = looseModeOf(path);
    if (loose !== null) {
      throw new EarmarkError(
        'forbidden',
        `The workstation key file ${path} can be read by other users of this computer (mode ${loose}), so Earmark will not use it. Run \`chmod 600 "${path}"\` and try again.`,
      );
    }
    return decodeKey(readFileSync(path, 'utf8'), path);
  },

  create(dataDir) {
    const key = randomBytes(WORKSTATION_KEY_BYTES);
    writeKeyFileExclusive(dataDir, keyFilePath(dataDir), Buffer.from(`${key.toString('base64')}\n`));
    return key;
  },
};

/** A key as stored (base64, one line); anything else means the file was damaged or replaced. */
export function decodeKey(text: string, path: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== WORKSTATION_KEY_BYTES || key.toString('base64') !== text.trim()) {
    throw new EarmarkError(
      'tampered',
      `The workstation key file ${path} is damaged: it does not hold a key. Restore it from a backup of the data folder.`,
    );
  }
  return key;
}

/**
 * Writes `contents` to `path` only if no such file exists, whole or not at all: written and synced under
 * a temporary name (mode 0600, in a 0700 folder), then hard-linked into place, which fails when another
 * process got there first. Throws `conflict` then.
 */
export function writeKeyFileExclusive(dataDir: string, path: string, contents: Buffer): void {
  const dir = keysDir(dataDir);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // mkdir's mode is filtered by the umask; this makes it exact.
    if (process.platform !== 'win32') chmodSync(dir, 0o700);
  }
  const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
  const fd = openSync(partial, 'wx', 0o600);
  try {
    writeSync(fd, contents);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(partial, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      unlinkSync(partial);
      throw new EarmarkError('conflict', `The workstation key file ${path} already exists.`);
    }
    // File systems without hard links (FAT on a USB stick): a rename is still atomic, if not exclusive.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    if (existsSync(path)) {
      unlinkSync(partial);
      throw new EarmarkError('conflict', `The workstation key file ${path} already exists.`);
    }
    renameSync(partial, path);
  }
  if (existsSync(partial)) unlinkSync(partial);
  syncDir(dir);
}

/** The file's mode ("644") when group or others may read or write it, else null (and always null on Windows). */
function looseModeOf(path: string): string | null {
  if (process.platform === 'win32') return null;
  const mode = statSync(path).mode & 0o777;
  return mode & 0o077 ? mode.toString(8) : null;
}

/** Makes the new directory entry durable (a crash right after must not lose the key). */
function syncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
