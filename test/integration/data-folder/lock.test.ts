import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { DATABASE_FILE } from '../../../electron/backend/db/open';
import { resourcesDir, sharedData, tempDir } from '../../support/paths';
import { deadPid, earmark, run, serve, type Serving } from './cli';

const LOCK = 'earmark.lock';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function folder(): string {
  const data = tempDir('earmark-lock-');
  cleanups.push(data.cleanup);
  return data.dir;
}

async function open(dataDir: string, logs: string[] = [], command = 'the desktop app'): Promise<Backend> {
  const backend = await createBackend({
    dataDir,
    resourcesDir,
    version: '0.0.0-test',
    command,
    log: (line) => logs.push(line),
  });
  cleanups.push(() => (backend.db.open ? backend.close() : undefined));
  return backend;
}

function writeLock(dataDir: string, fields: Record<string, unknown>): void {
  const lock = {
    pid: 1,
    hostname: hostname(),
    command: 'earmark serve',
    startedAt: '2026-05-04T07:12:00.000Z',
    dataDir: realpathSync(dataDir),
    token: 'feedfacefeedface',
    ...fields,
  };
  writeFileSync(join(dataDir, LOCK), JSON.stringify(lock));
}

const lockOf = (dataDir: string) =>
  JSON.parse(readFileSync(join(dataDir, LOCK), 'utf8')) as { pid: number; command: string };

describe('one process owns a data folder for writing', () => {
  it('refuses a second serve, an import and the desktop app on a folder in use, naming folder and owner', async () => {
    const dataDir = folder();
    const first: Serving = await serve(dataDir);
    cleanups.push(() => first.stop());
    expect(lockOf(dataDir)).toMatchObject({ pid: first.child.pid, command: 'earmark serve' });

    const second = await run(['serve', '--data', dataDir, '--json']);
    expect(second.code).not.toBe(0);
    expect(second.stdout).toBe('');
    expect(second.stderr).toContain(`The data folder ${dataDir} is in use by another Earmark`);
    expect(second.stderr).toContain(`earmark serve, pid ${first.child.pid}, since `);

    const jfk = join(sharedData, 'audio', 'openai__whisper', 'jfk.flac');
    const importing = await run(['import', jfk, '--data', dataDir, '--json']);
    expect(importing.code).not.toBe(0);
    expect(importing.stderr).toContain(`The data folder ${dataDir} is in use`);
    expect(importing.stderr).toContain(`pid ${first.child.pid}`);

    await expect(open(dataDir)).rejects.toThrow(
      new RegExp(
        `in use by another Earmark \\(earmark serve, pid ${first.child.pid}, since \\d{4}-\\d\\d-\\d\\d`,
      ),
    );

    // Still the first one's, and it is still serving.
    expect(lockOf(dataDir).pid).toBe(first.child.pid);
    expect(first.child.exitCode).toBeNull();

    // Stopped cleanly, it leaves the folder free for the next one.
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(existsSync(join(dataDir, LOCK))).toBe(false);
    const backend = await open(dataDir);
    expect(lockOf(dataDir)).toMatchObject({ pid: process.pid, command: 'the desktop app' });
    await backend.close();
    expect(existsSync(join(dataDir, LOCK))).toBe(false);
  }, 60_000);

  it('lets exactly one of several serves started at once have the folder', async () => {
    const dataDir = folder();
    const outcomes = await Promise.allSettled([serve(dataDir), serve(dataDir), serve(dataDir)]);
    const started = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    for (const s of started) cleanups.push(() => s.stop());
    expect(started).toHaveLength(1);
    for (const o of outcomes) {
      if (o.status === 'rejected') expect(String(o.reason)).toMatch(/is in use by another Earmark/);
    }
  }, 60_000);

  it('frees the folder when serve is stopped with Ctrl+C', async () => {
    const dataDir = folder();
    const serving = await serve(dataDir);
    expect(existsSync(join(dataDir, LOCK))).toBe(true);
    expect(await serving.stop('SIGINT')).toBe(0);
    expect(existsSync(join(dataDir, LOCK))).toBe(false);
  }, 30_000);

  it('frees the folder when an import is stopped with Ctrl+C, after the file in progress', async () => {
    const dataDir = folder();
    const sgd = join(sharedData, 'chats', 'google-research-datasets__dstc8-schema-guided-dialogue');
    const child = earmark(['import', join(sgd, 'train'), join(sgd, 'test'), '--data', dataDir]);
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // Interrupted once the first file is under way (its progress line on stderr).
    await new Promise<void>((resolve) =>
      child.stderr!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('[1/')) resolve();
      }),
    );
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stdout).toMatch(/\d+ imported, \d+ updated, \d+ skipped, \d+ failed/);
    expect(existsSync(join(dataDir, LOCK))).toBe(false);
  }, 60_000);
});

