import { existsSync } from 'node:fs';
import { dataFolderOwner } from './data-folder/lock';
import { postgresMigrations } from './db/migrations';
import { createPool } from './db/postgres/database';
import { checkApplied, describe, type AppliedMigration } from './db/postgres/migrate';
import type { DoctorReport } from './doctor';

/** The triggers that keep the schema's promises; doctor says which one is gone or switched off. */
const GUARANTEES: Record<string, string> = {
  rubric_versions_immutable: 'a published rubric version cannot be changed',
  rubric_versions_kept: 'a published rubric version is never deleted',
  evaluations_version_fixed: 'an evaluation keeps its rubric version',
  evaluation_answers_locked_insert: "a submitted evaluation's answers are locked",
  evaluation_answers_locked_update: "a submitted evaluation's answers are locked",
  evaluation_audit_append_only: 'the audit trail is append-only',
};

/**
 * `earmark doctor --database URL`: checks a team's PostgreSQL and changes nothing (one read-only
 * transaction): the schema version and the hash of every applied migration, the guarantee triggers,
 * the counts, and the recording files, which stay in the data folder (or the shared storage it names).
 */
export async function runPostgresDoctor(options: {
  dataDir: string;
  databaseUrl: string;
}): Promise<DoctorReport> {
  const holder = existsSync(options.dataDir) ? dataFolderOwner(options.dataDir) : null;
  const report: DoctorReport = {
    ok: false,
    dataDir: options.dataDir,
    databaseFile: describe(options.databaseUrl),
    schemaVersion: null,
    integrity: 'not checked',
    counts: null,
    missingRecordings: [],
    inUseBy: holder?.owner ?? null,
    inUse: holder?.message ?? null,
    notes: [],
    problems: [],
  };
  const pool = createPool(options.databaseUrl, 1);
  pool.on('error', () => {}); // a lost connection shows as the failing query's error below
  try {
    const client = await pool.connect().catch((error: Error) => {
      throw new Error(`The database ${report.databaseFile} cannot be reached: ${error.message}`);
    });
    try {
      await client.query('BEGIN READ ONLY');
      await examine(client, report);
    } finally {
      await client.query('ROLLBACK').catch(() => {});
      client.release();
    }
  } catch (error) {
    report.problems.push((error as Error).message);
  } finally {
    await pool.end();
  }
  report.ok = report.problems.length === 0;
  return report;
}

async function examine(
  client: { query: <R extends object>(text: string) => Promise<{ rows: R[] }> },
  report: DoctorReport,
): Promise<void> {
  const [{ table }] = (
    await client.query<{ table: string | null }>("SELECT to_regclass('schema_migrations')::text AS table")
  ).rows as [{ table: string | null }];
  if (!table) {
    report.problems.push(
      `There is no Earmark schema in ${report.databaseFile} yet; start Earmark once with --database to create it.`,
    );
    return;
  }
  const applied = (
    await client.query<AppliedMigration>('SELECT version, name, sha256, applied_at FROM schema_migrations')
  ).rows;
  const latest = postgresMigrations.at(-1)?.version ?? 0;
  // The same refusals as at start (newer schema, edited migration), reported instead of thrown.
  report.schemaVersion = Math.max(0, ...applied.map((row) => Number(row.version)));
  checkApplied(applied, postgresMigrations, report.databaseFile);
  const missing = postgresMigrations.filter(
    (m) => m.version <= report.schemaVersion! && !applied.some((row) => Number(row.version) === m.version),
  );
  if (missing.length > 0) {
    report.problems.push(
      `Migrations never applied below schema ${report.schemaVersion}: ${missing.map((m) => m.name).join(', ')}.`,
    );
  }
  if (report.schemaVersion < latest) {
    report.notes.push(
      `The database is at schema ${report.schemaVersion}; the next start of Earmark upgrades it to ${latest}.`,
    );
  }

  const triggers = new Map(
    (
      await client.query<{ name: string; enabled: string }>(
        'SELECT tgname AS name, tgenabled AS enabled FROM pg_trigger WHERE NOT tgisinternal',
      )
    ).rows.map((row) => [row.name, row.enabled]),
  );
  const broken = Object.entries(GUARANTEES).filter(
    ([name]) => report.schemaVersion! >= 4 && (triggers.get(name) ?? 'D') === 'D',
  );
  for (const [name, promise] of broken) {
    report.problems.push(
      `The trigger ${name} is missing or disabled, so it no longer holds that ${promise}.`,
    );
  }
  report.integrity = broken.length === 0 ? 'ok (schema guarantees in place)' : 'guarantees missing';

  const count = async (sql: string) => (await client.query<{ n: number }>(sql)).rows[0]!.n;
  report.counts = {
    calls: await count("SELECT count(*) AS n FROM interactions WHERE kind = 'call'"),
    chats: await count("SELECT count(*) AS n FROM interactions WHERE kind = 'chat'"),
    recordings: await count('SELECT count(*) AS n FROM recordings'),
    segments: await count('SELECT count(*) AS n FROM segments'),
    agents: await count('SELECT count(*) AS n FROM agents'),
    teams: await count('SELECT count(*) AS n FROM teams'),
  };
  const paths = (await client.query<{ path: string }>('SELECT path FROM recordings')).rows.map((r) => r.path);
  report.missingRecordings = paths.filter((p) => !existsSync(p));
  if (report.missingRecordings.length > 0) {
    report.problems.push(`${report.missingRecordings.length} recording file(s) are missing from disk.`);
  }
}
