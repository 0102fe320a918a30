import { sql } from 'kysely';
import { EarmarkError } from '../../../shared/errors';
import type { Database } from '../db/database';
import type { Query } from '../db/schema';
import { readWrappedKey } from '../privacy/key-store';
import { unwrapProfileKey } from '../privacy/profile-key';
import { openWith, sealWith } from '../privacy/seal';
import { profileKeyAad } from '../privacy/team-note-key';
import { keyFileProtector, workstationKeyId } from '../privacy/workstation-key';
import { passwordHashOf } from '../services/accounts/accounts';
import { openNoteKey } from '../services/accounts/note-key';
import { verifyPassword, type ScryptCost } from '../services/accounts/password-hash';
import { noteAad } from '../services/coaching/notes';
import type { CopyContext } from './copy-history';
import { insertReturningId, mapped, withoutId, type IdMap } from './rows';

/**
 * Coaching notes. A shared note is copied as it is. A private one is opened with its author's
 * workstation key (her passphrase and the workstation's key file) and sealed again with her team note
 * key (her team password), bound to its new row: so only she reads it, after logging in with her team
 * password, as every private note on a team server. Without her passphrase and team password the
 * import cannot do that and leaves her private notes out, saying how many; a later run with them adds
 * them. Neither secret is stored or logged; both keys are wiped when the import ends.
 */

/** What an author gives so her private notes move with her (import-workstation --notes-stdin). */
export interface NoteCredentials {
  /** Her workstation profile's name. */
  readonly profile: string;
  /** Her workstation passphrase. */
  readonly passphrase: string;
  /** Her team account's password. */
  readonly password: string;
}

export interface NoteKeys {
  readonly workstation: Buffer;
  readonly team: Buffer;
}

/**
 * Opens each author's two keys before the import's transaction (each is a scrypt). Wrong secrets are
 * refused with what was wrong, before anything is written.
 */
export async function openAuthorKeys(
  src: Query,
  dataDir: string,
  target: Database,
  credentials: readonly NoteCredentials[],
  profiles: ReadonlyMap<string, { workstationId: number; teamId: number; username: string }>,
  cost: ScryptCost,
  log: (message: string) => void,
): Promise<Map<number, NoteKeys>> {
  const keys = new Map<number, NoteKeys>();
  try {
    for (const given of credentials) {
      const profile = profiles.get(given.profile.toLowerCase());
      if (!profile)
        throw new Error(`--notes-stdin: the workstation has no profile named "${given.profile}".`);
      const wrapped = await readWrappedKey(src, profile.workstationId, given.profile);
      if (!wrapped) continue; // No passphrase on the workstation: she has no private notes there.
      const workstationKey = loadWorkstationKey(dataDir);
      if (wrapped.workstationKeyId !== workstationKeyId(workstationKey)) {
        throw new Error(
          `The private notes of ${given.profile} were locked with another workstation key than ${dataDir}/keys holds.`,
        );
      }
      const workstation = await unwrapProfileKey(
        wrapped,
        given.passphrase,
        workstationKey,
        profileKeyAad(profile.workstationId),
        given.profile,
      ).catch((error: unknown) => {
        if (error instanceof EarmarkError && error.code === 'not_allowed')
          throw new Error(`--notes-stdin: the workstation passphrase of ${given.profile} is not right.`);
        throw error;
      });
      const verified = await verifyPassword(
        given.password,
        await passwordHashOf(target.query, profile.teamId),
      );
      if (!verified.ok) {
        workstation.fill(0);
        throw new Error(`--notes-stdin: the team password of ${profile.username} is not right.`);
      }
      const team = await openNoteKey(target, cost, profile.teamId, given.password, log);
      if (!team) {
        workstation.fill(0);
        throw new Error(
          `--notes-stdin: the team account ${profile.username} may not write private notes (its role), so it cannot hold those of ${given.profile}.`,
        );
      }
      keys.set(profile.workstationId, { workstation, team });
    }
    return keys;
  } catch (error) {
    wipe(keys);
    throw error;
  }
}

export function wipe(keys: Map<number, NoteKeys>): void {
  for (const { workstation, team } of keys.values()) {
    workstation.fill(0);
    team.fill(0);
  }
  keys.clear();
}

function loadWorkstationKey(dataDir: string): Buffer {
  let key: Buffer | null;
  try {
    key = keyFileProtector.load(dataDir);
  } catch (error) {
    throw new Error(`The workstation key of ${dataDir} cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!key)
    throw new Error(`The workstation key is missing from ${dataDir}/keys: private notes cannot be opened.`);
  return key;
}

/** Copies the notes; returns how many private notes of which workstation profile were left out. */
export async function copyNotes(
  c: CopyContext,
  sessions: IdMap,
  keys: ReadonlyMap<number, NoteKeys>,
): Promise<Map<number, number>> {
  const leftOut = new Map<number, number>();
  for (const note of await c.src.selectFrom('coaching_notes').selectAll().orderBy('id').execute()) {
    const sessionId = mapped(sessions, note.session_id, 'coaching session');
    const authorId = mapped(c.profiles, note.author_id, 'profile');
    const found = await c.dst
      .selectFrom('coaching_notes')
      .select('id')
      .where('session_id', '=', sessionId)
      .where('author_id', '=', authorId)
      .where('private', '=', note.private)
      .where('created_at', '=', note.created_at)
      .executeTakeFirst();
    if (found) continue;
    const row = { ...withoutId(note), session_id: sessionId, author_id: authorId };
    if (note.private === 0) {
      await insertReturningId(c.dst, 'coaching_notes', row);
      c.added.notes++;
      continue;
    }
    const key = keys.get(note.author_id);
    if (!key) {
      leftOut.set(note.author_id, (leftOut.get(note.author_id) ?? 0) + 1);
      continue;
    }
    const sealed = { nonce: Buffer.from(note.nonce!), ciphertext: Buffer.from(note.ciphertext!) };
    const body = openWith(
      key.workstation,
      sealed,
      noteAad(note.session_id, note.author_id, note.id),
      'A private note',
    );
    try {
      // The new row's id is part of what the ciphertext is bound to: taken first (coaching/notes.ts).
      const { rows } = await sql<{ id: number }>`
        SELECT nextval(pg_get_serial_sequence('coaching_notes', 'id'))::int8 AS id`.execute(c.dst);
      const id = Number(rows[0]!.id);
      const resealed = sealWith(key.team, body, noteAad(sessionId, authorId, id));
      await c.dst
        .insertInto('coaching_notes')
        .values({ ...row, id, nonce: resealed.nonce, ciphertext: resealed.ciphertext })
        .execute();
      c.added.privateNotes++;
    } finally {
      body.fill(0);
    }
  }
  return leftOut;
}
