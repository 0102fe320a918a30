import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dataFolderOwner, type LockOwner } from './data-folder/lock';
import { migrations } from './db/migrations';
import { checkAppliedUnchanged, DATABASE_FILE, latestSchemaVersion, openReadOnly } from './db/open';

export interface DoctorOptions {
  dataDir: string;
  /** better-sqlite3 native build to use. */
  nativeBinding?: string;
}

export interface DoctorReport {
  ok: boolean;
  dataDir: string;
  databaseFile: string;
  schemaVersion: number | null;
  integrity: string;
  counts: Record<'calls' | 'chats' | 'recordings' | 'segments' | 'agents' | 'teams', number> | null;
  missingRecordings: string[];
  /** The Earmark working on the folder now (doctor may run beside it), or null. */
  inUseBy: LockOwner | null;
  /** Said plainly: "another Earmark (earmark serve, pid 4242, since …)". */
  inUse: string | null;
  /** Worth knowing, not wrong: a schema upgrade the next start will make. */
  notes: string[];
  problems: string[];
}

/**
 * Checks a data folder and changes nothing: the database is opened read-only (no migration, no
 * recovery of interrupted imports, no clean-up), the lock is only read, so doctor can run beside the
 * Earmark that owns the folder without disturbing its work.
 */
export function runDoctor(options: DoctorOptions): DoctorReport {
  const databaseFile = join(options.dataDir, DATABASE_FILE);
  const holder = existsSync(options.dataDir) ? dataFolderOwner(options.dataDir) : null;
  const report: DoctorReport = {
    ok: false,
    dataDir: options.dataDir,
    databaseFile,
    schemaVersion: null,
    integrity: 'not checked',
    counts: null,
    missingRecordings: [],
    inUseBy: holder?.owner ?? null,
    inUse: holder?.message ?? null,
    notes: [],
    problems: [],
  };
  if (!existsSync(databaseFile)) {
    report.problems.push(`There is no database at ${databaseFile} yet; start Earmark once to create it.`);
    return report;
  }
  let db;
  try {
    db = openReadOnly(options.dataDir, options.nativeBinding);
  } catch (error) {
    report.problems.push(`The database ${databaseFile} cannot be opened: ${(error as Error).message}`);
    return report;
  }
  try {
    const schema = db.pragma('user_version', { simple: true }) as number;
    const latest = latestSchemaVersion();
    report.schemaVersion = schema;
    if (schema > latest) {
      report.problems.push(
        `The database was written by a newer version of Earmark (schema ${schema}; this version knows up to ${latest}).`,
      );
      return report;
    }
    checkAppliedUnchanged(db, migrations, schema);
    if (schema < latest) {
      report.notes.push(
        `The database is at schema ${schema}; the next start of Earmark backs it up and upgrades it to ${latest}.`,
      );
    }
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
      (r) => r.integrity_check,
    );
    report.integrity = integrity.join('; ');
    if (report.integrity !== 'ok') report.problems.push(`SQLite integrity check failed: ${report.integrity}`);
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    report.counts = {
      calls: count("SELECT count(*) AS n FROM interactions WHERE kind = 'call'"),
      chats: count("SELECT count(*) AS n FROM interactions WHERE kind = 'chat'"),
      recordings: count('SELECT count(*) AS n FROM recordings'),
      segments: count('SELECT count(*) AS n FROM segments'),
      agents: count('SELECT count(*) AS n FROM agents'),
      teams: count('SELECT count(*) AS n FROM teams'),
    };
    const paths = db.prepare('SELECT path FROM recordings').pluck().all() as string[];
    report.missingRecordings = paths.filter((p) => !existsSync(p));
    if (report.missingRecordings.length > 0) {
      report.problems.push(`${report.missingRecordings.length} recording file(s) are missing from disk.`);
    }
  } catch (error) {
    report.problems.push((error as Error).message);
  } finally {
    db.close();
  }
  report.ok = report.problems.length === 0;
  return report;
}

export function formatDoctorReport(report: DoctorReport): string {
  const lines = [
    `Data directory:  ${report.dataDir}`,
    `In use by:       ${report.inUse ?? 'nobody (no Earmark is working on it now)'}`,
    `Database:        ${report.databaseFile}`,
    `Schema version:  ${report.schemaVersion ?? 'unknown'}`,
    `Integrity:       ${report.integrity}`,
  ];
  if (report.counts) {
    lines.push(
      `Interactions:    ${report.counts.calls} calls, ${report.counts.chats} chats`,
      `Recordings:      ${report.counts.recordings} (${report.missingRecordings.length} missing)`,
      `Segments:        ${report.counts.segments}`,
      `Agents / teams:  ${report.counts.agents} / ${report.counts.teams}`,
    );
  }
  for (const note of report.notes) lines.push(`Note:            ${note}`);
  lines.push(
    report.ok
      ? 'Result:          healthy'
      : `Result:          problems found\n  - ${report.problems.join('\n  - ')}`,
  );
  return lines.join('\n');
}
