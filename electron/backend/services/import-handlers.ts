import type { importMethods } from '../../../shared/api/methods/import';
import { EarmarkError } from '../../../shared/errors';
import type { BackendContext, HandlersFor } from '../context';
import type { ImportJobs } from '../import/jobs';
import { browseImportFolders } from '../team-files/browse';
import type { TeamFiles } from '../team-files/config';

export function importHandlers(
  jobs: ImportJobs,
  ctx: Pick<BackendContext, 'teamFiles'>,
): HandlersFor<keyof typeof importMethods> {
  const serverFiles = (): TeamFiles => {
    if (ctx.teamFiles) return ctx.teamFiles;
    throw new EarmarkError(
      'unavailable',
      "A server's import folders and uploads are for a team server; this workstation imports files from this computer.",
    );
  };
  return {
    'import.preview': (request) => jobs.preview(request),
    'import.start': (request) => jobs.start(request),
    'import.cancel': ({ batchId }) => jobs.cancel(batchId),
    'import.status': ({ batchId }) => jobs.status(batchId),
    'import.serverFiles': () => {
      const files = serverFiles();
      return { folders: [...files.importFolders], maxUploadBytes: files.maxUploadBytes };
    },
    'import.browse': ({ path }) => browseImportFolders(serverFiles(), path),
  };
}
