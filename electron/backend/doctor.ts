import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createBackend, type BackendOptions } from './backend';
import { DATABASE_FILE } from './db/open';

export interface DoctorReport {
  ok: boolean;
  dataDir: string;
  databaseFile: string;
  schemaVersion: number | null;
  integrity: string;
  counts: Record<'calls' | 'chats' | 'recordings' | 'segments' | 'agents' | 'teams', number> | null;
  missingRecordings: string[];
  problems: string[];
}

/** Checks a data directory without changing anything but a pending migration (which backs up first). */
export async function runDoctor(options: BackendOptions): Promise<DoctorReport> {
  const databaseFile = join(options.dataDir, DATABASE_FILE);
  const report: DoctorReport = {
    ok: false,
    dataDir: options.dataDir,
    databaseFile,
    schemaVersion: null,
    integrity: 'not checked',
    counts: null,
    missingRecordings: [],
    problems: [],
  };
  if (!existsSync(databaseFile)) {
    report.problems.push(`There is no database at ${databaseFile} yet; start Earmark once to create it.`);
    return report;
  }
  let backend;
  try {
    backend = await createBackend(options);
  } catch (error) {
    report.problems.push((error as Error).message);
    return report;
  }
  try {
    const { db } = backend;
    report.schemaVersion = db.pragma('user_version', { simple: true }) as number;
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
    report.ok = report.problems.length === 0;
    return report;
  } finally {
    await backend.close();
  }
}

export function formatDoctorReport(report: DoctorReport): string {
  const lines = [
    `Data directory:  ${report.dataDir}`,
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
  lines.push(
    report.ok
      ? 'Result:          healthy'
      : `Result:          problems found\n  - ${report.problems.join('\n  - ')}`,
  );
  return lines.join('\n');
}
