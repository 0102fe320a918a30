import type { ImportOutcome, ImportPlan, ImportProgress, ImportRequest } from '../../../shared/api';

/** What the import worker is started with. */
export interface ImportWorkerInput {
  mode: 'plan' | 'run';
  dataDir: string;
  /** Where transcoded recordings go: a team server's storage (shared by its processes); else the data folder's. */
  recordingsDir?: string;
  /** A team server: only files really inside these folders are read (links leading out are left out). */
  within?: string[];
  /** A team server's storage: uploads this batch does not take are removed from it (unused-uploads.ts). */
  storageDir?: string;
  /** The team's PostgreSQL the backend runs on; without it the SQLite file in the data folder. */
  databaseUrl?: string;
  nativeBinding?: string;
  batchId: number;
  /**
   * The process holding the batch (PostgreSQL): the batch's end is written only while it still holds
   * it, so a process that lost its hold never overwrites what the process that took over writes.
   */
  owner?: string;
  /** Skip the files this batch has already recorded (a batch taken over from a process that stopped). */
  resume?: boolean;
  request: Required<
    Pick<ImportRequest, 'paths' | 'pairLegs' | 'roles' | 'copyRecordings' | 'transcriptMatches'>
  > &
    Pick<ImportRequest, 'manifest' | 'namePattern'>;
}

/**
 * Main → worker. `cancel` ends the batch as cancelled; `pause` stops it after the current file and leaves
 * it running in the database, for another process to carry on (a team server shutting down, or one
 * that lost its hold).
 */
export type ImportCommand = { type: 'cancel' } | { type: 'pause' };

/** Worker → main. */
export type ImportMessage =
  | { type: 'plan'; plan: ImportPlan }
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'outcome'; outcome: ImportOutcome }
  | { type: 'failed'; code: string; message: string }
  | { type: 'paused' };
