import type { BackendContext } from './context';
import { openDatabase, type Db } from './db/open';
import { createDispatch, type Dispatch, type Handlers } from './dispatch';
import { EventHub } from './events';
import { ImportJobs } from './import/jobs';
import { appHandlers } from './services/app-handlers';
import { evaluationHandlers } from './services/evaluations/handlers';
import { importHandlers } from './services/import-handlers';
import { libraryHandlers } from './services/library-handlers';
import { profileHandlers } from './services/profiles/handlers';
import { recordingFile } from './services/recordings';
import { reviewHandlers } from './services/review/handlers';
import { rubricHandlers } from './services/rubrics/handlers';
import { seedBuiltInRubrics } from './services/rubrics/seed';

export interface BackendOptions {
  dataDir: string;
  /** Folder holding demo/ and other shipped resources. */
  resourcesDir: string;
  version: string;
  /** better-sqlite3 native build to use (Electron passes its ABI build). */
  nativeBinding?: string;
  log?: (message: string) => void;
}

export interface Backend {
  readonly db: Db;
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  readonly dataDir: string;
  readonly imports: ImportJobs;
  /** Resolves a recording id to its file for the media endpoints. */
  mediaFile(recordingId: number): { path: string; mimeType: string };
  /** Stops running imports (each after its current file) and closes the database. */
  close(): Promise<void>;
}

/** The whole backend: plain Node, no Electron. Both transports and the CLI wrap this. */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const log = options.log ?? ((message: string) => console.error(message));
  const db = await openDatabase(
    options.dataDir,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  // The built-in rubrics in every shipped language, so the first evaluation needs no setup.
  seedBuiltInRubrics(db);
  const ctx: BackendContext = {
    db,
    dataDir: options.dataDir,
    resourcesDir: options.resourcesDir,
    version: options.version,
    events: new EventHub(),
    log,
  };

  const imports = new ImportJobs(ctx, options.nativeBinding);

  // Each area contributes the handlers for its part of the contract; the type makes sure none is missing.
  const handlers: Handlers = {
    ...appHandlers(ctx),
    ...libraryHandlers(ctx),
    ...importHandlers(imports),
    ...reviewHandlers(ctx),
    ...profileHandlers(ctx),
    ...rubricHandlers(ctx),
    ...evaluationHandlers(ctx),
  };

  const dispatch = createDispatch(handlers, {
    onInternalError: (method, error) =>
      log(`[earmark] ${method} failed: ${(error as Error)?.stack ?? String(error)}`),
  });

  return {
    db,
    dispatch,
    events: ctx.events,
    dataDir: ctx.dataDir,
    imports,
    mediaFile: (recordingId) => recordingFile(db, recordingId),
    close: async () => {
      await imports.closeAll();
      db.close();
    },
  };
}
