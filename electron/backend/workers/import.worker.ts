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
import { chatClaims, importUnit, readChats, type PreparedChats } from '../import/execute';
import { InOrder, Lanes } from '../import/lanes';
import { rememberNamePattern } from '../import/name-details';
import { mappingSettingKey, planImport, type DetailsUnit, type ImportUnit } from '../import/plan';
import { removeUnusedUploads } from '../team-files/unused-uploads';
import type { ImportCommand, ImportMessage, ImportWorkerInput } from '../import/protocol';

/**
 * Runs a whole import batch off the main thread, with its own database connection (its own SQLite
 * connection to the data folder's file, or its own small pool to the team's PostgreSQL): plans it, then
 * imports its units, each in its own transaction (on SQLite one after the other, on PostgreSQL a few chat
 * exports at once), reporting every outcome in the plan's order. Cancelling stops after the units in
 * progress, each then either wholly in or wholly out.
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
    // The main thread has migrated the database already; a connection per file at once, one spare.
    const database = postgresDatabase(createPool(input.databaseUrl, FILES_AT_ONCE + 1));
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

/** The batch's progress as this thread counts it (outcomes are counted as they are recorded). */
let progress: ImportProgress;
let recordingsDir: string;

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
    recordingsDir = input.recordingsDir ?? join(input.dataDir, 'recordings', 'imported');
    mkdirPrivate(recordingsDir);
    progress = {
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

    const recordOutcome = async ({ unit, outcome }: Done) => {
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
    };
    if (database.engine === 'postgres')
      await importSideBySide(database, planned.units, recorded, recordOutcome);
    else await importInTurn(database, planned.units, recorded, recordOutcome);
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

type Unit = ImportUnit | DetailsUnit;
type Recorded = Map<string, ImportOutcome['outcome'][]>;
/** A unit with its outcome, to be recorded. */
interface Done {
  unit: Unit;
  outcome: ImportOutcome;
}
type RecordOutcome = (done: Done) => Promise<void>;

/**
 * Chat exports imported at once on PostgreSQL, each in its own transaction on its own connection: one
 * connection's server process indexes one file's words at a time, so side by side the server uses more
 * than one core while this thread reads the next file. Other units (calls, manifest details) run alone.
 */
const FILES_AT_ONCE = 3;

/** SQLite: one unit after the other (one writer). */
async function importInTurn(database: Database, units: Unit[], recorded: Recorded, record: RecordOutcome) {
  for (const unit of units) {
    if (controller.signal.aborted) break;
    if (await recordedBefore(database, recorded, unit)) continue;
    announce(unit);
    const outcome = await importOne(database, unit);
    if (!outcome) break;
    await record({ unit, outcome });
  }
}

/**
 * PostgreSQL: up to FILES_AT_ONCE chat exports at a time (lanes.ts), each read and parsed before its turn
 * while the others' rows are indexed. Outcomes are recorded and reported in the plan's order, as one file
 * after the other would record them. A new agent or team two files name is claimed by both until the first
 * of them is in: then the second finds it instead of adding it again.
 */
async function importSideBySide(
  database: Database,
  units: Unit[],
  recorded: Recorded,
  record: RecordOutcome,
) {
  const lanes = new Lanes(FILES_AT_ONCE);
  const inOrder = new InOrder(record);
  const namesIn = new Set<string>();
  for (const unit of units) {
    if (controller.signal.aborted || inOrder.failed) break;
    if (await recordedBefore(database, recorded, unit)) continue;
    const prepared = unit.kind === 'chats' ? readChats(unit) : undefined;
    const claims = prepared ? chatClaims(prepared) : null;
    for (const name of namesIn) claims?.delete(name);
    await lanes.room(claims);
    if (controller.signal.aborted || inOrder.failed) break;
    announce(unit);
    const at = inOrder.take();
    void lanes
      .run(claims, () => importOne(database, unit, prepared))
      .then((outcome) => {
        if (outcome?.outcome === 'imported' && claims)
          for (const claim of claims) if (!claim.startsWith('hash\u0000')) namesIn.add(claim);
        inOrder.put(at, outcome && { unit, outcome });
      });
  }
  await lanes.idle();
  await inOrder.done();
}

/** Taken over from a process that stopped: what it recorded is done (each file once). */
async function recordedBefore(database: Database, recorded: Recorded, unit: Unit): Promise<boolean> {
  const earlier = recorded.get(unit.file)?.shift();
  // Its uploads may not have been removed yet when that process stopped.
  if (earlier) await forgetUploads(database, unit, earlier);
  return earlier !== undefined;
}

function announce(unit: Unit): void {
  progress.currentFile = unit.file;
  post({ type: 'progress', progress: { ...progress } });
}

/** A unit's outcome, or null when a cancel stopped it (it is then wholly out). */
async function importOne(
  database: Database,
  unit: Unit,
  prepared?: PreparedChats,
): Promise<ImportOutcome | null> {
  try {
    const result = await importUnit(database, unit, {
      recordingsDir,
      roles: input.request.roles,
      signal: controller.signal,
      prepared,
    });
    return { file: unit.file, ...result };
  } catch (error) {
    if (controller.signal.aborted) return null;
    return {
      file: unit.file,
      outcome: 'failed',
      interactionIds: [],
      message: (error as Error).message,
      warnings: [],
    };
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
