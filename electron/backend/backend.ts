import { bindClock, systemClock, type Clock } from './clock';
import type { BackendContext } from './context';
import { acquireDataFolderLock } from './data-folder/lock';
import { describeTightened, mkdirPrivate, tightenDataFolder } from './data-folder/permissions';
import type { Database } from './db/database';
import { openDatabase, type Db } from './db/open';
import { openPostgres } from './db/postgres/database';
import { describe as describeUrl } from './db/postgres/migrate';
import { sqliteOnlyDb } from './db/sqlite-only';
import { sqliteDatabase } from './db/sqlite/database';
import { createDispatch, type Dispatch, type Handlers } from './dispatch';
import { EventHub } from './events';
import { ImportJobs } from './import/jobs';
import { teamFiles, type TeamFiles, type TeamFilesOptions } from './team-files/config';
import { modeRules, type BackendMode } from './modes';
import { WorkstationSession } from './privacy/session';
import type { WorkstationKeyProtector } from './privacy/workstation-key';
import { accountHandlers } from './services/accounts/handlers';
import { PASSWORD_COST, type ScryptCost } from './services/accounts/password-hash';
import { agentHandlers } from './services/agents/handlers';
import { appHandlers } from './services/app-handlers';
import { coachingHandlers } from './services/coaching/handlers';
import { detailsHandlers } from './services/details-handlers';
import { evaluationHandlers } from './services/evaluations/handlers';
import { importHandlers } from './services/import-handlers';
import { libraryHandlers } from './services/library-handlers';
import { mysteryHandlers } from './services/mystery/handlers';
import { mysteryImportHandlers } from './services/mystery/import/handlers';
import { profileHandlers } from './services/profiles/handlers';
import { recordingFile, type MediaFile } from './services/recordings';
import { queueHandlers } from './services/queue/handlers';
import { calibrationHandlers } from './services/calibration/handlers';
import { reelHandlers } from './services/reels/handlers';
import { reviewHandlers } from './services/review/handlers';
import { rubricHandlers } from './services/rubrics/handlers';
import { waveformHandlers } from './services/waveform/handlers';
import { seedBuiltInRubrics } from './services/rubrics/seed';
import { backfillStoredScores } from './services/evaluations/stored-score';
import { purgeDeletedMoments } from './services/review/deleted-moments';

export interface BackendOptions {
  dataDir: string;
  /** Folder holding demo/ and other shipped resources. */
  resourcesDir: string;
  version: string;
  /** Who is opening the folder, as its lock tells a second process: "earmark serve", "the desktop app". */
  command?: string;
  /** better-sqlite3 native build to use (Electron passes its ABI build). */
  nativeBinding?: string;
  /**
   * A team's PostgreSQL (`postgres://…`, from --database or EARMARK_DATABASE); without it the SQLite
   * file in the data folder. Files (recordings, keys) stay in the data folder either way.
   */
  databaseUrl?: string;
  log?: (message: string) => void;
  /** Where the workstation key for private notes is kept; a key file only this OS user can read by default. */
  keyProtector?: WorkstationKeyProtector;
  /** Quiet time after which an unlocked profile locks itself (15 minutes by default). */
  idleLockMs?: number;
  /**
   * The time every service stamps and the idle lock and passphrase back-off count with; the computer's
   * clock by default. Tests pass one they set and move, instead of sleeping.
   */
  clock?: Clock;
  /**
   * `workstation` (the default): people choose reviewer profiles; the session and account methods answer
   * `unavailable`. `team`: people log in to team accounts; each call says who by its CallContext
   * (services/accounts/team-call.ts), everything but logging in needs a login, and choosing or making
   * workstation profiles answers `unavailable`.
   */
  mode?: BackendMode;
  /**
   * A team server's files (serve --team): its storage folder, the administrator's import folders and
   * the upload limit. Its imports then read only inside those folders. Ignored on a workstation.
   */
  files?: TeamFilesOptions;
  /** The scrypt cost of new team passwords (PASSWORD_COST). Only tests lower it, to keep each login quick. */
  passwordCost?: ScryptCost;
}

export interface Backend {
  readonly db: Db;
  readonly database: Database;
  /** Runs one call; a transport with a per-call context (the team host) passes it as the third argument. */
  readonly dispatch: Dispatch;
  readonly mode: BackendMode;
  /** The time sessions expire by and services stamp with (the team host passes it to teamCall). */
  readonly clock: Clock;
  readonly events: EventHub;
  /** Who is acting and their unlocked key (the same object services get as ctx.profiles for the keys). */
  readonly profiles: WorkstationSession;
  readonly dataDir: string;
  /** The team's PostgreSQL it runs on (`postgres://…`), for what needs connections of its own (team-work.ts); null on SQLite. */
  readonly databaseUrl: string | null;
  readonly imports: ImportJobs;
  /** A team server's storage and import folders (the `files` option); null otherwise. */
  readonly teamFiles: TeamFiles | null;
  /** Resolves a recording id to its file, and the folders it must really lie in, for the media endpoints. */
  mediaFile(recordingId: number): Promise<MediaFile>;
  /** Stops running imports (each after its current file), closes the database and releases the data folder. */
  close(): Promise<void>;
}

