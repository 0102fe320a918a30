import type { CoachingNote } from '../../../../shared/api/methods/coaching';
import type { ReviewerRole } from '../../../../shared/api/methods/profiles';
import { EarmarkError } from '../../../../shared/errors';
import type { MaybeActingRequest, ProfileSession, Sealed } from '../../context';
import type { Db } from '../../db/open';
import { actingAs } from '../../request';
import { nowIso } from '../../clock';

/**
 * Coaching notes. A shared note is plain text every profile reads. A private note is sealed with its
 * author's key before it reaches the database (body NULL, nonce + ciphertext: the table's CHECK allows
 * nothing else), opened only for its author, and left out for everybody else without a trace: not
 * listed, not counted, and writing one does not even touch the session's `updated_at`.
 *
 * Its text never goes anywhere else: no search index, no log line, no error message (every message
 * here names notes by id only), no export.
 */

interface NoteRow {
  id: number;
  session_id: number;
  author_id: number;
  author_name: string;
  author_role: ReviewerRole;
  private: 0 | 1;
  body: string | null;
  nonce: Buffer | null;
  ciphertext: Buffer | null;
  created_at: string;
  updated_at: string;
}

const SELECT_NOTES = `SELECT n.*, p.name AS author_name, p.role AS author_role
  FROM coaching_notes n JOIN reviewer_profiles p ON p.id = n.author_id`;

/**
 * What a private note's ciphertext is bound to (authenticated, not stored): its session, its author and
 * its own row. A ciphertext copied onto another note, moved to another session or re-attributed to
 * another profile fails its check ('tampered') instead of showing up there.
 *
 * The row id is part of it, so the id must be known before the row is written (the CHECK forbids a
 * private row without ciphertext, so there is no insert-then-seal). The insert therefore runs in an
 * IMMEDIATE transaction, which holds the database's write lock from its first statement: the next id
 * is read and the row written with that explicit id before any other connection can write, and a
 * clash could only fail the insert (primary key), never bind a ciphertext to the wrong row.
 *
 * max(id) + 1 can hand out the id of a deleted last note again. That gives nobody anything new: putting
 * the old ciphertext back into the new row is the same as restoring an old copy of the row, which no
 * binding can prevent for someone who can write the database file; and only the author can open either.
 */
export const noteAad = (sessionId: number, authorId: number, noteId: number) =>
  `earmark:coaching-note:v1:${sessionId}:${authorId}:${noteId}`;

function assertSession(db: Db, sessionId: number): void {
  if (!db.prepare('SELECT 1 FROM coaching_sessions WHERE id = ?').get(sessionId)) {
    throw new EarmarkError('not_found', `sessionId: there is no coaching session with id ${sessionId}.`);
  }
}

function noteRow(db: Db, id: number): NoteRow {
  const row = db.prepare(`${SELECT_NOTES} WHERE n.id = ?`).get(id) as NoteRow | undefined;
  if (!row) throw new EarmarkError('not_found', `id: there is no coaching note with id ${id}.`);
  return row;
}

/**
 * The note as its reader gets it. Callers have checked that a private note is the reader's own; opening
 * it checks that again (the session refuses anybody but the unlocked author) and its integrity.
 */
