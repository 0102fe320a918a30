import type { BackendContext } from './context';
import { openDatabase, type Db } from './db/open';
import { createDispatch, type Dispatch, type Handlers } from './dispatch';
import { EventHub } from './events';
import { appHandlers } from './services/app-handlers';
import { libraryHandlers } from './services/library-handlers';
import { recordingFile } from './services/recordings';

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
  /** Resolves a recording id to its file for the media endpoints. */
  mediaFile(recordingId: number): { path: string; mimeType: string };
  close(): void;
}

/** The whole backend: plain Node, no Electron. Both transports and the CLI wrap this. */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const log = options.log ?? ((message: string) => console.error(message));
  const db = await openDatabase(
    options.dataDir,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  const ctx: BackendContext = {
    db,
    dataDir: options.dataDir,
    resourcesDir: options.resourcesDir,
    version: options.version,
    events: new EventHub(),
    log,
  };

  // Each area contributes the handlers for its part of the contract; the type makes sure none is missing.
  const handlers: Handlers = {
    ...appHandlers(ctx),
    ...libraryHandlers(ctx),
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
    mediaFile: (recordingId) => recordingFile(db, recordingId),
    close: () => db.close(),
  };
}