/** The whole backend: plain Node, no Electron. Both transports and the CLI wrap this. */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const log = options.log ?? ((message: string) => console.error(message));
  mkdirPrivate(options.dataDir);
  // Before anything is read or repaired: only the folder's one owner recovers imports and migrates.
  const lock = acquireDataFolderLock(options.dataDir, { command: options.command ?? 'earmark', log });
  try {
    return await startBackend(options, log, lock.release);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function startBackend(
  options: BackendOptions,
  log: (message: string) => void,
  releaseLock: () => void,
): Promise<Backend> {
  const tightened = tightenDataFolder(options.dataDir);
  if (tightened.length > 0) {
    log(
      `[earmark] ${options.dataDir} was readable by other users of this computer; now only you can open it ` +
        `(tightened ${describeTightened(tightened)})`,
    );
  }
  const { db, database } = await openEngine(options, log);
  const clock = options.clock ?? systemClock;
  bindClock(db, clock);
  // Converted services stamp times with nowIso(database), on either engine.
  bindClock(database, clock);
  await bringUpToDate(database, clock);
  const events = new EventHub();
  // Every start begins locked: unlocked keys live only in this process's memory.
  const session = new WorkstationSession({
    database,
    dataDir: options.dataDir,
    events,
    log,
    keyProtector: options.keyProtector,
    idleLockMs: options.idleLockMs,
    clock: () => clock.now().getTime(),
  });
  const mode = options.mode ?? 'workstation';
  const ctx: BackendContext = {
    db,
    database,
    profiles: session,
    dataDir: options.dataDir,
    teamFiles: mode === 'team' && options.files ? teamFiles(options.dataDir, options.files) : null,
    resourcesDir: options.resourcesDir,
    version: options.version,
    events,
    clock,
    log,
  };

  const imports = new ImportJobs(ctx, options.nativeBinding, options.databaseUrl);

  // Each area contributes the handlers for its part of the contract; the type makes sure none is missing.
  const handlers: Handlers = {
    ...appHandlers(ctx),
    ...libraryHandlers(ctx),
    ...detailsHandlers(ctx),
    ...importHandlers(imports, ctx),
    ...reviewHandlers(ctx),
    ...waveformHandlers(ctx),
    ...profileHandlers(ctx, session),
    ...rubricHandlers(ctx),
    ...evaluationHandlers(ctx),
    ...agentHandlers(ctx),
    ...coachingHandlers(ctx),
    ...reelHandlers(ctx),
    ...mysteryHandlers(ctx),
    ...mysteryImportHandlers(ctx, imports),
    ...queueHandlers(ctx),
    ...calibrationHandlers(ctx),
    // Closed on a workstation by the dispatch (modes.ts), so a workstation never reaches them.
    ...accountHandlers(ctx, options.passwordCost ?? PASSWORD_COST),
  };

  const dispatchCall = createDispatch(handlers, {
    // On a team server a call's own context says who acts; without one, nobody does.
    ...(mode === 'workstation' ? { actors: session } : {}),
    ...modeRules(mode),
    onInternalError: (method, error, reference) =>
      log(`[earmark] ${method} failed (reference ${reference}): ${(error as Error)?.stack ?? String(error)}`),
  });
  // Every call first runs the idle lock (so a call after a quiet spell finds the profile locked), and
  // counts as activity when the contract says so (`activity` on each method).
  const dispatch: Dispatch = (method, payload, call) => {
    session.noteCall(method);
    return dispatchCall(method, payload, call);
  };

  return {
    db,
    database,
    dispatch,
    mode,
    clock,
    events: ctx.events,
    profiles: session,
    dataDir: ctx.dataDir,
    databaseUrl: options.databaseUrl ?? null,
    imports,
    teamFiles: ctx.teamFiles,
    mediaFile: (recordingId) => recordingFile(database.query, recordingId, options.dataDir),
    close: async () => {
      await imports.closeAll();
      session.dispose();
      await database.close();
      if (database.engine === 'sqlite') db.close();
      releaseLock();
    },
  };
}

/**
 * What every start does to the stored data once the schema is current. The team import does the same
 * to its copy of a workstation's database, so it reads that as the app would.
 */
export async function bringUpToDate(database: Database, clock: Clock): Promise<void> {
  // The built-in rubrics in every shipped language, so the first evaluation needs no setup.
  await seedBuiltInRubrics(database);
  // Evaluations submitted before scores were stored get theirs, so the library's score filter sees
  // them; finds nothing to do after the first start.
  await backfillStoredScores(database);
  // Deleted moments kept for undo are personal data: none outlives its undo window, even across restarts.
  await purgeDeletedMoments(database.query, clock.now());
}

/**
 * The workstation's SQLite file (the query layer on its one connection), or a team's PostgreSQL. On
 * PostgreSQL only the services already on the query layer work; the rest answer `unavailable`, and the
 * start-up chores that still need SQLite wait for their services to move.
 */
async function openEngine(
  options: BackendOptions,
  log: (message: string) => void,
): Promise<{ db: Db; database: Database }> {
  if (options.databaseUrl) {
    const database = await openPostgres(options.databaseUrl, { log });
    log(
      `[earmark] using PostgreSQL at ${describeUrl(options.databaseUrl)}; parts of Earmark not yet moved ` +
        'onto it answer "unavailable" (docs/data-layer.md)',
    );
    return { db: sqliteOnlyDb('postgres'), database };
  }
  const db = await openDatabase(
    options.dataDir,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  return { db, database: sqliteDatabase(db) };
}
