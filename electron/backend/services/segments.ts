import { sql } from 'kysely';
import type { Segment, SegmentSpeaker } from '../../../shared/api';
import type { Database } from '../db/database';
import type { NewRow, Query } from '../db/schema';

/** An interaction's transcript segments or chat turns, in order (either engine). */
export async function segmentsOf(q: Query, interactionId: number): Promise<Segment[]> {
  return q
    .selectFrom('segments')
    .select(['seq', 'speaker', 'start_ms as startMs', 'end_ms as endMs', 'sent_at as sentAt', 'text'])
    .where('interaction_id', '=', interactionId)
    .orderBy('seq')
    .execute();
}

/** Whether the interaction has a segment (transcript turn or chat message) numbered `seq`. */
export async function hasTurn(q: Query, interactionId: number, seq: number): Promise<boolean> {
  const row = await q
    .selectFrom('segments')
    .select('id')
    .where('interaction_id', '=', interactionId)
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row !== undefined;
}

// ---- Writing segments (import, demo): each engine's bulk path, and SQLite's FTS index. ----

export interface NewSegment {
  speaker: SegmentSpeaker;
  startMs: number | null;
  endMs: number | null;
  sentAt: string | null;
  text: string;
}

/** One interaction's segments as rows, numbered in order. */
export function segmentRows(interactionId: number, segments: readonly NewSegment[]): NewRow<'segments'>[] {
  return segments.map((s, seq) => ({
    interaction_id: interactionId,
    seq,
    speaker: s.speaker,
    start_ms: s.startMs,
    end_ms: s.endMs,
    sent_at: s.sentAt,
    text: s.text,
  }));
}

/**
 * Adds segments (of one or many interactions) inside the caller's transaction `trx`, searchable as
 * soon as it commits, by each engine's bulk path (`insertMany`). On SQLite the new rows then go into the
 * FTS5 index with one set-based statement (4-8x faster than a trigger row by row); on PostgreSQL a
 * statement-level trigger puts each statement's rows in segment_search the same set-based way
 * (migration 026). Pass all of a transaction's segments in one call: one bulk insert and one index step
 * per transaction is the fast path.
 */
export async function addSegments(
  database: Database,
  trx: Query,
  rows: readonly NewRow<'segments'>[],
): Promise<void> {
  if (database.engine === 'postgres') {
    await database.insertMany(trx, 'segments', rows);
    return;
  }
  if (rows.length === 0) return;
  const last = await trx
    .selectFrom('segments')
    .select((eb) => eb.fn.coalesce(eb.fn.max('id'), sql.lit(0)).as('id'))
    .executeTakeFirstOrThrow();
  await database.insertMany(trx, 'segments', rows);
  await sql`INSERT INTO segments_fts (rowid, text) SELECT id, text FROM segments WHERE id > ${last.id}`.execute(
    trx,
  );
}
