import { basename } from 'node:path';
import type { Db } from '../db/open';
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
export function matchRowsToLibrary(
  db: Db,
  rows: Iterable<ManifestEntry>,
  chosenNames: ReadonlySet<string>,
): { entry: ManifestEntry; matches: KnownFile[] }[] {
  const unmatched = [...rows].filter((entry) => !namesOf(entry).some((name) => chosenNames.has(name)));
  if (unmatched.length === 0) return [];
  const known = libraryByFileName(db);
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
function libraryByFileName(db: Db): Map<string, KnownFile[]> {
  const byName = new Map<string, KnownFile[]>();
  const add = (path: string, interactionId: number) => {
    const name = basename(path).toLowerCase();
    const list = byName.get(name) ?? [];
    if (!list.some((file) => file.interactionId === interactionId)) list.push({ interactionId, path });
    byName.set(name, list);
  };
  const recordings = db
    .prepare('SELECT interaction_id AS id, path, source_paths AS sources FROM recordings')
    .all() as { id: number; path: string; sources: string | null }[];
  for (const recording of recordings) {
    const sources = recording.sources ? (JSON.parse(recording.sources) as string[]) : [recording.path];
    for (const source of sources) add(source, recording.id);
  }
  const transcripts = db
    .prepare(
      `SELECT f.path, f.interaction_id AS id FROM import_files f JOIN interactions i ON i.id = f.interaction_id
       WHERE f.outcome = 'imported' AND i.kind = 'call'
         AND NOT EXISTS (SELECT 1 FROM recordings r WHERE r.interaction_id = i.id)`,
    )
    .all() as { path: string; id: number }[];
  for (const transcript of transcripts) add(transcript.path, transcript.id);
  return byName;
}
