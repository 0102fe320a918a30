import type { CoachingNote } from '../../../../shared/api/methods/coaching';
import { EarmarkError } from '../../../../shared/errors';
import type { MaybeActingRequest, ProfileSession, Sealed } from '../../context';
import { sql } from 'kysely';
import type { Database } from '../../db/database';
import { prepared } from '../../db/prepared';
import type { Query } from '../../db/schema';
import { actingAs } from '../../request';
import { clockOf, nowIso } from '../../clock';
import { editConflict } from '../edit-conflict';
import { LostNoteKey } from '../../privacy/team-note-key';

/**
 * Coaching notes. A shared note is plain text every profile reads. A private note is sealed with its
 * author's key before it reaches the database (body NULL, nonce + ciphertext: the table's CHECK allows
 * nothing else), opened only for its author, and left out for everybody else without a trace: not
 * listed, not counted, and writing one does not even touch the session's `updated_at`.
 *
 * Its text never goes anywhere else: no search index, no log line, no error message (every message
 * here names notes by id only), no export.
 */

type NoteRow = Awaited<ReturnType<ReturnType<typeof selectNotes>['executeTakeFirstOrThrow']>>;

const selectNotes = (q: Query) =>
  q
    .selectFrom('coaching_notes as n')
    .innerJoin('reviewer_profiles as p', 'p.id', 'n.author_id')
    // Named, not `n.*`: a named statement (db/prepared.ts) fails once a migration adds a column.
    .select([
      'n.id',
      'n.session_id',
      'n.author_id',
      'n.private',
      'n.body',
      'n.nonce',
      'n.ciphertext',
      'n.created_at',
      'n.updated_at',
      'n.version',
      'p.name as author_name',
      'p.role as author_role',
    ]);

/**
 * What a private note's ciphertext is bound to (authenticated, not stored): its session, its author and
 * its own row. A ciphertext copied onto another note, moved to another session or re-attributed to
 * another profile fails its check ('tampered') instead of showing up there.
 *
 * The row id is part of it, so the id must be known before the row is written (the CHECK forbids a
 * private row without ciphertext, so there is no insert-then-seal). So the id is reserved first: on
 * PostgreSQL from the table's own identity sequence (unique across servers, never handed out again);
 * on SQLite as max(id) + 1 inside the insert's transaction, where the workstation is the one writer (a
 * clash could only fail the insert, never bind a ciphertext to the wrong row).
 *
 * On SQLite max(id) + 1 can hand out the id of a deleted last note again. That gives nobody anything new: putting
 * the old ciphertext back into the new row is the same as restoring an old copy of the row, which no
 * binding can prevent for someone who can write the database file; and only the author can open either.
 */
export const noteAad = (sessionId: number, authorId: number, noteId: number) =>
  `earmark:coaching-note:v1:${sessionId}:${authorId}:${noteId}`;

// A note's save runs these on every call: compiled once (see db/prepared).
const sessionById = prepared((q, p: { id: number }) =>
  q.selectFrom('coaching_sessions').select('id').where('id', '=', p.id),
);
const noteById = prepared((q, p: { id: number }) => selectNotes(q).where('n.id', '=', p.id));
const nextNoteIdOnSqlite = prepared((q) =>
  q.selectFrom('coaching_notes').select(sql<number>`coalesce(max(id), 0) + 1`.as('id')),
);
const nextNoteIdOnPostgres = prepared((q) =>
  q.selectNoFrom(sql<number>`nextval(pg_get_serial_sequence('coaching_notes', 'id'))::int8`.as('id')),
);
type NoteValues = { session_id: number; author_id: number; created_at: string; updated_at: string };
const insertSharedNote = prepared((q, p: NoteValues & { body: string }) =>
  q
    .insertInto('coaching_notes')
    .values({
      session_id: p.session_id,
      author_id: p.author_id,
      private: 0,
      body: p.body,
      created_at: p.created_at,
      updated_at: p.updated_at,
    })
    .returning('id'),
);
const insertPrivateNote = prepared((q, p: NoteValues & { id: number; nonce: Buffer; ciphertext: Buffer }) =>
  q.insertInto('coaching_notes').values({
    id: p.id,
    session_id: p.session_id,
    author_id: p.author_id,
    private: 1,
    nonce: p.nonce,
    ciphertext: p.ciphertext,
    created_at: p.created_at,
    updated_at: p.updated_at,
  }),
);

async function assertSession(q: Query, sessionId: number): Promise<void> {
  const [row] = (await sessionById(q, { id: sessionId })).rows;
  if (!row) {
    throw new EarmarkError('not_found', `sessionId: there is no coaching session with id ${sessionId}.`);
  }
}

async function noteRow(q: Query, id: number): Promise<NoteRow> {
  const [row] = (await noteById(q, { id })).rows;
  if (!row) throw new EarmarkError('not_found', `id: there is no coaching note with id ${id}.`);
  return row;
}

/**
 * The note as its reader gets it. Callers have checked that a private note is the reader's own; opening
 * it checks that again (the session refuses anybody but the unlocked author) and its integrity.
 */