describe('a lock whose owner is gone', () => {
  it('is taken over, with one log line naming the old owner', async () => {
    const dataDir = folder();
    const gone = await deadPid();
    writeLock(dataDir, { pid: gone, command: 'earmark import' });
    const logs: string[] = [];
    await open(dataDir, logs);
    expect(lockOf(dataDir).pid).toBe(process.pid);
    const takeovers = logs.filter((line) => line.includes('took over'));
    expect(takeovers).toHaveLength(1);
    expect(takeovers[0]).toMatch(
      new RegExp(
        `took over the data folder .*: the Earmark that had it \\(earmark import, pid ${gone}, since .*\\) is no longer running`,
      ),
    );
  });

  it('is taken over from an owner killed outright, by the next command', async () => {
    const dataDir = folder();
    const serving = await serve(dataDir);
    const killedPid = serving.child.pid!;
    await serving.stop('SIGKILL');
    expect(lockOf(dataDir).pid).toBe(killedPid); // nothing could clean up after a SIGKILL
    const next = await serve(dataDir);
    cleanups.push(() => next.stop());
    expect(lockOf(dataDir).pid).toBe(next.child.pid);
    expect(next.stderr()).toContain(`pid ${killedPid}`);
    expect(next.stderr()).toContain('is no longer running');
  }, 60_000);

  it.runIf(process.platform === 'linux')(
    'is taken over when its pid now belongs to another program',
    async () => {
      const dataDir = folder();
      const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
      cleanups.push(() => other.kill());
      writeLock(dataDir, { pid: other.pid, processId: 'another-boot/12345' });
      const logs: string[] = [];
      await open(dataDir, logs);
      expect(lockOf(dataDir).pid).toBe(process.pid);
      expect(logs.join('\n')).toMatch(/its pid now belongs to another program/);
    },
  );

  it('is taken over when it came with a copy of another folder', async () => {
    const dataDir = folder();
    const original = folder();
    writeLock(dataDir, { pid: process.pid, dataDir: realpathSync(original) });
    const logs: string[] = [];
    await open(dataDir, logs);
    expect(logs.join('\n')).toContain(`its lock came with a copy of ${realpathSync(original)}`);
  });

  it('is not taken over from another computer, where its owner cannot be checked', async () => {
    const dataDir = folder();
    writeLock(dataDir, { hostname: 'reception-pc' });
    await expect(open(dataDir)).rejects.toThrow(
      `If no Earmark is running on "reception-pc", delete ${join(dataDir, LOCK)} and try again.`,
    );
    expect(lockOf(dataDir).pid).toBe(1);
  });

  it('is not taken over from a live process', async () => {
    const dataDir = folder();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    cleanups.push(() => other.kill());
    writeLock(dataDir, { pid: other.pid });
    await expect(open(dataDir)).rejects.toThrow(`earmark serve, pid ${other.pid}, since`);
  });
});

describe('doctor', () => {
  it('runs beside the owner without touching its import in progress, and says who owns the folder', async () => {
    const dataDir = folder();
    const owner = await open(dataDir, [], 'earmark serve');
    // An import in flight, as the owner's worker leaves it mid-file: its batch 'running' and the
    // transcode being written to a .partial file.
    const batchId = Number(
      owner.db
        .prepare(
          "INSERT INTO import_batches (started_at, state) VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'running')",
        )
        .run().lastInsertRowid,
    );
    const partial = join(dataDir, 'recordings', 'imported', `.${process.pid}-in-flight.wav.partial`);
    mkdirSync(join(dataDir, 'recordings', 'imported'), { recursive: true });
    writeFileSync(partial, 'RIFF half a recording');
    const lockPath = join(dataDir, LOCK);
    const lockBefore = existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null;

    const doctor = await run(['doctor', '--data', dataDir, '--json']);
    expect(doctor.code, doctor.stderr).toBe(0);
    // The owner's import is untouched: still running, its half-written file still there.
    expect(owner.db.prepare('SELECT state FROM import_batches WHERE id = ?').pluck().get(batchId)).toBe(
      'running',
    );
    expect(readFileSync(partial, 'utf8')).toBe('RIFF half a recording');
    expect(existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null).toBe(lockBefore);

    const report = JSON.parse(doctor.stdout) as {
      ok: boolean;
      inUse: string;
      inUseBy: { pid: number; command: string };
    };
    expect(report.ok).toBe(true);
    expect(report.inUseBy).toMatchObject({ pid: process.pid, command: 'earmark serve' });
    expect(report.inUse).toContain(`earmark serve, pid ${process.pid}`);

    const text = await run(['doctor', '--data', dataDir]);
    expect(text.stdout).toMatch(
      new RegExp(`In use by: +another Earmark \\(earmark serve, pid ${process.pid}, since`),
    );
  }, 60_000);

  it('opens the database read-only: no migration, no lock, nothing written', async () => {
    const dataDir = folder();
    await (await open(dataDir)).close();
    // An older Earmark's database: schema 1 (what the next start would upgrade).
    const db = new Database(join(dataDir, DATABASE_FILE));
    const latest = db.pragma('user_version', { simple: true }) as number;
    db.pragma('user_version = 1');
    db.close();
    const before = readFileSync(join(dataDir, DATABASE_FILE));

    const doctor = await run(['doctor', '--data', dataDir, '--json']);
    const report = JSON.parse(doctor.stdout) as { schemaVersion: number; notes: string[]; inUse: null };
    expect(report.schemaVersion).toBe(1);
    expect(report.inUse).toBeNull();
    expect(report.notes).toEqual([
      `The database is at schema 1; the next start of Earmark backs it up and upgrades it to ${latest}.`,
    ]);
    expect(readFileSync(join(dataDir, DATABASE_FILE)).equals(before)).toBe(true);
    expect(existsSync(join(dataDir, 'backups'))).toBe(false);
    expect(existsSync(join(dataDir, LOCK))).toBe(false);
    expect((await run(['doctor', '--data', dataDir])).stdout).toMatch(/In use by: +nobody/);
  }, 60_000);
});
