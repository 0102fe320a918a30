import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresMigrations } from '../../../electron/backend/db/migrations';
import type { Migration } from '../../../electron/backend/db/open';
import { createPool, openPostgres } from '../../../electron/backend/db/postgres/database';
import { migratePostgres } from '../../../electron/backend/db/postgres/migrate';
import { freshPostgresUrl } from '../../support/engines';

const pools: pg.Pool[] = [];
afterAll(async () => Promise.all(pools.splice(0).map((pool) => pool.end())));
function pool(url: string): pg.Pool {
  const made = createPool(url, 2);
  pools.push(made);
  return made;
}
const firstRow = async <T>(url: string, text: string): Promise<T> =>
  (await pool(url).query(text)).rows[0] as T;

describe('PostgreSQL migrations', () => {
  it('brings a new database to the newest schema and records every migration with its hash', async () => {
    const url = await freshPostgresUrl();
    const database = await openPostgres(url);
    await database.close();
    const applied = (
      await pool(url).query<{ version: number; name: string; sha256: string }>(
        'SELECT version, name, sha256 FROM schema_migrations ORDER BY version',
      )
    ).rows;
    expect(applied.map((row) => [row.version, row.name])).toEqual(
      postgresMigrations.map((m) => [m.version, m.name]),
    );
    for (const row of applied) expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('migrates once when two servers start together: one applies, the other waits and finds it done', async () => {
    const url = await freshPostgresUrl();
    const counts = await Promise.all([migratePostgres(pool(url), url), migratePostgres(pool(url), url)]);
    expect(counts.sort((a, b) => a - b)).toEqual([0, postgresMigrations.length]);
    const { count } = await firstRow<{ count: number }>(
      url,
      'SELECT count(*) AS count FROM schema_migrations',
    );
    expect(count).toBe(postgresMigrations.length);
  });

  it('refuses a schema from a newer Earmark, saying so, and changes nothing', async () => {
    const url = await freshPostgresUrl();
    await migratePostgres(pool(url), url);
    await pool(url).query(
      "INSERT INTO schema_migrations VALUES (99, '099-future', 'x', '2030-01-01T00:00:00.000Z')",
    );
    const next = postgresMigrations.at(-1)!.version + 1;
    const withNext: Migration[] = [
      ...postgresMigrations,
      { version: next, name: `${next}-next`, sql: 'CREATE TABLE must_not_appear (x bigint)' },
    ];
    await expect(openPostgres(url, { migrations: withNext })).rejects.toThrow(
      `written by a newer version of Earmark (schema 99; this version knows up to ${next})`,
    );
    const { exists } = await firstRow<{ exists: string | null }>(
      url,
      "SELECT to_regclass('must_not_appear') AS exists",
    );
    expect(exists).toBeNull();
  });

  it('refuses a migration edited after it ran', async () => {
    const url = await freshPostgresUrl();
    await migratePostgres(pool(url), url);
    const edited = postgresMigrations.map((m) =>
      m.version === 3 ? { ...m, sql: `${m.sql}\n-- edited` } : m,
    );
    await expect(migratePostgres(pool(url), url, edited)).rejects.toThrow(
      /Migration 003-review was changed after it ran/,
    );
  });

  it('rolls every pending migration back when one fails: no half-applied schema', async () => {
    const url = await freshPostgresUrl();
    // Numbered after the real ones, whichever is the latest.
    const next = postgresMigrations.at(-1)!.version + 1;
    const broken: Migration[] = [
      ...postgresMigrations,
      { version: next, name: `${next}-ok`, sql: 'CREATE TABLE half (x bigint)' },
      { version: next + 1, name: `${next + 1}-broken`, sql: 'CREATE TABLE teams (dup bigint)' },
    ];
    await expect(migratePostgres(pool(url), url, broken)).rejects.toThrow(/already exists/);
    const { tables } = await firstRow<{ tables: number }>(
      url,
      "SELECT count(*) AS tables FROM pg_tables WHERE schemaname = 'public'",
    );
    expect(tables).toBe(0);
  });
});
