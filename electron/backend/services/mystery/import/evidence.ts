import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { EarmarkError } from '../../../../../shared/errors';
import type { Query } from '../../../db/schema';
import type { ImportJobs } from '../../../import/jobs';
import type { EvidenceLocator } from './dry-run';
import type { EvidenceFinder } from './run';
import { shownPath } from './sheet';

const stem = (name: string) => name.slice(0, name.length - extname(name).length).toLowerCase();

/**
 * The file each row's recording comes from in the agency's folder: the file a row names (with or
 * without its extension), or, where the row names none, the file named after the shop id (a row
 * naming none and with no such file has no recording, which is fine).
 */
export function locateInFolder(folder: string): EvidenceLocator {
  const dir = resolve(folder);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new EarmarkError('invalid_params', `recordings: there is no folder ${shownPath(dir)}.`);
  }
  return (wanted) => {
    const names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
    const byName = new Map(names.map((n) => [n.toLowerCase(), n]));
    const byStem = new Map<string, string>();
    for (const n of names) if (!byStem.has(stem(n))) byStem.set(stem(n), n);
    const found = new Map<string, { path: string } | { error: string }>();
    for (const { shopId, file } of wanted) {
      const key = (file ?? shopId).toLowerCase();
      const name = byName.get(key) ?? byStem.get(key);
      if (name) found.set(shopId, { path: join(dir, name) });
      else if (file !== null) found.set(shopId, { error: `no file "${file}" in ${dir}` });
    }
    return found;
  };
}

/**
 * Evidence from the agency's folder of recordings (see locateInFolder). The files found are imported
 * into the library in one batch, as the import screen would; one already there is reused.
 */
export function evidenceFromFolder(q: Query, imports: ImportJobs, folder: string): EvidenceFinder {
  const locate = locateInFolder(folder);
  return async (wanted) => {
    const found = new Map<string, { recordingId: number } | { error: string }>();
    const fileOf = new Map<string, string>();
    for (const [shopId, where] of locate(wanted)) {
      if ('error' in where) found.set(shopId, where);
      else fileOf.set(shopId, where.path);
    }
    const paths = [...new Set(fileOf.values())];
    if (paths.length === 0) return found;
    const { batchId } = await imports.start({ paths, pairLegs: false, roles: {}, copyRecordings: false });
    const progress = await imports.wait(batchId);
    const outcomes = new Map((await imports.status(batchId)).outcomes.map((o) => [resolve(o.file), o]));
    const firstRecording = q.selectFrom('recordings').select('id').orderBy('id').limit(1);
    for (const [shopId, path] of fileOf) {
      const outcome = outcomes.get(path);
      const interactionId = outcome?.interactionIds[0];
      const recordingId = (
        await (
          interactionId !== undefined
            ? firstRecording.where('interaction_id', '=', interactionId)
            : firstRecording.where('path', '=', path)
        ).executeTakeFirst()
      )?.id;
      if (recordingId !== undefined) found.set(shopId, { recordingId });
      else {
        const why = outcome?.message ?? progress.message ?? 'it is not a recording Earmark can import';
        found.set(shopId, { error: `the recording ${path} could not be imported: ${why}` });
      }
    }
    return found;
  };
}
