import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresMigrations } from '../../../electron/backend/db/migrations';
import { openPostgres } from '../../../electron/backend/db/postgres/database';
import { runPostgresDoctor } from '../../../electron/backend/doctor-postgres';
import { earmarkCli } from '../../support/cli';
import { freshPostgresUrl } from '../../support/engines';
import { repoRoot, resourcesDir, tempDir } from '../../support/paths';
import { csv, germanMapping, germanRow } from '../mystery/sheet';

function earmark(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [...earmarkCli(), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EARMARK_DATABASE: '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function migratedDatabase(): Promise<string> {
  const made = await freshPostgresUrl();
  await (await openPostgres(made)).close();
  return made;
}

async function sqlOn(databaseUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

let url: string;
let dataDir: string;
const cleanups: (() => void)[] = [];
beforeAll(async () => {
  url = await migratedDatabase();
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  dataDir = dir.dir;
});
afterAll(() => cleanups.forEach((fn) => fn()));

describe('earmark on PostgreSQL', () => {
  it('doctor --database checks the schema version and hashes and prints counts', async () => {
    const { code, stdout } = await earmark(['doctor', '--data', dataDir, '--database', url, '--json']);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      ok: true,
      schemaVersion: postgresMigrations.at(-1)!.version,
      integrity: 'ok (schema guarantees in place)',
      counts: { calls: 0, chats: 0, recordings: 0, segments: 0, agents: 0, teams: 0 },
      problems: [],
    });
    expect(code).toBe(0);
  });

  it('takes the database from EARMARK_DATABASE when --database is not given', async () => {
    const { code, stdout } = await earmark(['doctor', '--data', dataDir], { EARMARK_DATABASE: url });
    expect(stdout).toMatch(new RegExp(`Schema version:\\s+${postgresMigrations.at(-1)!.version}\\n`));
    expect(stdout).toMatch(/Agents \/ teams:\s+0 \/ 0/);
    expect(code).toBe(0);
  });

  it('doctor reports a schema from a newer Earmark', async () => {
    const other = await migratedDatabase();
    await sqlOn(other, "INSERT INTO schema_migrations VALUES (99, '099-future', 'x', 'now')");
    const { code, stdout } = await earmark(['doctor', '--data', dataDir, '--database', other]);
    expect(stdout).toMatch(/newer version of Earmark \(schema 99/);
    expect(code).toBe(1);
  });

  it('doctor reports a guarantee switched off and a migration edited after it ran', async () => {
    const other = await migratedDatabase();
    await sqlOn(other, 'ALTER TABLE evaluation_audit DISABLE TRIGGER evaluation_audit_append_only');
    const report = await runPostgresDoctor({ dataDir, databaseUrl: other });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      'The trigger evaluation_audit_append_only is missing or disabled, so it no longer holds that the audit trail is append-only.',
    ]);
    await sqlOn(other, "UPDATE schema_migrations SET sha256 = 'edited' WHERE version = 5");
    expect((await runPostgresDoctor({ dataDir, databaseUrl: other })).problems).toEqual([
      'Migration 005-coaching-privacy was changed after it ran on this database; restore it and add a new migration instead.',
    ]);
  });

  it('every command takes --database: mystery list reads the shops from PostgreSQL', async () => {
    const { code, stdout, stderr } = await earmark([
      'mystery',
      'list',
      '--json',
      '--data',
      dataDir,
      '--database',
      url,
    ]);
    expect(stderr).not.toMatch(/does not run on PostgreSQL yet/);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([]);
  });

  it('mystery import brings a sheet with its recordings into PostgreSQL, and mystery list reads them back', async () => {
    const own = await migratedDatabase();
    const work = tempDir();
    cleanups.push(work.cleanup);
    const recordings = join(work.dir, 'recordings');
    mkdirSync(recordings);
    copyFileSync(
      join(resourcesDir, 'demo', 'calls', 'demo-call-billing.wav'),
      join(recordings, 'W1-00001.wav'),
    );
    const sheet = join(work.dir, 'welle1.csv');
    writeFileSync(sheet, csv([germanRow(1), germanRow(2), germanRow(3, { Begrüßung: 'vielleicht' })]));
    const mapping = join(work.dir, 'mapping.json');
    writeFileSync(mapping, JSON.stringify(germanMapping));
    const database = ['--data', dataDir, '--database', own];
    const imported = await earmark([
      'mystery',
      'import',
      sheet,
      '--mapping',
      mapping,
      '--recordings',
      recordings,
      '--json',
      ...database,
    ]);
    expect(imported.stderr).not.toMatch(/does not run on PostgreSQL yet/);
    const report = JSON.parse(imported.stdout) as {
      imported: { shopId: string }[];
      failed: { row: number; column: string }[];
    };
    expect(report.imported.map((r) => r.shopId)).toEqual(['W1-00001', 'W1-00002']);
    expect(report.failed.map((f) => [f.row, f.column])).toEqual([[4, 'Begrüßung']]);
    expect(imported.code).toBe(1); // a row failed

    const listed = await earmark(['mystery', 'list', '--json', ...database]);
    expect(listed.code, listed.stderr).toBe(0);
    const shops = JSON.parse(listed.stdout) as { shopId: string; evidence: { recordingId: number | null } }[];
    expect(shops.map((s) => s.shopId)).toEqual(['W1-00001', 'W1-00002']);
    expect(shops[0]!.evidence.recordingId).toEqual(expect.any(Number));
    expect(shops[1]!.evidence.recordingId).toBeNull();
  }, 120_000);

  it('refuses a database URL that is not PostgreSQL, naming it', async () => {
    const { code, stderr } = await earmark(['doctor', '--data', dataDir, '--database', 'mysql://db/earmark']);
    expect(stderr).toMatch(
      /--database: Earmark keeps a team's data in PostgreSQL \(postgres:\/\/…\), not mysql/,
    );
    expect(code).toBe(1);
  });
});
