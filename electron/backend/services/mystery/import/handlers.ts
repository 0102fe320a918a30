import type { mysteryImportMethods } from '../../../../../shared/api/methods/mystery-import';
import type { BackendContext, HandlersFor } from '../../../context';
import type { ImportJobs } from '../../../import/jobs';
import { permit } from '../../../permissions';
import { dryRunMysteryImport } from './dry-run';
import { evidenceFromFolder, locateInFolder } from './evidence';
import { importMysteryShops } from './run';
import { importRoots } from '../../../team-files/config';
import { removeUnusedUploads, uploadOwnedBy } from '../../../team-files/unused-uploads';
import { confinedPath, confinedTarget } from '../../../team-files/confine';
import { loadMapping, loadMappingText, previewSheet, readSheet, rememberMapping, saveMapping } from './sheet';

export function mysteryImportHandlers(
  { database, teamFiles }: BackendContext,
  imports: ImportJobs,
): HandlersFor<keyof typeof mysteryImportMethods> {
  // A team server reads and writes only inside its uploads and import folders (team-files/confine.ts).
  const roots = teamFiles ? importRoots(teamFiles) : null;
  const readable = (path: string) => (roots ? confinedPath(path, roots) : path);
  const writable = (path: string) => (roots ? confinedTarget(path, roots) : path);
  const folder = (path: string | undefined) => (path === undefined ? undefined : readable(path));
  // Importing is entering shops: the role table decides who may (shared/permissions/mystery.ts).
  return {
    'mysteryImport.preview': async (params, { actorId }) => {
      await permit(database.query, 'mysteryImport.preview', actorId);
      return previewSheet(database.query, { ...params, path: readable(params.path) });
    },
    'mysteryImport.dryRun': async ({ path, mapping, recordings: given }, { actorId }) => {
      await permit(database.query, 'mysteryImport.dryRun', actorId);
      const recordings = folder(given);
      const { fileName, bytes } = await readSheet(readable(path));
      return dryRunMysteryImport(database, {
        fileName,
        bytes,
        mapping,
        ...(recordings ? { locateEvidence: locateInFolder(recordings) } : {}),
      });
    },
    'mysteryImport.run': async ({ path, mapping, recordings: given }, { actorId }) => {
      await permit(database.query, 'mysteryImport.run', actorId);
      const recordings = folder(given);
      const { fileName, bytes, table } = await readSheet(readable(path));
      const report = await importMysteryShops(database, {
        fileName,
        bytes,
        mapping,
        ...(recordings ? { findEvidence: evidenceFromFolder(database.query, imports, recordings) } : {}),
      });
      await rememberMapping(database.query, table.columns, mapping);
      // An uploaded sheet none of whose rows was taken (all failed or already there) goes, as an
      // upload the recordings import did not take does: it is fixed on the sender's computer and sent
      // again. One that imported shops stays for "Import again". A folder's file is never touched.
      if (teamFiles && report.imported.length === 0) {
        await removeUnusedUploads(database.query, teamFiles.storageDir, [path], null).catch(() => []);
      }
      return report;
    },
    'mysteryImport.loadMapping': async ({ path }, { actorId }) => {
      await permit(database.query, 'mysteryImport.loadMapping', actorId);
      return loadMapping(readable(path));
    },
    'mysteryImport.saveMapping': async ({ path, mapping }, { actorId }) => {
      await permit(database.query, 'mysteryImport.saveMapping', actorId);
      return saveMapping(writable(path), mapping);
    },
    // A team server's browser: the file is on the person's computer, so its text comes (saving is a
    // download the browser writes itself, mappingFileText).
    'mysteryImport.loadMappingText': async ({ fileName, text }, { actorId }) => {
      await permit(database.query, 'mysteryImport.loadMappingText', actorId);
      return loadMappingText(fileName, text);
    },
    'mysteryImport.forgetSheet': async ({ path }, { actorId }) => {
      await permit(database.query, 'mysteryImport.forgetSheet', actorId);
      // Only one's own upload: a file of the administrator's folders, or someone else's, stays.
      if (!teamFiles || actorId === null || !(await uploadOwnedBy(teamFiles.storageDir, path, actorId))) {
        return { removed: false };
      }
      const removed = await removeUnusedUploads(database.query, teamFiles.storageDir, [path], null);
      return { removed: removed.length > 0 };
    },
  };
}
