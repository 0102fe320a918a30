import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { ImportOutcome, ImportProgress } from '../../../shared/api';
import { mkdirPrivate } from '../data-folder/permissions';
import { nowIso } from '../clock';
import type { Database } from '../db/database';
import { connect } from '../db/open';
import { sqliteDatabase } from '../db/sqlite/database';
import { putSetting } from '../services/settings';
import { reportFailure } from './protocol';
import { importUnit, readChats, type PreparedChats } from '../import/execute';
import { rememberNamePattern } from '../import/name-details';
import { mappingSettingKey, planImport, type DetailsUnit, type ImportUnit } from '../import/plan';
import { removeUnusedUploads } from '../team-files/unused-uploads';
import type { ImportCommand, ImportMessage, ImportWorkerInput } from '../import/protocol';

/**
 * Runs a whole import batch off the main thread, with its own database connection (its own SQLite
 * connection to the data folder's file, or its own small pool to the team's PostgreSQL): plans it, then
 * imports unit after unit (each in its own transaction), reporting every outcome. Cancelling stops
 * after the unit in progress, which is then either wholly in or wholly out.
 */
const input = workerData as ImportWorkerInput;
const post = (message: ImportMessage) => parentPort!.postMessage(message);
const controller = new AbortController();
let paused = false;
const onCommand = (command: ImportCommand) => {
  if (command.type === 'pause') paused = true;
  controller.abort();
};
parentPort!.on('message', onCommand);

/** The worker's own connection: SQLite's file in the data folder, or a small pool on PostgreSQL. */
async function open(): Promise<{ database: Database; close: () => Promise<void> }> {
  if (input.databaseUrl) {
    // Loaded only for PostgreSQL: the workstation's imports start without the driver.
    const { createPool, postgresDatabase } = await import('../db/postgres/database');
    // The main thread has migrated the database already; one connection a unit at a time, one spare.
    const database = postgresDatabase(createPool(input.databaseUrl, 2));
    return { database, close: () => database.close() };
  }
  const db = connect(input.dataDir, input.nativeBinding);
  return {
    database: sqliteDatabase(db),
    close: async () => {
      db.close();
    },
  };
}

async function main() {
  const { database, close } = await open();
  try {
    const planned = await planImport(database.query, input.request, input.within);
    // In a run the plan goes out too: the command line's report accounts for every file with it.
    post({ type: 'plan', plan: planned.plan });
    if (input.mode === 'plan') return;
    await rememberNamePattern(database.query, input.request);

    if (planned.manifestColumns && planned.mapping) {
      await putSetting(
        database.query,
        mappingSettingKey(planned.manifestColumns),
        JSON.stringify(planned.mapping),
      );
    }
    const recordingsDir = input.recordingsDir ?? join(input.dataDir, 'recordings', 'imported');
    mkdirPrivate(recordingsDir);
    const progress: ImportProgress = {
      batchId: input.batchId,
      state: 'running',
      totalFiles: planned.units.length,
      doneFiles: 0,
      imported: 0,
      updated: 0,
      skipped: 0,
      failed: 0,
      currentFile: null,
      message: null,
    };
    await database.query
      .updateTable('import_batches')
      .set({ total_files: progress.totalFiles })
      .where('id', '=', input.batchId)
      .execute();
    const recorded = input.resume
      ? await recordedFiles(database, progress)
      : new Map<string, ImportOutcome['outcome'][]>();
    post({ type: 'progress', progress: { ...progress } });

    // The next chat export, read and parsed while the server indexes the one before (PostgreSQL only:
    // on SQLite this thread does the indexing itself, so there is nothing to overlap).
    let prepared: PreparedChats | undefined;
    const prepareAfter = (index: number) => () => {
      const next = planned.units[index + 1];
      if (next?.kind === 'chats' && !controller.signal.aborted && !recorded.get(next.file)?.length) {
        prepared = readChats(next);
      }
    };
    for (const [index, unit] of planned.units.entries()) {
      if (controller.signal.aborted) break;
      // Taken over from a process that stopped: what it recorded is done (each file once).
      const earlier = recorded.get(unit.file)?.shift();
      if (earlier) {
        // Its uploads may not have been removed yet when that process stopped.
        await forgetUploads(database, unit, earlier);
        continue;
      }
      progress.currentFile = unit.file;
      post({ type: 'progress', progress: { ...progress } });
      let outcome: ImportOutcome;
      try {
        const ahead = prepared;
        prepared = undefined;
        const result = await importUnit(database, unit, {
          recordingsDir,
          roles: input.request.roles,
          signal: controller.signal,
          prepared: ahead,
          sent: database.engine === 'postgres' ? prepareAfter(index) : undefined,
        });
        outcome = { file: unit.file, ...result };
      } catch (error) {
        if (controller.signal.aborted) break;
        outcome = {
          file: unit.file,
          outcome: 'failed',
          interactionIds: [],
          message: (error as Error).message,
          warnings: [],
        };
      }
      await database.query
        .insertInto('import_files')
        .values({
          batch_id: input.batchId,
          path: unit.file,
          outcome: outcome.outcome,
          interaction_id: outcome.interactionIds[0] ?? null,
          message: outcome.message,
          warnings: outcome.warnings.length ? JSON.stringify(outcome.warnings) : null,
        })
        .execute();
      await forgetUploads(database, unit, outcome.outcome);
      progress[outcome.outcome]++;
      progress.doneFiles++;
      post({ type: 'outcome', outcome });
    }
    if (!controller.signal.aborted) {
      // Uploads the plan found nothing in to import: no format Earmark reads, or a second spreadsheet.
      const unread = planned.plan.items.filter((item) => item.becomes === 'unrecognised');
      await removeUploads(
        database,
        unread.map((item) => item.file),
      );
    }
    if (paused) {
      post({ type: 'paused' });
      return;
    }
    progress.state = controller.signal.aborted ? 'cancelled' : 'done';
    progress.currentFile = null;
    await database.query
      .updateTable('import_batches')
      .set({ state: progress.state, finished_at: nowIso(database), lease_until: null })
      .where('id', '=', input.batchId)
      .where('owner', input.owner ? '=' : 'is', input.owner ?? null)
      .execute();
    post({ type: 'progress', progress });
  } finally {
    await close();
  }
}

