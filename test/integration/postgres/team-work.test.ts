import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { EventName } from '../../../shared/api';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { EventHub } from '../../../electron/backend/events';
import { startEventBridge } from '../../../electron/backend/events-postgres';
import { startTeamWork } from '../../../electron/backend/team-work';
import { freshPostgresUrl } from '../../support/engines';
import { audioData, repoRoot, resourcesDir, sharedData, tempDir } from '../../support/paths';

/**
 * Work across the processes of a team server on one PostgreSQL: library events reach every process's
 * event hub once, an import enqueued on one process is run by whichever is free and its progress reaches
 * the others, and an import whose process was killed outright is finished by another, each file once.
 */
const LEASE_MS = 2000;

const sgd = join(sharedData, 'chats', 'google-research-datasets__dstc8-schema-guided-dialogue');
const sgdFiles = [join(sgd, 'train', 'dialogues_032.json'), join(sgd, 'test', 'dialogues_008.json')];
const expectedTurns = new Map<string, number>();
for (const file of sgdFiles)
  for (const dialogue of JSON.parse(readFileSync(file, 'utf8')) as {
    dialogue_id: string;
    turns: unknown[];
  }[])
    expectedTurns.set(dialogue.dialogue_id, dialogue.turns.length);

const folder = tempDir('earmark-team-src-');
for (const file of sgdFiles) cpSync(file, join(folder.dir, file.split('/').slice(-2).join('-')));
cpSync(join(audioData, 'pyannote__pyannote-audio', 'sample.wav'), join(folder.dir, 'sample.wav'));
cpSync(join(audioData, 'openai__whisper', 'jfk.flac'), join(folder.dir, 'jfk.flac'));
cpSync(join(audioData, 'Borewit__music-metadata', 'M1F1-AlawC-AFsp.aif'), join(folder.dir, 'alaw.aif'));
for (const leg of ['agent', 'caller'])
  cpSync(
    join(audioData, 'aws-samples__amazon-transcribe-live-call-analytics', `Auto_Repairs_40_UTC_${leg}.wav`),
    join(folder.dir, `Auto_Repairs_40_UTC_${leg}.wav`),
  );
/** sample.wav, jfk.flac, alaw.aif and the two-leg Auto_Repairs call. */
const CALLS = 4;
const request = { paths: [folder.dir], pairLegs: true, roles: {}, copyRecordings: false };

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  folder.cleanup();
});

async function teamBackend(url: string): Promise<Backend> {
  const data = tempDir('earmark-team-data-');
  const backend = await createBackend({
    dataDir: data.dir,
    resourcesDir,
    version: '0.0.0-test',
    databaseUrl: url,
    log: () => {},
  });
  cleanups.push(async () => {
    await backend.close();
    data.cleanup();
  });
  return backend;
}

interface Heard {
  event: EventName;
  payload: Record<string, unknown>;
  at: number;
}

function listen(hub: EventHub): Heard[] {
  const heard: Heard[] = [];
  const off = hub.subscribe((event, payload) =>
    heard.push({ event, payload: payload as Record<string, unknown>, at: performance.now() }),
  );
  cleanups.push(off);
  return heard;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const progressOf = (heard: Heard[], batchId: number, state?: string) =>
  heard.filter(
    (h) =>
      h.event === 'import.progress' && h.payload.batchId === batchId && (!state || h.payload.state === state),
  );

describe('events between server processes (LISTEN/NOTIFY)', () => {
  it('delivers each shared event once to every hub, keeps session events home, survives a dropped connection', async () => {
    const url = await freshPostgresUrl();
    const [hubA, hubB] = [new EventHub(), new EventHub()];
    const a = startEventBridge({ url, hub: hubA, log: () => {}, reconnectMs: 50 });
    const b = startEventBridge({ url, hub: hubB, log: () => {}, reconnectMs: 50 });
    cleanups.push(
      () => a.stop(),
      () => b.stop(),
    );
    await Promise.all([a.ready, b.ready]);
    const [heardA, heardB] = [listen(hubA), listen(hubB)];
    const marker = (batchId: number) => ({ ...idle, batchId });

    hubA.emit('profile.changed', { currentId: 1, locked: false });
    hubA.emit('import.progress', marker(101));
    hubB.emit('library.changed', { reason: 'demo' });
    await until('both events across', () => progressOf(heardB, 101).length > 0 && heardA.length >= 3);
    // A marker after them all: anything doubled or late would have arrived before it.
    hubA.emit('import.progress', marker(102));
    await until('the closing marker', () => progressOf(heardB, 102).length > 0);
    // B's own event first (delivered at once), then A's; session events stay with their process.
    expect(heardB.map((h) => h.event)).toEqual(['library.changed', 'import.progress', 'import.progress']);
    expect(heardA.map((h) => h.event)).toEqual([
      'profile.changed',
      'import.progress',
      'library.changed',
      'import.progress',
    ]);

    // Too big for NOTIFY: the others hear "changed, refetch".
    hubA.emit('import.progress', { ...marker(103), currentFile: 'x'.repeat(9000) });
    await until('the refetch signal', () => heardB.length === 4);
    expect(heardB[3]).toMatchObject({ event: 'library.changed', payload: { reason: 'details' } });

    // B's listening connection is cut (a restart of PostgreSQL, a proxy's idle timeout): it comes back,
    // tells B's screens to refetch what they may have missed, and hears A again.
    const admin = await import('pg').then(({ default: pg }) => new pg.Client({ connectionString: url }));
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
      `earmark-events ${b.origin.slice(0, 8)}`,
    ]);
    await admin.end();
    await until('the refetch after reconnecting', () => heardB.length === 5);
    expect(heardB[4]).toMatchObject({ event: 'library.changed', payload: { reason: 'details' } });
    hubA.emit('import.progress', marker(104));
    await until('an event after the reconnect', () => progressOf(heardB, 104).length === 1);
  }, 60_000);
});

