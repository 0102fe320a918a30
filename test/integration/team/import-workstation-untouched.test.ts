import SqliteDatabase from 'better-sqlite3';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import { acquireDataFolderLock } from '../../../electron/backend/data-folder/lock';
import type { Database } from '../../../electron/backend/db/database';
import { migrations } from '../../../electron/backend/db/migrations';
import { latestSchemaVersion, openDatabase } from '../../../electron/backend/db/open';
import { openPostgres } from '../../../electron/backend/db/postgres/database';
import { keyFileProtector } from '../../../electron/backend/privacy/workstation-key';
import { createAccount } from '../../../electron/backend/services/accounts/accounts';
import { hashPassword } from '../../../electron/backend/services/accounts/password-hash';
import { importWorkstation } from '../../../electron/backend/team-import/import-workstation';
import { freshPostgresUrl } from '../../support/engines';
import { tempDir } from '../../support/paths';
import { CHEAP } from '../accounts/team-fixture';
import { everyCell } from '../privacy-proof/fixture';

/**
 * `team import-workstation` leaves the workstation's folder exactly as it was: an administrator may keep
 * using it, or go back to it if the move goes wrong. The workstation here was last opened by an Earmark
 * from before team accounts (schema 015), by a version that left its folder open to other users, and
 * was not closed cleanly (its last rows are still in the -wal): all of that the app would migrate,
 * back up, seed, tighten and checkpoint on opening, and the import must not. A damaged database is
 * refused by name, before anything reaches the team.
 */

const folders = tempDir('earmark-untouched-');
const workstation = join(folders.dir, 'workstation');
/** The import's temporary folder (TMPDIR): it must be empty again after every run. */
const scratch = join(folders.dir, 'tmp');
const at = '2026-03-01T09:00:00.000Z';
let target: Database;
let savedTmpdir: string | undefined;

beforeAll(async () => {
  const accounts = migrations.find((m) => m.name.endsWith('-team-accounts'))!.version;
  const built = join(folders.dir, 'built');
  const old = await openDatabase(built, { migrations: migrations.filter((m) => m.version < accounts) });
  const insert = (sql: string, ...values: unknown[]) =>
    Number(old.prepare(sql).run(...values).lastInsertRowid);
  const sales = insert(`INSERT INTO teams (name) VALUES ('Sales')`);
  insert(`INSERT INTO agents (name, team_id) VALUES ('Anna Berg', ?)`, sales);
  insert(
    `INSERT INTO reviewer_profiles (name, role, created_at) VALUES ('Maria Lind', 'qa_supervisor', ?)`,
    at,
  );
  old.close();
  keyFileProtector.create(built);
  // The app is killed after one more agent: her row is only in the -wal, which a snapshot taken while
  // the connection is open keeps, as a crash would.
  const running = new SqliteDatabase(join(built, 'earmark.sqlite'));
  running.pragma('wal_autocheckpoint = 0');
  running.prepare(`INSERT INTO agents (name, team_id) VALUES ('Ben Ott', ?)`).run(sales);
  cpSync(built, workstation, { recursive: true });
  running.close();
  // An earlier Earmark made its folder readable by others; the app would tighten it on opening.
  chmodSync(workstation, 0o755);
  chmodSync(join(workstation, 'earmark.sqlite'), 0o644);

  target = await openPostgres(await freshPostgresUrl());
  await createAccount(
    target,
    { username: 'maria', name: 'Maria Lind', role: 'qa_supervisor' },
    await hashPassword('maria on the team server', CHEAP),
  );
  mkdirSync(scratch);
  savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
}, 60_000);

afterAll(async () => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  await target?.close();
  folders.cleanup();
});

const run = (dataDir = workstation) =>
  importWorkstation({
    dataDir,
    target,
    passwordCost: CHEAP,
    log: () => {},
  });

