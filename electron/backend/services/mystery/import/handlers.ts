import type { mysteryImportMethods } from '../../../../../shared/api/methods/mystery-import';
import type { BackendContext, HandlersFor } from '../../../context';
import type { ImportJobs } from '../../../import/jobs';
import { permit } from '../../../permissions';
import { dryRunMysteryImport } from './dry-run';
import { evidenceFromFolder, locateInFolder } from './evidence';
import { importMysteryShops } from './run';
import { loadMapping, previewSheet, readSheet, rememberMapping, saveMapping } from './sheet';

export function mysteryImportHandlers(
  { database }: BackendContext,
  imports: ImportJobs,
): HandlersFor<keyof typeof mysteryImportMethods> {
  // Importing is entering shops: the role table decides who may (shared/permissions/mystery.ts).
  return {
    'mysteryImport.preview': async (params, { actorId }) => {
      await permit(database.query, 'mysteryImport.preview', actorId);
      return previewSheet(database.query, params);
    },
    'mysteryImport.dryRun': async ({ path, mapping, recordings }, { actorId }) => {
      await permit(database.query, 'mysteryImport.dryRun', actorId);
      const { fileName, bytes } = await readSheet(path);
      return dryRunMysteryImport(database, {
        fileName,
        bytes,
        mapping,
        ...(recordings ? { locateEvidence: locateInFolder(recordings) } : {}),
      });
    },
    'mysteryImport.run': async ({ path, mapping, recordings }, { actorId }) => {
      await permit(database.query, 'mysteryImport.run', actorId);
      const { fileName, bytes, table } = await readSheet(path);
      const report = await importMysteryShops(database, {
        fileName,
        bytes,
        mapping,
        ...(recordings ? { findEvidence: evidenceFromFolder(database.query, imports, recordings) } : {}),
      });
      await rememberMapping(database.query, table.columns, mapping);
      return report;
    },
    'mysteryImport.loadMapping': async ({ path }, { actorId }) => {
      await permit(database.query, 'mysteryImport.loadMapping', actorId);
      return loadMapping(path);
    },
    'mysteryImport.saveMapping': async ({ path, mapping }, { actorId }) => {
      await permit(database.query, 'mysteryImport.saveMapping', actorId);
      return saveMapping(path, mapping);
    },
  };
}
