import { basename } from 'node:path';
import type { Query } from '../db/schema';
import type { ManifestEntry } from './formats';

export interface KnownFile {
  interactionId: number;
  /** Where the file was when it was imported. */
  path: string;
}

/**
 * A manifest row names a file; where that file was not chosen this time, the interaction it became
 * on an earlier import is found by the file's name (case-insensitive, without its folder). The
 * result lists every interaction of each name, so the caller can tell a unique match from a clash.
 */
export async function matchRowsToLibrary(
  q: Query,
  rows: Iterable<ManifestEntry>,
  chosenNames: ReadonlySet<string>,
): Promise<{ entry: ManifestEntry; matches: KnownFile[] }[]> {
  const unmatched = [...rows].filter((entry) => !namesOf(entry).some((name) => chosenNames.has(name)));
  if (unmatched.length === 0) return [];
  const known = await libraryByFileName(q);
  return unmatched.flatMap((entry) => {
    const matches = new Map<number, KnownFile>();
    for (const name of namesOf(entry))
      for (const file of known.get(name) ?? []) matches.set(file.interactionId, file);
    return matches.size > 0 ? [{ entry, matches: [...matches.values()] }] : [];
  });
}

function namesOf(entry: ManifestEntry): string[] {
  return [entry.file, entry.agentLegFile, entry.customerLegFile]
    .filter((file): file is string => Boolean(file))
    .map((file) => basename(file.replaceAll('\\', '/')).toLowerCase());
}

/**
 * Calls by the names of the files they were imported from: a recording's source files (both legs of
 * a paired call), and the transcript of a call imported without its recording. Chat exports are left
 * out: one file holds many chats, and a row for the file cannot say which of them it describes.
 */
async function libraryByFileName(q: Query): Promise<Map<string, KnownFile[]>> {
  const byName = new Map<string, KnownFile[]>();
  const add = (path: string, interactionId: number) => {
    const name = basename(path).toLowerCase();
    const list = byName.get(name) ?? [];
    if (!list.some((file) => file.interactionId === interactionId)) list.push({ interactionId, path });
    byName.set(name, list);
  };
  const recordings = await q
    .selectFrom('recordings')
    .select(['interaction_id as id', 'path', 'source_paths as sources'])
    .execute();
  for (const recording of recordings) {
    const sources = recording.sources ? (JSON.parse(recording.sources) as string[]) : [recording.path];
    for (const source of sources) add(source, recording.id);
  }
  const transcripts = await q
    .selectFrom('import_files as f')
    .innerJoin('interactions as i', 'i.id', 'f.interaction_id')
    .select(['f.path', 'f.interaction_id as id'])
    .where('f.outcome', '=', 'imported')
    .where('i.kind', '=', 'call')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('recordings as r').select('r.id').whereRef('r.interaction_id', '=', 'i.id'))),
    )
    .orderBy('f.id')
    .execute();
  for (const transcript of transcripts) add(transcript.path, transcript.id!);
  return byName;
}
