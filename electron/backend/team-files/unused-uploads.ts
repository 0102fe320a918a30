import { readFile, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Query } from '../db/schema';
import { doneDir, partialDir, uploadMetaDir } from './config';
import { UPLOAD_ID } from './uploads';

/**
 * A team server keeps an uploaded file only while something of the library may need it. A file the
 * import did not take (it failed: corrupt, not a format Earmark reads; or it was already in the library,
 * so it was skipped or only gave details) would otherwise stay in the storage for good, since nobody
 * can see or choose it again once the import screen is left. It is removed, unless something points at
 * that very upload: a recording playing it or made from it, a transcript imported from it, a mystery
 * shop's evidence, or another import batch that is running with it.
 *
 * Only uploads are removed (`uploads/done/<id>/<name>`, as the upload routes hand them out), never a
 * file of the administrator's folders; a path reaching an upload through a link is left alone.
 */
export async function removeUnusedUploads(
  q: Query,
  storageDir: string,
  paths: readonly string[],
  /** The batch the files were imported in (its own request does not keep them); null for a mystery-shop sheet. */
  batchId: number | null,
): Promise<string[]> {
  const uploads = paths.flatMap((path) => {
    const id = uploadIdOf(path, storageDir);
    return id ? [{ path, id }] : [];
  });
  if (uploads.length === 0) return [];
  const running = await runningRequests(q, batchId);
  const removed: string[] = [];
  for (const upload of uploads) {
    if (running.some((paths) => paths.some((chosen) => covers(chosen, upload.path)))) continue;
    if (await referenced(q, upload.id)) continue;
    await rm(join(doneDir(storageDir), upload.id), { recursive: true, force: true });
    await rm(join(partialDir(storageDir), `${upload.id}.part`), { force: true });
    await rm(join(uploadMetaDir(storageDir), `${upload.id}.json`), { force: true });
    removed.push(upload.path);
  }
  return removed;
}

/** The upload a path is (`<storage>/uploads/done/<id>/<name>`), else null. */
export function uploadIdOf(path: string, storageDir: string): string | null {
  const full = resolve(path);
  const folder = dirname(full);
  const id = basename(folder);
  return dirname(folder) === resolve(doneDir(storageDir)) && UPLOAD_ID.test(id) ? id : null;
}

/** Whether a path is an upload the profile sent (its metadata names who started it). */
export async function uploadOwnedBy(storageDir: string, path: string, profileId: number): Promise<boolean> {
  const id = uploadIdOf(path, storageDir);
  if (!id) return false;
  try {
    const meta = JSON.parse(await readFile(join(uploadMetaDir(storageDir), `${id}.json`), 'utf8')) as {
      profileId?: unknown;
    };
    return meta.profileId === profileId;
  } catch {
    return false;
  }
}

/** Whether a path chosen for an import is the file or a folder holding it. */
const covers = (chosen: string, path: string) => {
  const folder = resolve(chosen);
  const file = resolve(path);
  return file === folder || file.startsWith(folder.endsWith(sep) ? folder : folder + sep);
};

/** The paths other batches that are still running were asked to import (team mode keeps their requests). */
async function runningRequests(q: Query, batchId: number | null): Promise<string[][]> {
  let running = q
    .selectFrom('import_batches')
    .select('request')
    .where('state', '=', 'running')
    .where('request', 'is not', null);
  if (batchId !== null) running = running.where('id', '!=', batchId);
  const rows = await running.execute();
  return rows.map((row) => {
    try {
      const request = JSON.parse(row.request!) as { paths?: unknown; manifest?: { path?: unknown } };
      const paths = Array.isArray(request.paths) ? request.paths.map(String) : [];
      return typeof request.manifest?.path === 'string' ? [...paths, request.manifest.path] : paths;
    } catch {
      return [];
    }
  });
}

/**
 * Whether the library points at the upload. Its id is a random UUID, so any path holding it is that
 * upload's (an id has no LIKE wildcards in it).
 */
async function referenced(q: Query, id: string): Promise<boolean> {
  const pattern = `%${id}%`;
  const recording = await q
    .selectFrom('recordings')
    .select('id')
    .where((eb) => eb.or([eb('path', 'like', pattern), eb('source_paths', 'like', pattern)]))
    .limit(1)
    .executeTakeFirst();
  if (recording) return true;
  const transcript = await q
    .selectFrom('import_files as f')
    .innerJoin('interactions as i', 'i.id', 'f.interaction_id')
    .select('f.id')
    .where('f.outcome', '=', 'imported')
    .where('f.path', 'like', pattern)
    .limit(1)
    .executeTakeFirst();
  if (transcript) return true;
  const evidence = await q
    .selectFrom('mystery_shops')
    .select('id')
    .where('files', 'like', pattern)
    .limit(1)
    .executeTakeFirst();
  return evidence !== undefined;
}
