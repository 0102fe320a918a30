import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import {
  ImportRequest,
  type ImportOutcome,
  type ImportPlan,
  type ImportProgress,
  type ImportWarning,
} from '../../../shared/api';
import type { ImportRequest as ImportRequestInput } from '../../../shared/api';
import { EarmarkError, isErrorCode } from '../../../shared/errors';
import { nowIso } from '../clock';
import type { BackendContext } from '../context';
import type { Query } from '../db/schema';
import { startWorker } from '../workers/location';
import { claimBatch, DEFAULT_LEASE_MS, handOver, leaseEnd, processOwner, renewHold } from './batch-hold';
import { checkManifestFile } from './manifest-file';
import { tidyAfterImport } from './tidy';
import { importRoots, recordingsDir } from '../team-files/config';
import { confinedPath } from '../team-files/confine';
import type { ImportCommand, ImportMessage, ImportWorkerInput } from './protocol';

interface RunningJob {
  worker: Worker;
  progress: ImportProgress;
  done: Promise<ImportProgress>;
  /** The queue's job carrying the batch (team mode); null for a batch run where it was started. */
  jobId: string | null;
  /** Stopped after a file, left running for another process (hand-over, or a hold lost). */
  paused: boolean;
}

/**
 * Team mode: batches go to a job queue in PostgreSQL that every server process works on, instead of a
 * worker thread of the process that was asked (team-work.ts provides it).
 */
export interface ImportQueue {
  /** Puts the batch's job on the queue inside `trx`, so that the batch and its job exist together. */
  enqueue(trx: Query, jobId: string, batchId: number): Promise<void>;
  /** Tells the job workers (of every process) that a job is waiting; called once it is committed. */
  wake(): void;
  /** Asks the process holding a batch to cancel it. */
  cancelElsewhere(batchId: number): void;
}

/** Plans of the last few batches, for `plan()`: a plan of many files is large, so only a few are kept. */
const KEPT_PLANS = 4;

/** The library refreshes at most this often while a batch streams in. */
const LIBRARY_REFRESH_MS = 1000;
const MAX_REMEMBERED = 100;
/** A failed batch whose reason this run does not know: it was cut off when Earmark stopped during it. */
const CUT_OFF = 'The import was cut off before it finished (Earmark was closed or stopped while it ran).';

/** Import batches on the main thread's side: starts the worker, relays its progress as events, cancels. */
export class ImportJobs {
  private readonly running = new Map<number, RunningJob>();
  private readonly plans = new Map<number, ImportPlan>();
  /** Why recent batches of this run failed, for status calls after the worker is gone. */
  private readonly finished = new Map<number, string>();
  /** Failed batches being written down; a batch's end waits for its write. */
  private readonly pending = new Set<Promise<unknown>>();
  /** Tidying after batches that brought rows in (tidy.ts): not part of the batch, but waited for at close. */
  private readonly tidying = new Set<Promise<void>>();

  /** Cut-off batches marked failed; every read and write of batches waits for it. */
  private readonly recovered: Promise<void>;
  /** This process in import_batches.owner, on PostgreSQL. */
  readonly owner = processOwner();
  private queue: ImportQueue | null = null;
  private leaseMs = DEFAULT_LEASE_MS;
  private readonly onPostgres: boolean;

