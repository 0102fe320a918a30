import type { ParsedParams } from '../../../../shared/api';
import type { Moment } from '../../../../shared/api/methods/review';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import {
  keepForUndo,
  purgeDeletedMoments,
  restoreMoment,
  type MomentRow as StoredMoment,
} from './deleted-moments';
import { assertInteraction } from './interaction-exists';
import { assertMomentAuthor } from './moment-author';
import { assertTags } from './tags';
import { clockOf, nowIso } from '../../clock';

interface MomentRow extends StoredMoment {
  tag_ids: string;
}

const SELECT_MOMENT = `SELECT m.*,
  (SELECT json_group_array(tag_id) FROM (SELECT tag_id FROM moment_tags WHERE moment_id = m.id ORDER BY tag_id)) AS tag_ids
  FROM moments m`;

function toMoment(row: MomentRow): Moment {
  return {
    id: row.id,
    interactionId: row.interaction_id,
    startMs: row.start_ms,
    endMs: row.end_ms,
    turnSeq: row.turn_seq,
    comment: row.comment,
    tagIds: JSON.parse(row.tag_ids) as number[],
    authorId: row.author_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The moments of one interaction in the order they happen: by time, then by turn (chats have no times). */
export function listMoments(db: Db, interactionId: number): Moment[] {
  assertInteraction(db, interactionId);
  const rows = db
    .prepare(
      `${SELECT_MOMENT} WHERE m.interaction_id = ? ORDER BY m.start_ms IS NULL, m.start_ms, m.turn_seq, m.id`,
    )
    .all(interactionId) as MomentRow[];
  return rows.map(toMoment);
}

function getMoment(db: Db, id: number): Moment {
  const row = db.prepare(`${SELECT_MOMENT} WHERE m.id = ?`).get(id) as MomentRow | undefined;
  if (!row) throw new EarmarkError('not_found', `id: there is no moment with id ${id}.`);
  return toMoment(row);
}

function assertTurn(db: Db, interactionId: number, turnSeq: number): void {
  if (
    !db.prepare('SELECT 1 FROM segments WHERE interaction_id = ? AND seq = ?').get(interactionId, turnSeq)
  ) {
    throw new EarmarkError('invalid_params', `turnSeq: interaction ${interactionId} has no turn ${turnSeq}.`);
  }
}

/** A moment past the end of the recording cannot be played; a second of slack covers rounded durations. */
function assertWithinRecording(db: Db, interactionId: number, lastMs: number | null): void {
  if (lastMs === null) return;
  const row = db
    .prepare('SELECT max(duration_ms) AS durationMs FROM recordings WHERE interaction_id = ?')
    .get(interactionId) as { durationMs: number | null };
  if (row.durationMs !== null && lastMs > row.durationMs + 1000) {
    throw new EarmarkError(
      'invalid_params',
      `startMs: ${lastMs} ms is past the end of the recording (${row.durationMs} ms).`,
    );
  }
}

function writeTags(db: Db, momentId: number, tagIds: readonly number[]): void {
  db.prepare('DELETE FROM moment_tags WHERE moment_id = ?').run(momentId);
  const insert = db.prepare('INSERT INTO moment_tags (moment_id, tag_id) VALUES (?, ?)');
  for (const tagId of tagIds) insert.run(momentId, tagId);
}

/**
 * Pins a new moment; every check runs before the one transaction that writes it and its tags. The author
 * is the acting profile when there is one (a reel credits the reviewer who spotted the praise).
 */
export function createMoment(db: Db, moment: ParsedParams<'moment.create'>, authorId: number | null): Moment {
  return db.transaction(() => {
    assertInteraction(db, moment.interactionId);
    if (moment.turnSeq !== undefined) assertTurn(db, moment.interactionId, moment.turnSeq);
    assertWithinRecording(db, moment.interactionId, moment.endMs ?? moment.startMs ?? null);
    assertTags(db, moment.tagIds);
    const stamp = nowIso(db);
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO moments (interaction_id, start_ms, end_ms, turn_seq, comment, author_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        moment.interactionId,
        moment.startMs ?? null,
        moment.endMs ?? null,
        moment.turnSeq ?? null,
        moment.comment,
        authorId,
        stamp,
        stamp,
      );
    const id = Number(lastInsertRowid);
    writeTags(db, id, moment.tagIds);
    return getMoment(db, id);
  })();
}

/**
 * Changes what is given (the comment as the reviewer types, the range when a region is dragged, the
 * tags); only by the moment's author (see assertMomentAuthor).
 */
export function updateMoment(db: Db, changes: ParsedParams<'moment.update'>, actorId: number | null): Moment {
  return db.transaction(() => {
    const current = getMoment(db, changes.id);
    assertMomentAuthor(db, current, actorId);
    const startMs = changes.startMs ?? current.startMs;
    const endMs = changes.endMs === undefined ? current.endMs : changes.endMs;
    if (endMs !== null && startMs === null) {
      throw new EarmarkError('invalid_params', 'endMs: a moment on a chat turn has no time range.');
    }
    if (endMs !== null && startMs !== null && endMs < startMs) {
      throw new EarmarkError(
        'invalid_params',
        `endMs: the end of a moment (${endMs} ms) cannot be before its start (${startMs} ms).`,
      );
    }
    assertWithinRecording(db, current.interactionId, endMs ?? startMs);
    if (changes.tagIds) assertTags(db, changes.tagIds);
    db.prepare('UPDATE moments SET start_ms = ?, end_ms = ?, comment = ?, updated_at = ? WHERE id = ?').run(
      startMs,
      endMs,
      changes.comment ?? current.comment,
      nowIso(db),
      changes.id,
    );
    if (changes.tagIds) writeTags(db, changes.id, changes.tagIds);
    return getMoment(db, changes.id);
  })();
}

/**
 * Deletes a moment with its tags and links (its author only); for a few minutes `undeleteMoment` can
 * bring it all back.
 */
export function deleteMoment(db: Db, id: number, actorId: number | null): { id: number } {
  return db.transaction(() => {
    assertMomentAuthor(db, getMoment(db, id), actorId);
    purgeDeletedMoments(db);
    keepForUndo(db, id);
    const { changes } = db.prepare('DELETE FROM moments WHERE id = ?').run(id);
    if (changes === 0) throw new EarmarkError('not_found', `id: there is no moment with id ${id}.`);
    return { id };
  })();
}

/** Undo of a delete, by the moment's author: the same moment, with its tags and links, as it was (see restoreMoment). */
export function undeleteMoment(db: Db, id: number, actorId: number | null): Moment {
  return getMoment(
    db,
    restoreMoment(db, id, clockOf(db).now(), (moment) => assertMomentAuthor(db, moment, actorId)),
  );
}
