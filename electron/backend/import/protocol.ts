import type { ImportOutcome, ImportPlan, ImportProgress, ImportRequest } from '../../../shared/api';

/** What the import worker is started with. */
export interface ImportWorkerInput {
  mode: 'plan' | 'run';
  dataDir: string;
  /** The team's PostgreSQL the backend runs on; without it the SQLite file in the data folder. */
  databaseUrl?: string;
  nativeBinding?: string;
  batchId: number;
  request: Required<
    Pick<ImportRequest, 'paths' | 'pairLegs' | 'roles' | 'copyRecordings' | 'transcriptMatches'>
  > &
    Pick<ImportRequest, 'manifest' | 'namePattern'>;
}

/** Main → worker. */
export type ImportCommand = { type: 'cancel' };

/** Worker → main. */
export type ImportMessage =
  | { type: 'plan'; plan: ImportPlan }
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'outcome'; outcome: ImportOutcome }
  | { type: 'failed'; code: string; message: string };