  constructor(
    private readonly ctx: BackendContext,
    private readonly nativeBinding?: string,
    /** The team's PostgreSQL the backend runs on, for the worker's own connection; none for SQLite. */
    private readonly databaseUrl?: string,
  ) {
    // A batch still 'running' in the database was cut off (the app was killed); say so. Only the data
    // folder's owner gets here (createBackend holds its lock), so no live import of this workstation is
    // mistaken for one. On a PostgreSQL shared by several servers only a batch whose holder stopped
    // renewing its hold was cut off, and one carried by a queued job is taken over, not failed.
    this.onPostgres = ctx.database.engine === 'postgres';
    let cutOff = ctx.database.query
      .updateTable('import_batches')
      .set({ state: 'failed', finished_at: nowIso(ctx.database) })
      .where('state', '=', 'running');
    if (this.onPostgres) {
      const now = new Date().toISOString();
      cutOff = cutOff
        .where('job_id', 'is', null)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]));
    }
    this.recovered = cutOff.execute().then(
      () => undefined,
      (error: unknown) => ctx.log(`[earmark] Could not mark cut-off imports: ${(error as Error).message}`),
    );
    removePartialFiles(join(ctx.dataDir, 'recordings', 'imported'));
  }

  preview(request: ImportRequestInput): Promise<ImportPlan> {
    this.confine(request);
    checkManifestFile(request.manifest?.path);
    const worker = this.spawn('plan', 0, request);
    return new Promise((resolve, reject) => {
      worker.on('message', (message: ImportMessage) => {
        if (message.type === 'plan') resolve(message.plan);
        else if (message.type === 'failed') reject(toError(message));
      });
      worker.on('error', reject);
      worker.on('exit', () =>
        reject(new EarmarkError('internal', 'The import preview stopped unexpectedly.')),
      );
    });
  }

  /** Team mode (a queue) or not (null): batches started from now on go to the queue, held for `leaseMs`. */
  useQueue(queue: ImportQueue | null, leaseMs = DEFAULT_LEASE_MS): void {
    this.queue = queue;
    this.leaseMs = leaseMs;
  }

  async start(request: ImportRequestInput): Promise<{ batchId: number }> {
    // Refused before a batch exists: a batch that could only fail is no use to anyone.
    this.confine(request);
    checkManifestFile(request.manifest?.path);
    await this.recovered;
    const parsed = ImportRequest.parse(request);
    if (this.queue) return { batchId: await this.enqueue(this.queue, parsed) };
    const { id: batchId } = await this.ctx.database.query
      .insertInto('import_batches')
      .values({
        started_at: nowIso(this.ctx.database),
        state: 'running',
        // On a shared PostgreSQL the batch is held, so other servers starting meanwhile leave it be.
        ...(this.onPostgres ? { owner: this.owner, lease_until: leaseEnd(this.leaseMs) } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    this.runHere(batchId, parsed, null);
    return { batchId };
  }

  /** A batch as a queued job: any server process's job worker picks it up (runJob). */
  private async enqueue(queue: ImportQueue, request: ImportRequestInput): Promise<number> {
    const batchId = await this.ctx.database.transaction(async (trx) => {
      const jobId = randomUUID();
      const { id } = await trx
        .insertInto('import_batches')
        .values({
          started_at: nowIso(this.ctx.database),
          state: 'running',
          job_id: jobId,
          request: JSON.stringify(request),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await queue.enqueue(trx, jobId, id);
      return id;
    });
    queue.wake();
    this.ctx.events.emit('import.progress', startingProgress(batchId));
    return batchId;
  }

  /**
   * Runs a queued batch here when `jobId` is still its job and nobody else holds it; resolves when it has
   * ended or been handed over. Files the batch recorded before (a process stopped during it) are not
   * imported again.
   */
  async runJob(jobId: string, batchId: number): Promise<void> {
    if (this.running.has(batchId)) return;
    const q = this.ctx.database.query;
    if (!(await claimBatch(q, batchId, jobId, this.owner, this.leaseMs))) return;
    const row = await q
      .selectFrom('import_batches')
      .select('request')
      .where('id', '=', batchId)
      .executeTakeFirstOrThrow();
    let request: ImportRequestInput;
    try {
      request = ImportRequest.parse(JSON.parse(row.request ?? ''));
    } catch {
      // Not something to retry: no process could run it.
      this.remember(batchId, 'The import could not be resumed: what it was asked to import is unreadable.');
      this.markFailed(batchId);
      return;
    }
    await this.runHere(batchId, request, jobId).done;
  }

  /** Hands every batch this process runs as a job to the queue again (team work stopping), each after its current file. */
  async handOverAll(): Promise<void> {
    const jobs = [...this.running.values()].filter((job) => job.jobId !== null);
    for (const job of jobs) job.worker.postMessage({ type: 'pause' } satisfies ImportCommand);
    await Promise.all(jobs.map((job) => job.done));
  }

  private runHere(batchId: number, request: ImportRequestInput, jobId: string | null): RunningJob {
    const worker = this.spawn('run', batchId, request, jobId !== null);
    const progress = startingProgress(batchId);
    let lastRefresh = 0;
    // Details given to interactions already open somewhere (agent pages, a review) refresh those too.
    let detailsChanged = false;
    const refreshLibrary = (force: boolean) => {
      if (force || Date.now() - lastRefresh > LIBRARY_REFRESH_MS) {
        lastRefresh = Date.now();
        this.ctx.events.emit('library.changed', { reason: detailsChanged ? 'details' : 'import' });
        detailsChanged = false;
      }
    };
    const publish = () => this.ctx.events.emit('import.progress', { ...progress });
    const heartbeat = this.onPostgres ? setInterval(() => renew(), this.leaseMs / 3) : null;
    const renew = () =>
      void renewHold(this.ctx.database.query, batchId, this.owner, this.leaseMs).then(
        (held) => {
          // Taken over by another process (this one looked dead): stop, and leave the batch to it.
          if (!held && this.running.get(batchId) === job)
            worker.postMessage({ type: 'pause' } satisfies ImportCommand);
        },
        (error: Error) =>
          this.ctx.log(`[earmark] Could not renew the hold on import ${batchId}: ${error.message}`),
      );
    const done = new Promise<ImportProgress>((resolve) => {
      worker.on('message', (message: ImportMessage) => {
        if (message.type === 'paused') {
          job.paused = true;
          return;
        }
        if (message.type === 'plan') return this.keepPlan(batchId, message.plan);
        if (message.type === 'progress') Object.assign(progress, message.progress);
        else if (message.type === 'outcome') {
          progress[message.outcome.outcome]++;
          progress.doneFiles++;
          if (message.outcome.outcome === 'updated') detailsChanged = true;
          if (message.outcome.outcome === 'imported' || message.outcome.outcome === 'updated')
            refreshLibrary(false);
        } else if (message.type === 'failed') {
          progress.state = 'failed';
          progress.message = message.message || 'The import failed.';
          this.markFailed(batchId);
        }
        publish();
      });
      worker.on('exit', () => {
        if (heartbeat) clearInterval(heartbeat);
        if (job.paused) {
          // Another process carries on (and reports); this one hands the batch over if it still holds it.
          void this.release(job, batchId).finally(() => {
            this.running.delete(batchId);
            resolve({ ...progress });
          });
          return;
        }
        if (progress.state === 'running' || progress.state === 'planning') {
          progress.state = 'failed';
          progress.message ??= 'The import stopped unexpectedly.';
          this.markFailed(batchId);
          publish();
        }
        if (progress.imported > 0 || progress.updated > 0) refreshLibrary(true);
        if (progress.imported > 0) this.tidy();
        if (progress.message) this.remember(batchId, progress.message);
        // Done once its failure is written down too, so a status read afterwards agrees.
        void Promise.allSettled([...this.pending]).then(() => {
          this.running.delete(batchId);
          resolve({ ...progress });
        });
      });
    });
    const job: RunningJob = { worker, progress, done, jobId, paused: false };
    this.running.set(batchId, job);
    publish();
    return job;
  }

  /** A paused job's batch back on the queue, for whichever process is free; nothing if it was taken over. */
  private async release(job: RunningJob, batchId: number): Promise<void> {
    const queue = this.queue;
    if (!queue || job.jobId === null) return;
    try {
      const moved = await handOver(this.ctx.database, batchId, { owner: this.owner }, (trx, id, batch) =>
        queue.enqueue(trx, id, batch),
      );
      if (moved) queue.wake();
    } catch (error) {
      // Its hold then runs out and another process's sweep takes it over.
      this.ctx.log(`[earmark] Could not hand over import ${batchId}: ${(error as Error).message}`);
    }
  }

  async cancel(batchId: number): Promise<ImportProgress> {
    const job = this.running.get(batchId);
    if (!job) {
      if (this.queue) await this.cancelQueued(this.queue, batchId);
      return this.status(batchId);
    }
    job.worker.postMessage({ type: 'cancel' } satisfies ImportCommand);
    return { ...job.progress };
  }

  /** A queued batch not yet picked up ends here; one that another process runs is cancelled there. */
  private async cancelQueued(queue: ImportQueue, batchId: number): Promise<void> {
    const result = await this.ctx.database.query
      .updateTable('import_batches')
      .set({ state: 'cancelled', finished_at: nowIso(this.ctx.database) })
      .where('id', '=', batchId)
      .where('state', '=', 'running')
      .where('owner', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) {
      this.ctx.events.emit('import.progress', { ...startingProgress(batchId), state: 'cancelled' });
    } else queue.cancelElsewhere(batchId);
  }

  /** Whether this process runs the batch (in one of its worker threads). */
  runsHere(batchId: number): boolean {
    return this.running.has(batchId);
  }

  /** What a recent batch was planned to do with every file it was given (null once forgotten, or before planning). */
  plan(batchId: number): ImportPlan | null {
    return this.plans.get(batchId) ?? null;
  }

  private keepPlan(batchId: number, plan: ImportPlan): void {
    this.plans.set(batchId, plan);
    for (const old of this.plans.keys()) if (this.plans.size > KEPT_PLANS) this.plans.delete(old);
  }

  /** Resolves when the batch has finished (the CLI waits on this). */
  wait(batchId: number): Promise<ImportProgress> {
    return this.running.get(batchId)?.done ?? this.status(batchId);
  }

  async status(batchId: number): Promise<ImportProgress & { outcomes: ImportOutcome[] }> {
    await this.recovered;
    const q = this.ctx.database.query;
    const batch = await q
      .selectFrom('import_batches')
      .select(['state', 'total_files'])
      .where('id', '=', batchId)
      .executeTakeFirst();
    if (!batch) throw new EarmarkError('not_found', `There is no import batch with id ${batchId}.`);
    const rows = await q
      .selectFrom('import_files')
      .select(['path', 'outcome', 'interaction_id', 'message', 'warnings'])
      .where('batch_id', '=', batchId)
      .orderBy('id')
      .execute();
    const outcomes = rows.map((row) => ({
      file: row.path,
      outcome: row.outcome,
      interactionIds: row.interaction_id ? [row.interaction_id] : [],
      message: row.message,
      warnings: row.warnings ? (JSON.parse(row.warnings) as ImportWarning[]) : [],
    }));
    const count = (outcome: ImportOutcome['outcome']) => outcomes.filter((o) => o.outcome === outcome).length;
    const live = this.running.get(batchId)?.progress;
    return {
      ...(live ?? {
        batchId,
        state: batch.state,
        totalFiles: batch.total_files,
        doneFiles: outcomes.length,
        imported: count('imported'),
        updated: count('updated'),
        skipped: count('skipped'),
        failed: count('failed'),
        currentFile: null,
        message: batch.state === 'failed' ? (this.finished.get(batchId) ?? CUT_OFF) : null,
      }),
      outcomes,
    };
  }

  /** Stops every running batch (app shutdown); each stops after its current unit. */
  async closeAll(): Promise<void> {
    await this.recovered;
    // A team's queued batches are not the stopping server's to cancel: another process carries them on.
    for (const job of this.running.values())
      job.worker.postMessage({ type: job.jobId === null ? 'cancel' : 'pause' } satisfies ImportCommand);
    await Promise.all([...this.running.values()].map((job) => job.done));
    await Promise.all([...this.tidying]);
  }

  private tidy(): void {
    const run = tidyAfterImport(this.ctx.database).catch((error: Error) =>
      this.ctx.log(`[earmark] Could not tidy up after an import: ${error.message}`),
    );
    this.tidying.add(run);
    void run.finally(() => this.tidying.delete(run));
  }

  /**
   * A team server reads only its uploads and the administrator's import folders: every path asked for
   * is refused unless it really lies inside them (team-files/confine.ts), and the worker's scan leaves
   * out what a folder's links lead outside (`within`).
   */
  private confine(request: ImportRequestInput): void {
    const files = this.ctx.teamFiles;
    if (!files) return;
    const roots = importRoots(files);
    for (const path of request.paths) confinedPath(path, roots);
    if (request.manifest) confinedPath(request.manifest.path, roots);
  }

  private spawn(
    mode: ImportWorkerInput['mode'],
    batchId: number,
    request: ImportRequestInput,
    resume = false,
  ): Worker {
    const input: ImportWorkerInput = {
      mode,
      batchId,
      ...(this.onPostgres && mode === 'run' ? { owner: this.owner } : {}),
      ...(resume ? { resume } : {}),
      dataDir: this.ctx.dataDir,
      ...(this.ctx.teamFiles
        ? {
            recordingsDir: recordingsDir(this.ctx.teamFiles.storageDir),
            within: importRoots(this.ctx.teamFiles),
            ...(mode === 'run' ? { storageDir: this.ctx.teamFiles.storageDir } : {}),
          }
        : {}),
      ...(this.databaseUrl ? { databaseUrl: this.databaseUrl } : {}),
      request: ImportRequest.parse(request),
      ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}),
    };
    return startWorker('import', { workerData: input });
  }

  private remember(batchId: number, message: string): void {
    this.finished.set(batchId, message);
    // Only the latest batches are asked about; older ones fall back to the general message.
    if (this.finished.size > MAX_REMEMBERED) this.finished.delete(this.finished.keys().next().value!);
  }

  private markFailed(batchId: number): void {
    const write = this.ctx.database.query
      .updateTable('import_batches')
      .set({ state: 'failed', finished_at: nowIso(this.ctx.database), lease_until: null })
      .where('id', '=', batchId)
      // Only while this process still holds it (the workstation holds nothing: owner is null there).
      .where('owner', this.onPostgres ? '=' : 'is', this.onPostgres ? this.owner : null)
      .execute();
    this.pending.add(write);
    void write.then(
      () => this.pending.delete(write),
      (error: unknown) => {
        this.pending.delete(write);
        this.ctx.log(`[earmark] Could not mark import ${batchId} failed: ${(error as Error).message}`);
      },
    );
  }
}

function startingProgress(batchId: number): ImportProgress {
  return {
    batchId,
    state: 'planning',
    totalFiles: 0,
    doneFiles: 0,
    imported: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    currentFile: null,
    message: null,
  };
}

function toError(message: { code: string; message: string }): EarmarkError {
  return new EarmarkError(isErrorCode(message.code) ? message.code : 'internal', message.message);
}

/** A transcode cut off by a kill leaves only a `.partial` file (finished ones are renamed); clear them. */
function removePartialFiles(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir))
    if (name.endsWith('.partial')) rmSync(join(dir, name), { force: true });
}