function toNote(profiles: ProfileSession, readerId: number | null, row: NoteRow): CoachingNote {
  let body: string;
  if (row.private === 1) {
    const sealed: Sealed = {
      nonce: row.nonce ? Buffer.from(row.nonce) : Buffer.alloc(0),
      ciphertext: row.ciphertext ? Buffer.from(row.ciphertext) : Buffer.alloc(0),
    };
    body = profiles.open(
      readerId,
      { id: row.author_id, name: row.author_name },
      sealed,
      noteAad(row.session_id, row.author_id, row.id),
      row.updated_at,
    );
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
    version: Number(row.version),
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

/**
 * Shared notes and the reader's own private notes, oldest first. On a team server, a private note of
 * theirs sealed with the key an administrator's password reset took away is left out: nobody can read
 * it, and it must not take the session's other notes with it (coaching.noteGet says why).
 */
export async function listNotes(
  q: Query,
  profiles: ProfileSession,
  request: MaybeActingRequest,
  sessionId: number,
): Promise<CoachingNote[]> {
  await assertSession(q, sessionId);
  const rows = await selectNotes(q).where('n.session_id', '=', sessionId).orderBy('n.id').execute();
  const reader = privateReader(request, (id) =>
    rows.some((row) => row.private === 1 && row.author_id === id),
  );
  return rows
    .filter((row) => row.private === 0 || row.author_id === reader)
    .flatMap((row) => {
      try {
        return [toNote(profiles, reader, row)];
      } catch (error) {
        if (error instanceof LostNoteKey) return [];
        throw error;
      }
    });
}

const notYours = (id: number) =>
  new EarmarkError(
    'not_allowed',
    `Coaching note ${id} is another reviewer's private note: only its author can open it.`,
  );

export async function getNote(
  q: Query,
  profiles: ProfileSession,
  request: MaybeActingRequest,
  id: number,
): Promise<CoachingNote> {
  const row = await noteRow(q, id);
  let reader = request.actorId;
  if (row.private === 1) {
    reader = privateReader(request, (profileId) => profileId === row.author_id);
    if (reader !== row.author_id) throw notYours(id);
  }
  return toNote(profiles, reader, row);
}

/** The id a private note will have, taken before its row is written (see noteAad). */
async function reserveNoteId(database: Database, trx: Query): Promise<number> {
  const next = database.engine === 'postgres' ? nextNoteIdOnPostgres : nextNoteIdOnSqlite;
  const [row] = (await next(trx, {})).rows;
  return Number(row!.id);
}

/** A private note needs the acting profile's passphrase and unlocked key: sealing refuses otherwise. */
export async function addNote(
  database: Database,
  profiles: ProfileSession,
  authorId: number,
  params: { sessionId: number; body: string; private: boolean },
): Promise<CoachingNote> {
  const id = await database.transaction(async (trx) => {
    await assertSession(trx, params.sessionId);
    const at = nowIso(database);
    const note = { session_id: params.sessionId, author_id: authorId, created_at: at, updated_at: at };
    if (!params.private) {
      const [row] = (await insertSharedNote(trx, { ...note, body: params.body })).rows;
      return row!.id;
    }
    const noteId = await reserveNoteId(database, trx);
    const sealed = profiles.seal(authorId, params.body, noteAad(params.sessionId, authorId, noteId));
    await insertPrivateNote(trx, { ...note, id: noteId, nonce: sealed.nonce, ciphertext: sealed.ciphertext });
    return noteId;
  });
  return getNote(database.query, profiles, actingAs(authorId), id);
}

/** The author's own note, or `not_allowed`: nobody edits or deletes what another reviewer wrote. */
async function ownNote(q: Query, actorId: number, id: number): Promise<NoteRow> {
  const row = await noteRow(q, id);
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
export async function updateNote(
  database: Database,
  profiles: ProfileSession,
  actorId: number,
  params: { id: number; body: string; version?: number | undefined },
): Promise<CoachingNote> {
  await database.transaction(async (trx) => {
    const row = await ownNote(trx, actorId, params.id);
    const at = nowIso(database);
    const sealed =
      row.private === 1
        ? profiles.seal(actorId, params.body, noteAad(row.session_id, row.author_id, row.id))
        : null;
    // Written only on the version the edit was made on (when the editor says which), counted up in
    // the same statement: an edit from an older version writes nothing.
    let update = trx
      .updateTable('coaching_notes')
      .set((eb) => ({
        ...(sealed ? { nonce: sealed.nonce, ciphertext: sealed.ciphertext } : { body: params.body }),
        updated_at: at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', row.id);
    if (params.version !== undefined) update = update.where('version', '=', params.version);
    const result = await update.executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      const now = await noteRow(trx, row.id);
      throw editConflict('this note', { by: now.author_name, at: now.updated_at }, clockOf(database).now());
    }
  });
  return getNote(database.query, profiles, actingAs(actorId), params.id);
}

export async function deleteNote(database: Database, actorId: number, id: number): Promise<{ id: number }> {
  return database.transaction(async (trx) => {
    await ownNote(trx, actorId, id);
    await trx.deleteFrom('coaching_notes').where('id', '=', id).execute();
    return { id };
  });
}