/** Every file and folder under `dir` (and itself): its mode, and a file's SHA-256. */
function snapshot(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const name of ['.', ...(readdirSync(dir, { recursive: true }) as string[])].sort()) {
    const path = join(dir, name);
    const stat = statSync(path);
    const mode = (stat.mode & 0o777).toString(8);
    entries[name] = stat.isDirectory()
      ? `${mode} folder`
      : `${mode} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
  }
  return entries;
}

const teamCells = () => everyCell({ database: target } as Backend);

/** A copy of the workstation with `change` done to its database file. */
function damagedCopy(name: string, change: (file: string) => void): string {
  const dir = join(folders.dir, name);
  cpSync(workstation, dir, { recursive: true });
  change(join(dir, 'earmark.sqlite'));
  return dir;
}

describe('importing a workstation leaves its folder as it was', () => {
  it('refuses a truncated database, naming the file, and writes nothing to the team', async () => {
    const dir = damagedCopy('truncated', (file) => {
      // Half of it, as a copy cut off on a full disk; with the -wal gone, as a cleanly closed app leaves it.
      truncateSync(file, Math.floor(statSync(file).size / 2));
      truncateSync(`${file}-wal`, 0);
    });
    const before = snapshot(dir);
    const team = await teamCells();
    await expect(run(dir)).rejects.toThrow(
      `The workstation database ${join(dir, 'earmark.sqlite')} is damaged (`,
    );
    expect(await teamCells()).toEqual(team);
    expect(snapshot(dir)).toEqual(before);
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('refuses a file that is not a database, or an empty one, by name', async () => {
    const garbled = damagedCopy('garbled', (file) => writeFileSync(file, 'Not a database. '.repeat(512)));
    await expect(run(garbled)).rejects.toThrow(
      `The workstation database ${join(garbled, 'earmark.sqlite')} is damaged (file is not a database)`,
    );
    const empty = damagedCopy('empty', (file) => truncateSync(file, 0));
    truncateSync(join(empty, 'earmark.sqlite-wal'), 0);
    await expect(run(empty)).rejects.toThrow(
      `The workstation database ${join(empty, 'earmark.sqlite')} holds no Earmark data`,
    );
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('refuses a folder with no workstation in it, and does not make one there', async () => {
    const none = join(folders.dir, 'no-workstation');
    cpSync(join(workstation, 'keys'), join(none, 'keys'), { recursive: true });
    const before = snapshot(none);
    await expect(run(none)).rejects.toThrow(
      `${none} is not a workstation's data folder: it has no earmark.sqlite`,
    );
    expect(snapshot(none)).toEqual(before);
  });

  it('still refuses a database from a newer Earmark with its message, changing nothing', async () => {
    const newer = damagedCopy('newer', () => {});
    const db = new SqliteDatabase(join(newer, 'earmark.sqlite'));
    db.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    db.close();
    const before = snapshot(newer);
    await expect(run(newer)).rejects.toThrow(
      `The database ${join(newer, 'earmark.sqlite')} was written by a newer version of Earmark (schema ${latestSchemaVersion() + 1}`,
    );
    expect(snapshot(newer)).toEqual(before);
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('stops while the app has the folder, with the lock’s message', async () => {
    const lock = acquireDataFolderLock(workstation, { command: 'the desktop app', log: () => {} });
    try {
      const before = snapshot(workstation);
      await expect(run()).rejects.toThrow(/is in use by another Earmark \(the desktop app, pid \d+/);
      expect(snapshot(workstation)).toEqual(before);
    } finally {
      lock.release();
    }
  });

  it('brings an older workstation over whole, rows in its -wal too, and its files stay byte for byte', async () => {
    const before = snapshot(workstation);
    expect(Object.keys(before)).toContain('earmark.sqlite-wal');
    const done = await run();
    expect(done.profiles).toEqual([{ workstation: 'Maria Lind', team: 'maria' }]);
    expect(done.added).toMatchObject({ teams: 1, agents: 2 });
    const agents = await target.query
      .selectFrom('agents as a')
      .innerJoin('teams as t', 't.id', 'a.team_id')
      .select(['a.name as agent', 't.name as team'])
      .orderBy('a.name')
      .execute();
    expect(agents).toEqual([
      { agent: 'Anna Berg', team: 'Sales' },
      { agent: 'Ben Ott', team: 'Sales' },
    ]);
    expect(snapshot(workstation)).toEqual(before);
    expect(readdirSync(scratch)).toEqual([]);
    // A second run reads the same workstation, still as it was, and adds nothing.
    expect((await run()).added).toMatchObject({ teams: 0, agents: 0 });
    expect(snapshot(workstation)).toEqual(before);
  });
});
