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
import { startWorker } from '../workers/location';
import { checkManifestFile } from './manifest-file';
import type { ImportCommand, ImportMessage, ImportWorkerInput } from './protocol';

interface RunningJob {
  worker: Worker;
  progress: ImportProgress;
  done: Promise<ImportProgress>;
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

  /** Cut-off batches marked failed; every read and write of batches waits for it. */
  private readonly recovered: Promise<void>;

  constructor(
    private readonly ctx: BackendContext,
    private readonly nativeBinding?: string,
    /** The team's PostgreSQL the backend runs on, for the worker's own connection; none for SQLite. */
    private readonly databaseUrl?: string,
  ) {
    // A batch still 'running' in the database was cut off (the app was killed); say so. Only the data
    // folder's owner gets here (createBackend holds its lock), so no live import of this workstation is
    // mistaken for one. (On a PostgreSQL shared by several servers this also catches another server's
    // live batch; that server sets its state again when the batch ends.)
    this.recovered = ctx.database.query
      .updateTable('import_batches')
      .set({ state: 'failed', finished_at: nowIso(ctx.database) })
      .where('state', '=', 'running')
      .execute()
      .then(
        () => undefined,
        (error: unknown) => ctx.log(`[earmark] Could not mark cut-off imports: ${(error as Error).message}`),
      );
    removePartialFiles(join(ctx.dataDir, 'recordings', 'imported'));
  }

  preview(request: ImportRequestInput): Promise<ImportPlan> {
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

  async start(request: ImportRequestInput): Promise<{ batchId: number }> {
    // Refused before a batch exists: a batch that could only fail is no use to anyone.
    checkManifestFile(request.manifest?.path);
    await this.recovered;
    const { id: batchId } = await this.ctx.database.query
      .insertInto('import_batches')
      .values({ started_at: nowIso(this.ctx.database), state: 'running' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const worker = this.spawn('run', batchId, request);
    const progress: ImportProgress = {
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
    const done = new Promise<ImportProgress>((resolve) => {
      worker.on('message', (message: ImportMessage) => {
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
        if (progress.state === 'running' || progress.state === 'planning') {
          progress.state = 'failed';
          progress.message ??= 'The import stopped unexpectedly.';
          this.markFailed(batchId);
          publish();
        }
        if (progress.imported > 0 || progress.updated > 0) refreshLibrary(true);
        if (progress.message) this.remember(batchId, progress.message);
        // Done once its failure is written down too, so a status read afterwards agrees.
        void Promise.allSettled([...this.pending]).then(() => {
          this.running.delete(batchId);
          resolve({ ...progress });
        });
      });
    });
    this.running.set(batchId, { worker, progress, done });
    publish();
    return { batchId };
  }

  async cancel(batchId: number): Promise<ImportProgress> {
    const job = this.running.get(batchId);
    if (!job) return this.status(batchId);
    job.worker.postMessage({ type: 'cancel' } satisfies ImportCommand);
    return { ...job.progress };
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
    for (const job of this.running.values())
      job.worker.postMessage({ type: 'cancel' } satisfies ImportCommand);
    await Promise.all([...this.running.values()].map((job) => job.done));
  }

  private spawn(mode: ImportWorkerInput['mode'], batchId: number, request: ImportRequestInput): Worker {
    const input: ImportWorkerInput = {
      mode,
      batchId,
      dataDir: this.ctx.dataDir,
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
      .set({ state: 'failed', finished_at: nowIso(this.ctx.database) })
      .where('id', '=', batchId)
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

function toError(message: { code: string; message: string }): EarmarkError {
  return new EarmarkError(isErrorCode(message.code) ? message.code : 'internal', message.message);
}

/** A transcode cut off by a kill leaves only a `.partial` file (finished ones are renamed); clear them. */
function removePartialFiles(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir))
    if (name.endsWith('.partial')) rmSync(join(dir, name), { force: true });
}
