import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import { EarmarkError } from '../../shared/errors';
import type { Backend } from './backend';
import type { Query } from './db/schema';
import { startEventBridge } from './events-postgres';
import { abandonedBatches, DEFAULT_LEASE_MS, handOver } from './import/batch-hold';
import type { ImportQueue } from './import/jobs';

/** The queue of import batches (each job: one batch; peaks are computed by the import, file by file). */
export const IMPORT_QUEUE = 'earmark-import';
/** pg-boss keeps its tables in a schema of their own, apart from Earmark's. */
const JOBS_SCHEMA = 'earmark_jobs';
/**
 * pg-boss's own limit on a job's run. The batch's hold (renewed while it runs) is what decides that a
 * process is gone; this only frees a job whose process died between taking it and holding its batch.
 * A longer import is not cut off: the job is retried, the retry finds the batch held and leaves it.
 */
const JOB_EXPIRY_MINUTES = 15;

export interface TeamWorkOptions {
  /** How long a process's hold on a batch lasts unrenewed (30 s): how soon another takes over after a kill. */
  leaseMs?: number;
  /** How often the job worker looks for jobs when nobody signals one (2 s). */
  pollingMs?: number;
  log?: (message: string) => void;
}

/**
 * Team mode's work across processes, for a backend on the team's PostgreSQL: imports become jobs in
 * the database (pg-boss) that this process's job worker runs, as any other process's may, in a worker
 * thread as on the workstation; a batch whose process stopped renewing its hold is handed to the
 * queue again and finished elsewhere; and library events travel between processes (LISTEN/NOTIFY) to
 * every process's event hub, hence to its users' server-sent events. Returns the stop: batches running
 * here go back to the queue after their current file.
 */
export async function startTeamWork(
  backend: Backend,
  options: TeamWorkOptions = {},
): Promise<() => Promise<void>> {
  const url = backend.databaseUrl;
  if (backend.database.engine !== 'postgres' || !url) {
    throw new EarmarkError('unavailable', 'Team work needs the team’s PostgreSQL database (--database).');
  }
  const log = options.log ?? ((message: string) => console.error(message));
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const bridge = startEventBridge({ url, hub: backend.events, log });
  const boss = new PgBoss({
    connectionString: url,
    schema: JOBS_SCHEMA,
    application_name: 'earmark-jobs',
    max: 3,
    schedule: false,
    maintenanceIntervalSeconds: 60,
  });
  boss.on('error', (error: Error) => log(`[earmark] Job queue: ${error.message}`));
  await Promise.all([boss.start(), bridge.ready]);
  await boss.createQueue(IMPORT_QUEUE);

  let workerId: string | null = null;
  const queue: ImportQueue = {
    enqueue: async (trx, jobId, batchId) => {
      await boss.send(
        IMPORT_QUEUE,
        { batchId },
        {
          id: jobId,
          db: inTransaction(trx),
          expireInMinutes: JOB_EXPIRY_MINUTES,
          retryLimit: 5,
          retryDelay: 1,
        },
      );
    },
    wake: () => {
      bridge.signal('import.queued', null);
      if (workerId) boss.notifyWorker(workerId);
    },
    cancelElsewhere: (batchId) => bridge.signal('import.cancel', { batchId }),
  };
  backend.imports.useQueue(queue, leaseMs);
  const offQueued = bridge.onSignal('import.queued', () => workerId && boss.notifyWorker(workerId));
  const offCancel = bridge.onSignal('import.cancel', (data) => {
    const batchId = (data as { batchId?: unknown } | null)?.batchId;
    if (typeof batchId === 'number' && backend.imports.runsHere(batchId))
      void backend.imports.cancel(batchId);
  });
  workerId = await boss.work<{ batchId: number }>(
    IMPORT_QUEUE,
    { pollingIntervalSeconds: (options.pollingMs ?? 2000) / 1000, batchSize: 1 },
    async ([job]) => {
      if (job) await backend.imports.runJob(job.id, job.data.batchId);
    },
  );

  // Every process sweeps: whichever sees a lapsed hold first gives the batch a new job.
  let sweeping = false;
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      let moved = false;
      for (const batchId of await abandonedBatches(backend.database.query))
        if (await handOver(backend.database, batchId, 'lapsed', queue.enqueue)) moved = true;
      if (moved) queue.wake();
    } catch (error) {
      log(`[earmark] Could not look for abandoned imports: ${(error as Error).message}`);
    } finally {
      sweeping = false;
    }
  };
  const sweeper = setInterval(() => void sweep(), leaseMs / 2);
  void sweep();

  return async () => {
    clearInterval(sweeper);
    offQueued();
    offCancel();
    await boss.offWork(IMPORT_QUEUE);
    await backend.imports.handOverAll();
    backend.imports.useQueue(null);
    await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    await bridge.stop();
  };
}

/** pg-boss's statements inside one of ours, so that a batch and its job are committed together. */
function inTransaction(trx: Query): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const result = await trx.executeQuery(CompiledQuery.raw(text, values));
      return { rows: [...result.rows] };
    },
  };
}
