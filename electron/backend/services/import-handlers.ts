import type { importMethods } from '../../../shared/api/methods/import';
import type { HandlersFor } from '../context';
import type { ImportJobs } from '../import/jobs';

export function importHandlers(jobs: ImportJobs): HandlersFor<keyof typeof importMethods> {
  return {
    'import.preview': (request) => jobs.preview(request),
    'import.start': (request) => jobs.start(request),
    'import.cancel': ({ batchId }) => jobs.cancel(batchId),
    'import.status': ({ batchId }) => jobs.status(batchId),
  };
}
