import { readdir, realpath, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FolderListing } from '../../../shared/api';
import { EarmarkError } from '../../../shared/errors';
import type { TeamFiles } from './config';
import { confinedPath, isWithin, realRoots } from './confine';

/** At most this many entries of one folder are listed (the recorder's share may hold a year of calls). */
const MAX_ENTRIES = 2000;

/**
 * What the import screen of a team server shows of the administrator's folders: without a path, the
 * folders themselves; with one, the folders and files inside it (only inside those folders, links
 * leading out left out), folders first, hidden files skipped as the import skips them.
 */
export async function browseImportFolders(files: TeamFiles, path: string | null): Promise<FolderListing> {
  const roots = files.importFolders.map((folder) => folder.path);
  if (path === null) {
    return {
      path: null,
      parent: null,
      entries: files.importFolders.map((folder) => ({
        name: folder.name,
        path: folder.path,
        folder: true,
        size: null,
      })),
      more: false,
    };
  }
  if (roots.length === 0) {
    throw new EarmarkError(
      'not_found',
      'This team server has no import folders; an administrator adds them with --import-folder.',
    );
  }
  confinedPath(path, roots);
  const info = await stat(path);
  if (!info.isDirectory()) throw new EarmarkError('invalid_params', `${path} is a file, not a folder.`);
  const real = realRoots(roots);
  const names = (await readdir(path)).filter((name) => !name.startsWith('.')).sort();
  const entries: FolderListing['entries'] = [];
  for (const name of names) {
    const full = join(path, name);
    try {
      if (!isWithin(await realpath(full), real)) continue;
      const entry = await stat(full);
      if (entry.isDirectory()) entries.push({ name, path: full, folder: true, size: null });
      else if (entry.isFile()) entries.push({ name, path: full, folder: false, size: entry.size });
    } catch {
      // Gone meanwhile, or a broken link: nothing to offer.
    }
  }
  entries.sort((a, b) => Number(b.folder) - Number(a.folder) || a.name.localeCompare(b.name));
  const isRoot = real.includes(await realpath(path));
  return {
    path,
    parent: isRoot ? null : dirname(path),
    entries: entries.slice(0, MAX_ENTRIES),
    more: entries.length > MAX_ENTRIES,
  };
}
