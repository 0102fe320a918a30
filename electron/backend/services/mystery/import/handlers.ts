import type { mysteryImportMethods } from '../../../../../shared/api/methods/mystery-import';
import type { BackendContext, HandlersFor } from '../../../context';
import type { ImportJobs } from '../../../import/jobs';
import { dryRunMysteryImport } from './dry-run';
import { evidenceFromFolder, locateInFolder } from './evidence';
import { importMysteryShops } from './run';
import { loadMapping, previewSheet, readSheet, rememberMapping, saveMapping } from './sheet';

export function mysteryImportHandlers(
  { db }: BackendContext,
  imports: ImportJobs,
): HandlersFor<keyof typeof mysteryImportMethods> {
  return {
    'mysteryImport.preview': (params) => previewSheet(db, params),
    'mysteryImport.dryRun': async ({ path, mapping, recordings }) => {
      const { fileName, bytes } = await readSheet(path);
      return dryRunMysteryImport(db, {
        fileName,
        bytes,
        mapping,
        ...(recordings ? { locateEvidence: locateInFolder(recordings) } : {}),
      });
    },
    'mysteryImport.run': async ({ path, mapping, recordings }) => {
      const { fileName, bytes, table } = await readSheet(path);
      const report = await importMysteryShops(db, {
        fileName,
        bytes,
        mapping,
        ...(recordings ? { findEvidence: evidenceFromFolder(db, imports, recordings) } : {}),
      });
      rememberMapping(db, table.columns, mapping);
      return report;
    },
    'mysteryImport.loadMapping': ({ path }) => loadMapping(path),
    'mysteryImport.saveMapping': ({ path, mapping }) => saveMapping(path, mapping),
  };
}
