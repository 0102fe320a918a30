import type { mysteryImportMethods } from '../../../../../shared/api/methods/mystery-import';
import type { BackendContext, HandlersFor } from '../../../context';
import type { ImportJobs } from '../../../import/jobs';
import { permit } from '../../../permissions';
import { dryRunMysteryImport } from './dry-run';
import { evidenceFromFolder, locateInFolder } from './evidence';
import { importMysteryShops } from './run';
import { loadMapping, previewSheet, readSheet, rememberMapping, saveMapping } from './sheet';

export function mysteryImportHandlers(
  { db }: BackendContext,
  imports: ImportJobs,
): HandlersFor<keyof typeof mysteryImportMethods> {
  // Importing is entering shops: the role table decides who may (shared/permissions/mystery.ts).
  return {
    'mysteryImport.preview': (params, { actorId }) => {
      permit(db, 'mysteryImport.preview', actorId);
      return previewSheet(db, params);
    },
    'mysteryImport.dryRun': async ({ path, mapping, recordings }, { actorId }) => {
      permit(db, 'mysteryImport.dryRun', actorId);
      const { fileName, bytes } = await readSheet(path);
      return dryRunMysteryImport(db, {
        fileName,
        bytes,
        mapping,
        ...(recordings ? { locateEvidence: locateInFolder(recordings) } : {}),
      });
    },
    'mysteryImport.run': async ({ path, mapping, recordings }, { actorId }) => {
      permit(db, 'mysteryImport.run', actorId);
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
    'mysteryImport.loadMapping': ({ path }, { actorId }) => {
      permit(db, 'mysteryImport.loadMapping', actorId);
      return loadMapping(path);
    },
    'mysteryImport.saveMapping': ({ path, mapping }, { actorId }) => {
      permit(db, 'mysteryImport.saveMapping', actorId);
      return saveMapping(path, mapping);
    },
  };
}
