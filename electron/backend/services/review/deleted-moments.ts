import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { clockOf } from '../../clock';

/**
 * How long a deleted moment can be brought back. The app offers undo for a few seconds; the rest is
 * slack for a slow click or a backend that was briefly out of reach. After that the copy is purged.
 */
export const UNDO_WINDOW_MS = 10 * 60 * 1000;

/** A moment's own row as stored (moments.ts adds the tags it joins in). */
export interface MomentRow {
  id: number;
  interaction_id: number;
  start_ms: number | null;
  end_ms: number | null;
  turn_seq: number | null;
  comment: string;
  author_id: number | null;
  created_at: string;
  updated_at: string;
}

/** Everything a moment's delete takes with it, so that undo puts back the same moment. */
interface Snapshot {
  moment: MomentRow;
  tagIds: number[];
  answers: { evaluationId: number; itemId: string }[];
  sessions: { sessionId: number; position: number }[];
  reels: { reelId: number; position: number }[];
}

/** Copies a moment and its links aside; called in the delete's transaction, before the delete. */
export function keepForUndo(db: Db, momentId: number, deletedAt: Date = clockOf(db).now()): void {
  const moment = db
    .prepare(
      `SELECT id, interaction_id, start_ms, end_ms, turn_seq, comment, author_id, created_at, updated_at
       FROM moments WHERE id = ?`,
    )
    .get(momentId) as MomentRow | undefined;
  if (!moment) return;
  const snapshot: Snapshot = {
    moment,
    tagIds: db
      .prepare('SELECT tag_id FROM moment_tags WHERE moment_id = ? ORDER BY tag_id')
      .pluck()
      .all(momentId) as number[],
    answers: db
      .prepare(
        `SELECT evaluation_id AS evaluationId, item_id AS itemId FROM evaluation_answer_moments
         WHERE moment_id = ? ORDER BY evaluation_id, item_id`,
      )
      .all(momentId) as Snapshot['answers'],
    sessions: db
      .prepare('SELECT session_id AS sessionId, position FROM coaching_moments WHERE moment_id = ?')
      .all(momentId) as Snapshot['sessions'],
    reels: db
      .prepare('SELECT reel_id AS reelId, position FROM reel_moments WHERE moment_id = ?')
      .all(momentId) as Snapshot['reels'],
  };
  db.prepare(
    `INSERT OR REPLACE INTO deleted_moments (moment_id, interaction_id, snapshot, deleted_at) VALUES (?, ?, ?, ?)`,
  ).run(momentId, moment.interaction_id, JSON.stringify(snapshot), deletedAt.toISOString());
}

/**
 * Puts a deleted moment back with its comment, times, author and tags, and its links to evaluation
 * answers, coaching sessions and reels (those that still exist). It keeps its id unless a new moment
 * took it meanwhile; returns the id it has now.
 */
export function restoreMoment(
  db: Db,
  momentId: number,
  now: Date = clockOf(db).now(),
  /** Throws when the caller may not bring this moment back (it is not theirs). */
  mayRestore: (moment: { id: number; authorId: number | null }) => void = () => {},
): number {
  return db.transaction(() => {
    purgeDeletedMoments(db, now);
    const stored = db
      .prepare('SELECT snapshot FROM deleted_moments WHERE moment_id = ?')
      .pluck()
      .get(momentId) as string | undefined;
    if (!stored) {
      throw new EarmarkError(
        'not_found',
        `id: moment ${momentId} cannot be brought back: it was not deleted in the last ${UNDO_WINDOW_MS / 60_000} minutes, or it is back already.`,
      );
    }
    const { moment, tagIds, answers, sessions, reels } = JSON.parse(stored) as Snapshot;
    mayRestore({ id: momentId, authorId: moment.author_id });
    const idFree = !db.prepare('SELECT 1 FROM moments WHERE id = ?').get(moment.id);
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO moments (id, interaction_id, start_ms, end_ms, turn_seq, comment, author_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        idFree ? moment.id : null,
        moment.interaction_id,
        moment.start_ms,
        moment.end_ms,
        moment.turn_seq,
        moment.comment,
        moment.author_id,
        moment.created_at,
        moment.updated_at,
      );
    const id = Number(lastInsertRowid);
    const tag = db.prepare('INSERT INTO moment_tags (moment_id, tag_id) SELECT ?, id FROM tags WHERE id = ?');
    for (const tagId of tagIds) tag.run(id, tagId);
    const answer = db.prepare(
      `INSERT OR IGNORE INTO evaluation_answer_moments (evaluation_id, item_id, moment_id)
       SELECT evaluation_id, item_id, ? FROM evaluation_answers WHERE evaluation_id = ? AND item_id = ?`,
    );
    for (const link of answers) answer.run(id, link.evaluationId, link.itemId);
    const session = db.prepare(
      `INSERT OR IGNORE INTO coaching_moments (session_id, moment_id, position)
       SELECT id, ?, ? FROM coaching_sessions WHERE id = ?`,
    );
    for (const link of sessions) session.run(id, link.position, link.sessionId);
    const reel = db.prepare(
      'INSERT OR IGNORE INTO reel_moments (reel_id, moment_id, position) SELECT id, ?, ? FROM reels WHERE id = ?',
    );
    for (const link of reels) reel.run(id, link.position, link.reelId);
    db.prepare('DELETE FROM deleted_moments WHERE moment_id = ?').run(momentId);
    return id;
  })();
}

/** Forgets deleted moments older than the undo window; returns how many. */
export function purgeDeletedMoments(db: Db, now: Date = clockOf(db).now()): number {
  const before = new Date(now.getTime() - UNDO_WINDOW_MS).toISOString();
  return db.prepare('DELETE FROM deleted_moments WHERE deleted_at < ?').run(before).changes;
}
