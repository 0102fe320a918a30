import { type EventName } from '../../shared/api';
import { openDatabase, schemaVersion, type Db } from './db/open';
import { createDispatch, type Dispatch, type Handlers } from './dispatch';
import { EventHub } from './events';
import { declineDemo, demoStatus, loadDemo } from './services/demo';
import { getInteraction, listInteractions } from './services/library';
import { peaksOf, recordingFile } from './services/recordings';
import { getSettings, updateSettings } from './services/settings';

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
  const { dataDir, resourcesDir } = options;
  const log = options.log ?? ((message: string) => console.error(message));
  const db = await openDatabase(
    dataDir,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  const events = new EventHub();
  const changed = (reason: 'demo' | 'import' | 'delete') =>
    events.emit('library.changed' satisfies EventName, { reason });

  const handlers: Handlers = {
    'app.info': () => ({ version: options.version, schemaVersion: schemaVersion(db), dataDir }),
    'settings.get': () => getSettings(db),
    'settings.update': (changes) => updateSettings(db, changes),
    'demo.status': () => demoStatus(db),
    'demo.load': async () => {
      const loaded = await loadDemo(db, resourcesDir, dataDir);
      changed('demo');
      return loaded;
    },
    'demo.decline': () => declineDemo(db),
    'library.list': (params) => listInteractions(db, params),
    'interaction.get': ({ id }) => getInteraction(db, id),
    'recording.peaks': ({ recordingId, targetPeaks }) => peaksOf(db, recordingId, targetPeaks),
  };

  const dispatch = createDispatch(handlers, {
    onInternalError: (method, error) =>
      log(`[earmark] ${method} failed: ${(error as Error)?.stack ?? String(error)}`),
  });

  return {
    db,
    dispatch,
    events,
    dataDir,
    mediaFile: (recordingId) => recordingFile(db, recordingId),
    close: () => db.close(),
  };
}
