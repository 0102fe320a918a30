import { createHash } from 'node:crypto';
import type pg from 'pg';
import { EarmarkError } from '../../../../shared/errors';
import { postgresMigrations } from '../migrations';
import type { Migration } from '../open';

/** Any fixed number: every Earmark server takes this advisory lock to migrate, so only one does at a time. */
export const MIGRATION_LOCK = 0x6561726d; // 'earm'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface AppliedMigration {
  version: number;
  name: string;
  sha256: string;
  applied_at: string;
}

/**
 * Brings the database up to the newest schema: every pending migration in ONE transaction holding
 * pg_advisory_xact_lock, so two servers starting together migrate once (the second waits, then finds
 * nothing to do) and a failure leaves the schema as it was. A schema newer than this Earmark knows, or a
 * migration edited after it ran, is refused before anything is changed.
 */
export async function migratePostgres(
  pool: pg.Pool,
  url: string,
  migrations: readonly Migration[] = postgresMigrations,
): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version bigint PRIMARY KEY, name text NOT NULL, sha256 text NOT NULL, applied_at text NOT NULL
      )`);
      const applied = (
        await client.query<AppliedMigration>(
          'SELECT version, name, sha256, applied_at FROM schema_migrations ORDER BY version',
        )
      ).rows;
      const current = checkApplied(applied, migrations, describe(url));
      const pending = migrations.filter((m) => m.version > current);
      for (const m of pending) {
        await client.query(m.sql);
        await client.query(
          'INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES ($1, $2, $3, $4)',
          [m.version, m.name, sha256(m.sql), new Date().toISOString()],
        );
      }
      await client.query('COMMIT');
      return pending.length;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    client.release();
  }
}

/**
 * The schema version the applied rows say, after refusing a newer schema and an edited migration
 * (as open.ts does on SQLite, with the same words).
 */
export function checkApplied(
  applied: readonly AppliedMigration[],
  migrations: readonly Migration[],
  where: string,
): number {
  const current = Math.max(0, ...applied.map((row) => Number(row.version)));
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new EarmarkError(
      'conflict',
      `The database ${where} was written by a newer version of Earmark (schema ${current}; this version knows up to ${latest}). ` +
        'Update Earmark to open it; the database has not been changed.',
    );
  }
  for (const row of applied) {
    const known = migrations.find((m) => m.version === Number(row.version));
    if (known && sha256(known.sql) !== row.sha256) {
      throw new EarmarkError(
        'conflict',
        `Migration ${row.name} was changed after it ran on this database; restore it and add a new migration instead.`,
      );
    }
  }
  return current;
}

/** The URL without its password, for messages and logs. */
export function describe(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'given by --database';
  }
}
