import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase, type Migration } from '../../electron/backend/db/open';
import { migrations } from '../../electron/backend/db/migrations';
import { tempDir } from '../support/paths';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));
function dataDir(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return dir;
}

describe('openDatabase', () => {
  it('creates the schema with WAL, foreign keys, FULL sync and STRICT tables', async () => {
    const db = await openDatabase(dataDir());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    // FTS5 virtual tables and their shadow tables are SQLite's own and cannot be STRICT.
    const tables = db
      .prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'",
      )
      .all() as { name: string; sql: string }[];
    expect(tables.length).toBeGreaterThan(5);
    for (const table of tables) expect(table.sql, table.name).toMatch(/STRICT/);
    db.close();
  });

  it('refuses a database from a newer Earmark and leaves the file untouched', async () => {
    const dir = dataDir();
    (await openDatabase(dir)).close();
    const raw = new Database(join(dir, DATABASE_FILE));
    raw.pragma('user_version = 99');
    raw.close();
    const before = readFileSync(join(dir, DATABASE_FILE));
    await expect(openDatabase(dir)).rejects.toThrow(/newer version of Earmark \(schema 99/);
    expect(readFileSync(join(dir, DATABASE_FILE)).equals(before)).toBe(true);
  });

  it('backs the database up before migrating it, and applies new migrations in order', async () => {
    const dir = dataDir();
    const v1: Migration[] = [{ version: 1, name: '001', sql: 'CREATE TABLE a (x INTEGER) STRICT;' }];
    const db1 = await openDatabase(dir, { migrations: v1 });
    db1.prepare('INSERT INTO a VALUES (7)').run();
    db1.close();
    const v2 = [...v1, { version: 2, name: '002', sql: 'CREATE TABLE b (y TEXT) STRICT;' }];
    const db2 = await openDatabase(dir, { migrations: v2 });
    expect(db2.pragma('user_version', { simple: true })).toBe(2);
    db2.close();
    const backups = readdirSync(join(dir, 'backups'));
    expect(backups).toHaveLength(1);
    const backup = new Database(join(dir, 'backups', backups[0]!), { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT x FROM a').pluck().get()).toBe(7);
    backup.close();
  });

  it('rolls a failing migration back whole: no half-applied schema, version unchanged', async () => {
    const dir = dataDir();
    const v1: Migration[] = [{ version: 1, name: '001', sql: 'CREATE TABLE a (x INTEGER) STRICT;' }];
    (await openDatabase(dir, { migrations: v1 })).close();
    const broken = [
      ...v1,
      { version: 2, name: '002', sql: 'CREATE TABLE b (y TEXT) STRICT; CREATE TABLE a (dup INTEGER);' },
    ];
    await expect(openDatabase(dir, { migrations: broken })).rejects.toThrow(/already exists/);
    const raw = new Database(join(dir, DATABASE_FILE), { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'b'").pluck().get()).toBe(0);
    raw.close();
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const dir = dataDir();
    (
      await openDatabase(dir, {
        migrations: [{ version: 1, name: '001', sql: 'CREATE TABLE a (x INTEGER) STRICT;' }],
      })
    ).close();
    await expect(
      openDatabase(dir, {
        migrations: [{ version: 1, name: '001', sql: 'CREATE TABLE a (x TEXT) STRICT;' }],
      }),
    ).rejects.toThrow(/001 was changed after it ran/);
  });

  it('takes no backup when creating a new database', async () => {
    const dir = dataDir();
    (await openDatabase(dir)).close();
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });
});