function toNote(profiles: ProfileSession, row: NoteRow): CoachingNote {
  let body: string;
  if (row.private === 1) {
    const sealed: Sealed = {
      nonce: row.nonce ?? Buffer.alloc(0),
      ciphertext: row.ciphertext ?? Buffer.alloc(0),
    };
    body = profiles.open(row.author_id, sealed, noteAad(row.session_id, row.author_id, row.id));
  } else {
    body = row.body ?? '';
  }
  return {
    id: row.id,
    sessionId: row.session_id,
    author: { id: row.author_id, name: row.author_name, role: row.author_role },
    private: row.private === 1,
    body,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Who reads private notes now: the acting, unlocked profile, or null. When the current profile is locked
 * and `needed` says it has private notes in view, the reader is asked for the passphrase (`locked`)
 * rather than shown a list that silently lacks their own notes.
 */
function privateReader(request: MaybeActingRequest, needed: (profileId: number) => boolean): number | null {
  if (request.actorId !== null) return request.actorId;
  if (request.lockedProfileId !== null && needed(request.lockedProfileId)) request.actorOrThrow(); // `locked`
  return null;
}

/** Shared notes and the reader's own private notes, oldest first. */
export function listNotes(
  db: Db,
  profiles: ProfileSession,
  request: MaybeActingRequest,
  sessionId: number,
): CoachingNote[] {
  assertSession(db, sessionId);
  const rows = db.prepare(`${SELECT_NOTES} WHERE n.session_id = ? ORDER BY n.id`).all(sessionId) as NoteRow[];
  const reader = privateReader(request, (id) =>
    rows.some((row) => row.private === 1 && row.author_id === id),
  );
  return rows
    .filter((row) => row.private === 0 || row.author_id === reader)
    .map((row) => toNote(profiles, row));
}

const notYours = (id: number) =>
  new EarmarkError(
    'not_allowed',
    `Coaching note ${id} is another reviewer's private note: only its author can open it.`,
  );

export function getNote(
  db: Db,
  profiles: ProfileSession,
  request: MaybeActingRequest,
  id: number,
): CoachingNote {
  const row = noteRow(db, id);
  if (row.private === 1) {
    const reader = privateReader(request, (profileId) => profileId === row.author_id);
    if (reader !== row.author_id) throw notYours(id);
  }
  return toNote(profiles, row);
}

/** A private note needs the acting profile's passphrase and unlocked key: sealing refuses otherwise. */
export function addNote(
  db: Db,
  profiles: ProfileSession,
  authorId: number,
  params: { sessionId: number; body: string; private: boolean },
): CoachingNote {
  const id = db
    .transaction(() => {
      assertSession(db, params.sessionId);
      const at = nowIso(db);
      if (!params.private) {
        const { lastInsertRowid } = db
          .prepare(
            `INSERT INTO coaching_notes (session_id, author_id, private, body, created_at, updated_at)
             VALUES (?, ?, 0, ?, ?, ?)`,
          )
          .run(params.sessionId, authorId, params.body, at, at);
        return Number(lastInsertRowid);
      }
      const noteId = db
        .prepare('SELECT coalesce(max(id), 0) + 1 FROM coaching_notes')
        .pluck()
        .get() as number;
      const sealed = profiles.seal(params.body, noteAad(params.sessionId, authorId, noteId));
      db.prepare(
        `INSERT INTO coaching_notes (id, session_id, author_id, private, nonce, ciphertext, created_at, updated_at)
         VALUES (?, ?, ?, 1, ?, ?, ?, ?)`,
      ).run(noteId, params.sessionId, authorId, sealed.nonce, sealed.ciphertext, at, at);
      return noteId;
    })
    .immediate();
  return getNote(db, profiles, actingAs(authorId), id);
}

/** The author's own note, or `not_allowed`: nobody edits or deletes what another reviewer wrote. */
function ownNote(db: Db, actorId: number, id: number): NoteRow {
  const row = noteRow(db, id);
  if (row.author_id !== actorId) {
    throw row.private === 1
      ? notYours(id)
      : new EarmarkError(
          'not_allowed',
          `Only the author (${row.author_name}) can change coaching note ${id}.`,
        );
  }
  return row;
}

/** A private note is sealed anew (fresh nonce) under the same binding; a shared one stays shared. */
export function updateNote(
  db: Db,
  profiles: ProfileSession,
  actorId: number,
  params: { id: number; body: string },
): CoachingNote {
  db.transaction(() => {
    const row = ownNote(db, actorId, params.id);
    const at = nowIso(db);
    if (row.private === 1) {
      const sealed = profiles.seal(params.body, noteAad(row.session_id, row.author_id, row.id));
      db.prepare('UPDATE coaching_notes SET nonce = ?, ciphertext = ?, updated_at = ? WHERE id = ?').run(
        sealed.nonce,
        sealed.ciphertext,
        at,
        row.id,
      );
    } else {
      db.prepare('UPDATE coaching_notes SET body = ?, updated_at = ? WHERE id = ?').run(
        params.body,
        at,
        row.id,
      );
    }
  })();
  return getNote(db, profiles, actingAs(actorId), params.id);
}

export function deleteNote(db: Db, actorId: number, id: number): { id: number } {
  return db.transaction(() => {
    ownNote(db, actorId, id);
    db.prepare('DELETE FROM coaching_notes WHERE id = ?').run(id);
    return { id };
  })();
}