/**
 * A team server's uploads that a unit did not turn into anything (it failed, or was in the library
 * already) are not kept. Imported ones stay: the library plays them.
 */
async function forgetUploads(
  database: Database,
  unit: ImportUnit | DetailsUnit,
  outcome: ImportOutcome['outcome'],
): Promise<void> {
  // A manifest row's details unit names a file imported before, not one chosen now.
  if (outcome === 'imported' || unit.kind === 'details') return;
  const transcript = unit.kind === 'chats' ? null : unit.transcript;
  const files = new Set(unit.kind === 'call' ? unit.sources : [unit.file]);
  if (transcript) files.add(transcript.path);
  if (transcript?.companion) files.add(transcript.companion);
  await removeUploads(database, [...files]);
}

async function removeUploads(database: Database, paths: string[]): Promise<void> {
  if (!input.storageDir || paths.length === 0) return;
  try {
    await removeUnusedUploads(database.query, input.storageDir, paths, input.batchId);
  } catch {
    // Left in the storage as before; the import's own outcome is what matters to the person importing.
  }
}

/** The files a batch has recorded already, by path (in order: a path may come twice), counted into `progress`. */
async function recordedFiles(
  database: Database,
  progress: ImportProgress,
): Promise<Map<string, ImportOutcome['outcome'][]>> {
  const rows = await database.query
    .selectFrom('import_files')
    .select(['path', 'outcome'])
    .where('batch_id', '=', input.batchId)
    .orderBy('id')
    .execute();
  const recorded = new Map<string, ImportOutcome['outcome'][]>();
  for (const row of rows) {
    recorded.set(row.path, [...(recorded.get(row.path) ?? []), row.outcome]);
    progress[row.outcome]++;
    progress.doneFiles++;
  }
  return recorded;
}

main()
  .catch((error: unknown) => {
    const failure = reportFailure(error);
    const message = failure.type === 'error' ? failure.message : '';
    post({
      type: 'failed',
      code: failure.type === 'error' ? failure.code : 'internal',
      // A batch that failed always says why, also when what was thrown carried no message.
      message: message.trim() || 'The import failed for an unknown reason.',
    });
  })
  // The command listener would keep this thread alive; the batch is over, so let it end.
  .finally(() => parentPort!.off('message', onCommand));
