import type { SegmentSpeaker } from '../../../shared/api';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open';

export interface NewSegment {
  speaker: SegmentSpeaker;
  startMs: number | null;
  endMs: number | null;
  sentAt: string | null;
  text: string;
}

/**
 * Runs `insert` (which adds segments with `insertSegments`) and then puts every new segment into the
 * full-text index with one set-based statement: measured 4-8x faster than indexing row by row with a
 * trigger. Call inside the caller's transaction so segments and index entries land together.
 */
export function indexingNewSegments<T>(db: Db, insert: () => T): T {
  const before = (db.prepare('SELECT coalesce(max(id), 0) AS id FROM segments').get() as { id: number }).id;
  const result = insert();
  db.prepare('INSERT INTO segments_fts (rowid, text) SELECT id, text FROM segments WHERE id > ?').run(before);
  return result;
}

type InsertRow = [number, number, string, number | null, number | null, string | null, string];
// One prepared statement per connection: preparing it per interaction cost a tenth of the bulk import.
const statements = new WeakMap<Db, Statement<InsertRow>>();

/** Adds an interaction's transcript segments or chat turns; use within `indexingNewSegments`. */
export function insertSegments(db: Db, interactionId: number, segments: readonly NewSegment[]): void {
  let insert = statements.get(db);
  if (!insert) {
    insert = db.prepare<InsertRow>(
      'INSERT INTO segments (interaction_id, seq, speaker, start_ms, end_ms, sent_at, text) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    statements.set(db, insert);
  }
  segments.forEach((s, seq) =>
    insert.run(interactionId, seq, s.speaker, s.startMs, s.endMs, s.sentAt, s.text),
  );
}
