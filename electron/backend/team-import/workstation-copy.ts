import SqliteDatabase from 'better-sqlite3';
import { constants, copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bringUpToDate } from '../backend';
import { systemClock } from '../clock';
import { acquireDataFolderLock } from '../data-folder/lock';
import { makeFilePrivate } from '../data-folder/permissions';
import type { Database } from '../db/database';
import { openDatabase } from '../db/open';
import { sqliteDatabase } from '../db/sqlite/database';
import { DATABASE_FILE } from '../paths';

/**
 * The workstation as `team import-workstation` reads it. An administrator moving a team onto a server
 * may keep using the workstation, or go back to it if the move goes wrong, so its folder is left exactly
 * as it was: its database is copied into a private temporary folder (TMPDIR) and only the copy is
 * migrated and brought up to date, as the app would its own. The copy is taken under the data folder's
 * lock, held until the import ends, so no Earmark writes to the workstation meanwhile and a running app
 * stops the import with the lock's message. The copy is removed when the import ends, however it ends.
 */
export interface WorkstationCopy {
  /** The copy, at the current schema. */
  readonly database: Database;
  /** Closes and removes the copy and releases the workstation's folder. */
  close(): Promise<void>;
}

/** What SQLite writes beside a database and needs to read it whole (the -shm it rebuilds itself). */
const COMPANIONS = ['-wal', '-journal'];

export async function openWorkstationCopy(
  dataDir: string,
  options: { command: string; log: (message: string) => void },
): Promise<WorkstationCopy> {
  const file = join(dataDir, DATABASE_FILE);
  if (!isFile(file)) {
    throw new Error(
      `${dataDir} is not a workstation's data folder: it has no ${DATABASE_FILE}. Give the folder the workstation app keeps its data in (--data DIR); nothing was copied.`,
    );
  }
  const lock = acquireDataFolderLock(dataDir, { command: options.command, log: options.log });
  let temp: string | null = null;
  const removeTemp = () => {
    if (temp) rmSync(temp, { recursive: true, force: true });
    temp = null;
  };
  // The copy holds the workstation's customers' calls: it does not outlive a process that stops mid-way.
  process.on('exit', removeTemp);
  const release = () => {
    removeTemp();
    process.off('exit', removeTemp);
    lock.release();
  };
  try {
    temp = mkdtempSync(join(tmpdir(), 'earmark-workstation-'));
    for (const suffix of ['', ...COMPANIONS]) {
      if (suffix !== '' && !existsSync(file + suffix)) continue;
      const copy = join(temp, DATABASE_FILE + suffix);
      copyFileSync(file + suffix, copy, constants.COPYFILE_EXCL);
      makeFilePrivate(copy);
    }
    checkIntact(join(temp, DATABASE_FILE), file);
    const db = await openDatabase(temp, { backup: false, shownAs: file });
    const database = sqliteDatabase(db);
    try {
      await bringUpToDate(database, systemClock);
    } catch (error) {
      db.close();
      throw error;
    }
    return {
      database,
      async close() {
        try {
          await database.close();
          db.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * Refuses a damaged or empty database before anything is read from it, naming the workstation's own
 * file: a truncated copy can open and migrate cleanly and only fail (or read short) halfway through.
 */
function checkIntact(copy: string, shownAs: string): void {
  const damaged = (what: string) =>
    new Error(
      `The workstation database ${shownAs} is damaged (${what}); nothing was copied. Restore it from a backup of the data folder (its backups/ folder holds one from before each upgrade).`,
    );
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(copy, { fileMustExist: true });
  } catch (error) {
    throw damaged((error as Error).message);
  }
  try {
    let problems: string[];
    let version: number;
    try {
      problems = db.prepare('PRAGMA quick_check').pluck().all() as string[];
      version = db.pragma('user_version', { simple: true }) as number;
    } catch (error) {
      throw damaged((error as Error).message);
    }
    if (problems.length !== 1 || problems[0] !== 'ok') {
      const more = problems.length > 1 ? ` and ${problems.length - 1} more` : '';
      throw damaged(`${problems[0]}${more}`);
    }
    if (version === 0) {
      throw new Error(
        `The workstation database ${shownAs} holds no Earmark data (it is empty); nothing was copied.`,
      );
    }
  } finally {
    db.close();
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