describe('imports as jobs of any server process (pg-boss)', () => {
  it('runs an import enqueued on A on whichever process is free, and B hears its progress', async () => {
    const url = await freshPostgresUrl();
    const a = await teamBackend(url);
    const b = await teamBackend(url);
    for (const backend of [a, b]) {
      const stop = await startTeamWork(backend, { leaseMs: LEASE_MS, log: () => {} });
      cleanups.push(stop);
    }
    const heardB = listen(b.events);

    const { batchId } = await a.imports.start(request);
    await until('the import done, as heard on B', () => progressOf(heardB, batchId, 'done').length === 1);
    expect(heardB.some((h) => h.event === 'library.changed')).toBe(true);

    const batch = await a.database.query
      .selectFrom('import_batches')
      .selectAll()
      .where('id', '=', batchId)
      .executeTakeFirstOrThrow();
    expect(batch.state).toBe('done');
    expect([a.imports.owner, b.imports.owner]).toContain(batch.owner);
    const done = progressOf(heardB, batchId, 'done')[0]!.payload;
    expect(done).toMatchObject({
      failed: 0,
      imported: CALLS + sgdFiles.length,
      doneFiles: CALLS + sgdFiles.length,
    });
    await expectWholeLibrary(b);
  }, 120_000);

  it('finishes on another process an import whose process was killed (SIGKILL), each file once', async () => {
    const url = await freshPostgresUrl();
    const b = await teamBackend(url);
    const childData = tempDir('earmark-team-child-');
    cleanups.push(childData.cleanup);
    const child = spawn(
      process.execPath,
      [
        // This run's bundle (test/support/backend-build.ts): no seconds of tsx before the child enqueues.
        join(inject('backendBuild'), 'team-process.js'),
        url,
        childData.dir,
        String(LEASE_MS),
        folder.dir,
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    cleanups.push(() => {
      child.kill('SIGKILL');
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await until('the child to enqueue', () => /batch (\d+)/.test(output));
    const batchId = Number(/batch (\d+)/.exec(output)![1]);
    const q = b.database.query;
    const recorded = async () =>
      (await q.selectFrom('import_files').select('path').where('batch_id', '=', batchId).execute()).length;
    await until('the child to import a file', async () => (await recorded()) >= 1);
    child.kill('SIGKILL');
    await exited;
    const atKill = await q
      .selectFrom('import_batches')
      .select(['state', 'total_files', 'owner'])
      .where('id', '=', batchId)
      .executeTakeFirstOrThrow();
    // The kill landed mid-batch: held by the child, files left to do.
    expect(atKill.state).toBe('running');
    expect(atKill.owner).not.toBe(b.imports.owner);
    expect(await recorded()).toBeLessThan(atKill.total_files);

    const heardB = listen(b.events);
    const stop = await startTeamWork(b, { leaseMs: LEASE_MS, pollingMs: 500, log: () => {} });
    cleanups.push(stop);
    await until('B to finish the batch', () => progressOf(heardB, batchId, 'done').length === 1);

    const batch = await q
      .selectFrom('import_batches')
      .selectAll()
      .where('id', '=', batchId)
      .executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ state: 'done', owner: b.imports.owner });
    const files = await q
      .selectFrom('import_files')
      .select(['path', 'outcome'])
      .where('batch_id', '=', batchId)
      .execute();
    expect(files).toHaveLength(batch.total_files);
    expect(new Set(files.map((f) => f.path)).size).toBe(files.length);
    expect(files.filter((f) => f.outcome === 'failed')).toEqual([]);
    await expectWholeLibrary(b);
  }, 180_000);
});

describe('a team server process stopping or cancelling', () => {
  /** A's job worker alone holds a fresh import of the folder, with files left to do. */
  async function heldByA() {
    const url = await freshPostgresUrl();
    const a = await teamBackend(url);
    const b = await teamBackend(url);
    const stopA = await startTeamWork(a, { leaseMs: LEASE_MS, log: () => {} });
    const { batchId } = await a.imports.start(request);
    const q = b.database.query;
    const recorded = async () =>
      (await q.selectFrom('import_files').select('path').where('batch_id', '=', batchId).execute()).length;
    await until('A to import a file', async () => (await recorded()) >= 1);
    return { a, b, stopA, batchId, recorded };
  }

  it('cancels on the process that runs it an import cancelled on another', async () => {
    const { a, b, stopA, batchId } = await heldByA();
    cleanups.push(stopA);
    const heardB = listen(b.events);
    const stopB = await startTeamWork(b, { leaseMs: LEASE_MS, log: () => {} });
    cleanups.push(stopB);
    await b.imports.cancel(batchId);
    await until('the cancel, as heard on B', () => progressOf(heardB, batchId, 'cancelled').length === 1);
    const batch = await b.database.query
      .selectFrom('import_batches')
      .select(['state', 'owner'])
      .where('id', '=', batchId)
      .executeTakeFirstOrThrow();
    expect(batch).toEqual({ state: 'cancelled', owner: a.imports.owner });
  }, 120_000);

  it('hands its running import to another process when it stops, which finishes it', async () => {
    const { a, b, stopA, batchId, recorded } = await heldByA();
    const jobBefore = (
      await b.database.query
        .selectFrom('import_batches')
        .select('job_id')
        .where('id', '=', batchId)
        .executeTakeFirstOrThrow()
    ).job_id;
    await stopA();
    const handed = await b.database.query
      .selectFrom('import_batches')
      .select(['state', 'owner', 'job_id', 'total_files'])
      .where('id', '=', batchId)
      .executeTakeFirstOrThrow();
    // Not cancelled, not failed: free for any process, under a new job, with files left to do.
    expect(handed).toMatchObject({ state: 'running', owner: null });
    expect(handed.job_id).not.toBe(jobBefore);
    expect(await recorded()).toBeLessThan(handed.total_files);

    const heardB = listen(b.events);
    const stopB = await startTeamWork(b, { leaseMs: LEASE_MS, log: () => {} });
    cleanups.push(stopB);
    await until('B to finish the batch', () => progressOf(heardB, batchId, 'done').length === 1);
    expect(await recorded()).toBe(handed.total_files);
    expect(a.imports.runsHere(batchId)).toBe(false);
    await expectWholeLibrary(b);
  }, 180_000);
});

/** Every chat with all its turns, every call with its recording: nothing missing, nothing twice. */
async function expectWholeLibrary(backend: Backend): Promise<void> {
  const q = backend.database.query;
  const chats = await q
    .selectFrom('interactions as i')
    .leftJoin('segments as s', 's.interaction_id', 'i.id')
    .select(['i.external_id', (eb) => eb.fn.count<number>('s.id').as('turns')])
    .where('i.kind', '=', 'chat')
    .groupBy(['i.id', 'i.external_id'])
    .execute();
  expect(chats).toHaveLength(expectedTurns.size);
  for (const chat of chats)
    expect(Number(chat.turns), chat.external_id!).toBe(expectedTurns.get(chat.external_id!));
  const calls = await q.selectFrom('interactions').select('id').where('kind', '=', 'call').execute();
  expect(calls).toHaveLength(CALLS);
  const recordings = await q.selectFrom('recordings').select('path').execute();
  expect(recordings).toHaveLength(CALLS);
  for (const { path } of recordings) expect(existsSync(path), path).toBe(true);
}

const idle = {
  state: 'running' as const,
  totalFiles: 0,
  doneFiles: 0,
  imported: 0,
  updated: 0,
  skipped: 0,
  failed: 0,
  currentFile: null,
  message: null,
};
