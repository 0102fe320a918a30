import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../electron/backend/backend';
import type { EventHub } from '../../electron/backend/events';
import { startTeamWork } from '../../electron/backend/team-work';
import { resourcesDir, sharedData, tempDir } from '../support/paths';
import { createDatabase, startPostgresCluster } from '../support/postgres';
import { percentile, round } from './stats';

/**
 * Work across two team server processes on one PostgreSQL (here two backends in one Node process, each
 * with its own connections, job worker and event bridge, as two `serve --team` would have):
 * team_event_ms: one library event from A's hub to B's (NOTIFY, LISTEN, delivery), one at a time;
 * team_job_pickup_ms: from `import.start` answering on A to a job worker (A's or B's) holding the batch
 * and reporting it, heard on B. PostgreSQL is a throwaway local cluster (fsync off).
 */
export async function benchTeamWork(quick: boolean) {
  const events = quick ? 50 : 300;
  const imports = quick ? 5 : 20;
  const cluster = await startPostgresCluster();
  const source = tempDir('earmark-bench-team-src-');
  const folders: string[] = [];
  const chat = join(sharedData, 'chats', 'asappresearch__abcd', 'abcd_sample.json');
  for (let i = 0; i < imports; i++) {
    folders.push(join(source.dir, String(i)));
    mkdirSync(folders[i]!);
    cpSync(chat, join(folders[i]!, 'abcd_sample.json'));
  }
  const open: { backend: Backend; stop: () => Promise<void>; cleanup: () => void }[] = [];
  try {
    const url = await createDatabase(cluster.adminUrl);
    for (let i = 0; i < 2; i++) {
      const data = tempDir('earmark-bench-team-data-');
      const backend = await createBackend({
        dataDir: data.dir,
        resourcesDir,
        version: 'bench',
        log: () => {},
        databaseUrl: url,
      });
      const stop = await startTeamWork(backend, { log: () => {} });
      open.push({ backend, stop, cleanup: data.cleanup });
    }
    const [a, b] = [open[0]!.backend, open[1]!.backend];

    const latencies: number[] = [];
    for (let i = 0; i < events; i++) {
      const marker = 1_000_000 + i;
      const heard = nextProgress(b.events, (batchId) => batchId === marker);
      const sent = performance.now();
      a.events.emit('import.progress', { ...idle, batchId: marker });
      latencies.push((await heard) - sent);
    }

    // Every report B hears, by batch: the second of a batch is its holder's (the first is A's, as it enqueued).
    const reports = new Map<number, { at: number; state: string }[]>();
    const off = b.events.subscribe((event, payload) => {
      if (event !== 'import.progress') return;
      const { batchId, state } = payload as { batchId: number; state: string };
      reports.set(batchId, [...(reports.get(batchId) ?? []), { at: performance.now(), state }]);
    });
    const pickups: number[] = [];
    try {
      for (const folder of folders) {
        const started = performance.now();
        const { batchId } = await a.imports.start({
          paths: [folder],
          pairLegs: false,
          roles: {},
          copyRecordings: false,
        });
        const ended = () => reports.get(batchId)?.some((r) => !['planning', 'running'].includes(r.state));
        while (!ended()) await new Promise((resolve) => setTimeout(resolve, 5));
        pickups.push(reports.get(batchId)![1]!.at - started);
      }
    } finally {
      off();
    }
    return {
      team_event_ms_p50: round(percentile(latencies, 50), 2),
      team_event_ms_p95: round(percentile(latencies, 95), 2),
      team_job_pickup_ms_p50: round(percentile(pickups, 50)),
      team_job_pickup_ms_p95: round(percentile(pickups, 95)),
    };
  } finally {
    for (const { backend, stop, cleanup } of open) {
      await stop();
      await backend.close();
      cleanup();
    }
    await cluster.stop();
    source.cleanup();
  }
}

/** When the hub next hears an import.progress that `match` accepts (performance.now()). */
function nextProgress(hub: EventHub, match: (batchId: number) => boolean): Promise<number> {
  return new Promise((resolve) => {
    const off = hub.subscribe((event, payload) => {
      if (event === 'import.progress' && match((payload as { batchId: number }).batchId)) {
        off();
        resolve(performance.now());
      }
    });
  });
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
