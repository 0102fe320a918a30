import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { ImportOutcome, ImportProgress } from '../../../shared/api';
import { mkdirPrivate } from '../data-folder/permissions';
import { connect } from '../db/open';
import { writeSetting } from '../services/settings';
import { reportFailure } from './protocol';
import { importUnit } from '../import/execute';
import { rememberNamePattern } from '../import/name-details';
import { mappingSettingKey, planImport } from '../import/plan';
import type { ImportCommand, ImportMessage, ImportWorkerInput } from '../import/protocol';

/**
 * Runs a whole import batch off the main thread, with its own database connection: plans it, then
 * imports unit after unit (each in its own transaction), reporting every outcome. Cancelling stops
 * after the unit in progress, which is then either wholly in or wholly out.
 */
const input = workerData as ImportWorkerInput;
const post = (message: ImportMessage) => parentPort!.postMessage(message);
const controller = new AbortController();
const onCommand = (command: ImportCommand) => {
  if (command.type === 'cancel') controller.abort();
};
parentPort!.on('message', onCommand);

async function main() {
  const db = connect(input.dataDir, input.nativeBinding);
  try {
    const planned = await planImport(db, input.request);
    // In a run the plan goes out too: the command line's report accounts for every file with it.
    post({ type: 'plan', plan: planned.plan });
    if (input.mode === 'plan') return;
    rememberNamePattern(db, input.request);

    if (planned.manifestColumns && planned.mapping) {
      writeSetting(db, mappingSettingKey(planned.manifestColumns), JSON.stringify(planned.mapping));
    }
    const recordingsDir = join(input.dataDir, 'recordings', 'imported');
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
    db.prepare('UPDATE import_batches SET total_files = ? WHERE id = ?').run(
      progress.totalFiles,
      input.batchId,
    );
    const record = db.prepare(
      'INSERT INTO import_files (batch_id, path, outcome, interaction_id, message, warnings) VALUES (?, ?, ?, ?, ?, ?)',
    );
    post({ type: 'progress', progress: { ...progress } });

    for (const unit of planned.units) {
      if (controller.signal.aborted) break;
      progress.currentFile = unit.file;
      post({ type: 'progress', progress: { ...progress } });
      let outcome: ImportOutcome;
      try {
        const result = await importUnit(db, unit, {
          recordingsDir,
          roles: input.request.roles,
          signal: controller.signal,
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
      record.run(
        input.batchId,
        unit.file,
        outcome.outcome,
        outcome.interactionIds[0] ?? null,
        outcome.message,
        outcome.warnings.length ? JSON.stringify(outcome.warnings) : null,
      );
      progress[outcome.outcome]++;
      progress.doneFiles++;
      post({ type: 'outcome', outcome });
    }
    progress.state = controller.signal.aborted ? 'cancelled' : 'done';
    progress.currentFile = null;
    db.prepare(
      "UPDATE import_batches SET state = ?, finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
    ).run(progress.state, input.batchId);
    post({ type: 'progress', progress });
  } finally {
    db.close();
  }
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
