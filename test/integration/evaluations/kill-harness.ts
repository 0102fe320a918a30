import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { createBackend } from '../../../electron/backend/backend';
import type { EvaluationDetail } from '../../../shared/api/methods/evaluations';
import { repoRoot, resourcesDir } from '../../support/paths';
import type { SeededRandom } from '../../support/seeded-random';
import { expectedState } from './kill-sequence';

/**
 * Kills the kill driver (./kill-driver.ts) at random moments and, after each kill, opens the data
 * directory as the app would on its next start and checks: the database is intact, the draft holds
 * every change the driver had acknowledged (at most one more: a save committed just before the kill
 * whose "ack" never got out), and the draft is exactly what that revision must hold.
 */

export interface SoakReport {
  /** What replays the kill times (EARMARK_KILL_SEED=…); timing on a busy machine still varies. */
  replay: string;
  kills: number;
  /** Kills that landed before the driver was saving (start-up, migrations, seeding). */
  killedBeforeReady: number;
  /** Saves acknowledged over all runs, and the draft's revision at the end. */
  acknowledged: number;
  finalRevision: number;
  /** Kills after which the database held one save more than was acknowledged. */
  committedUnacknowledged: number;
  failures: string[];
  seconds: number;
}

/** Bundles the driver once so each run starts in tens of milliseconds, not the half second of tsx. */
async function bundleDriver(): Promise<string> {
  const outDir = join(repoRoot, 'node_modules', '.cache', 'earmark-kill-driver');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'kill-driver.mjs');
  await build({
    entryPoints: [join(repoRoot, 'test', 'integration', 'evaluations', 'kill-driver.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Packages resolve from the repo's node_modules (the bundle sits below it); better-sqlite3 is native.
    packages: 'external',
    logLevel: 'silent',
  });
  return outfile;
}

interface Run {
  ready: boolean;
  lastAck: number;
  acks: number;
}

/**
 * What ends a driver run: `beforeReadyMs` after spawn, or `thenMs` after its `afterAcks`-th acknowledged
 * save (so inside one of the saves that follow). Counting saves rather than time after ready keeps the
 * kills among the saves however slow the machine or engine is.
 */
interface Kill {
  beforeReadyMs?: number;
  afterAcks?: number;
  thenMs?: number;
}

/** One driver run, SIGKILLed as `kill` says. */
function runOnce(driver: string, dataDir: string, databaseUrl: string | undefined, kill: Kill) {
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [driver, dataDir, resourcesDir, ...(databaseUrl ? [databaseUrl] : [])],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const run: Run = { ready: false, lastAck: -1, acks: 0 };
    let buffered = '';
    let stderr = '';
    const killNow = () => child.kill('SIGKILL');
    let timer = kill.beforeReadyMs === undefined ? undefined : setTimeout(killNow, kill.beforeReadyMs);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!; // a line cut off by the kill is not an acknowledgement
      for (const line of lines) {
        const [word, value] = line.split(' ');
        if (word === 'ready') {
          run.ready = true;
          run.lastAck = Number(value);
        } else if (word === 'ack') {
          run.lastAck = Number(value);
          run.acks++;
          if (run.acks === kill.afterAcks) timer = setTimeout(killNow, kill.thenMs ?? 0);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`the driver stopped by itself (${code}): ${stderr}`));
      else resolve(run);
    });
  });
}

/**
 * Opens the directory (and database) as the next start would, and compares the draft with what it must
 * hold. PostgreSQL keeps its own pages whole; SQLite's file is checked page by page.
 */
async function check(
  dataDir: string,
  databaseUrl: string | undefined,
  run: Run,
): Promise<{ revision: number; problems: string[] }> {
  const backend = await createBackend({
    dataDir,
    resourcesDir,
    version: 'soak-check',
    log: () => {},
    ...(databaseUrl ? { databaseUrl } : {}),
  });
  const problems: string[] = [];
  try {
    if (backend.database.engine === 'sqlite') {
      const integrity = backend.db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    }
    const id = (
      await backend.database.query
        .selectFrom('evaluations')
        .select('id')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst()
    )?.id;
    if (id === undefined) {
      if (run.ready) problems.push('the evaluation is gone');
      return { revision: 0, problems };
    }
    const reply = await backend.dispatch('evaluation.get', { id });
    if (!reply.ok) return { revision: 0, problems: [...problems, reply.error.message] };
    const evaluation = reply.value as EvaluationDetail;
    const { revision } = evaluation;
    if (run.lastAck >= 0 && (revision < run.lastAck || revision > run.lastAck + 1)) {
      problems.push(`revision ${revision} on disk, ${run.lastAck} acknowledged`);
    }
    const expected = expectedState(revision);
    if (evaluation.overallComment !== expected.overallComment)
      problems.push(`overall comment differs at ${revision}`);
    const saved = new Map(evaluation.answers.map((a) => [a.itemId, a]));
    for (const [itemId, want] of expected.answers) {
      const got = saved.get(itemId);
      if (
        JSON.stringify(got?.value ?? null) !== JSON.stringify(want.value) ||
        (got?.comment ?? '') !== want.comment
      ) {
        problems.push(`item ${itemId} differs at revision ${revision}`);
      }
    }
    if (saved.size !== expected.answers.size)
      problems.push(`${saved.size} answers saved, ${expected.answers.size} expected`);
    return { revision, problems };
  } finally {
    await backend.close();
  }
}

/** Kills the driver `kills` times on `dataDir`, its data on SQLite there or in `databaseUrl` (PostgreSQL). */
export async function runKillSoak(
  dataDir: string,
  kills: number,
  random: SeededRandom,
  log: (line: string) => void = () => {},
  databaseUrl?: string,
): Promise<SoakReport> {
  const started = performance.now();
  const driver = await bundleDriver();
  const report: SoakReport = {
    replay: random.replay,
    kills: 0,
    killedBeforeReady: 0,
    acknowledged: 0,
    finalRevision: 0,
    committedUnacknowledged: 0,
    failures: [],
    seconds: 0,
  };
  for (let i = 0; i < kills; i++) {
    // One kill in six lands during start-up; the rest while the draft is being filled.
    const early = i % 6 === 0;
    const run = await runOnce(
      driver,
      dataDir,
      databaseUrl,
      early
        ? { beforeReadyMs: random.next() * 120 }
        : { afterAcks: 8 + Math.floor(random.next() * 16), thenMs: random.next() * 10 },
    );
    report.kills++;
    if (!run.ready) report.killedBeforeReady++;
    report.acknowledged += run.acks;
    const { revision, problems } = await check(dataDir, databaseUrl, run);
    if (run.lastAck >= 0 && revision === run.lastAck + 1) report.committedUnacknowledged++;
    report.finalRevision = revision;
    for (const problem of problems) report.failures.push(`kill ${i + 1} (${random.replay}): ${problem}`);
    if ((i + 1) % 50 === 0) log(`${i + 1} kills, revision ${revision}, ${report.failures.length} failures`);
  }
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  return report;
}
