import { mayCall } from '../../../../shared/permissions/roles';
import { EarmarkError } from '../../../../shared/errors';
import { nowIso } from '../../clock';
import type { Database } from '../../db/database';
import { insertWrappedKeyIfNone, readWrappedKey } from '../../privacy/key-store';
import type { WrappedProfileKey } from '../../privacy/profile-key';
import { newNoteKey, noteKdfParams, unwrapWithPassword, wrapWithPassword } from '../../privacy/team-note-key';
import { roleOf } from '../../permissions';
import { profileNameOf } from '../profiles/profiles';
import type { ScryptCost } from './password-hash';

/**
 * A team account's key for private notes (privacy/team-note-key.ts), around login and password
 * changes. Opening and wrapping take one scrypt each: never inside a transaction.
 */

/**
 * The person's note key, opened with the password they have just proved. A first login of someone who
 * may write private notes makes one; someone who may not and has none gets null. Null too when the
 * stored key does not open with the proved password (an inconsistency to log, not a refused login):
 * they work as usual, and their private notes stay shut.
 */
export async function openNoteKey(
  database: Database,
  cost: ScryptCost,
  profileId: number,
  password: string,
  log: (message: string) => void,
): Promise<Buffer | null> {
  const q = database.query;
  const name = await profileNameOf(q, profileId);
  const stored = await readWrappedKey(q, profileId, name);
  if (stored) return opened(stored, password, profileId, name, log);
  if (!mayCall(await roleOf(q, profileId), 'coaching.noteAdd')) return null;
  const key = newNoteKey();
  const wrapped = await wrapWithPassword(key, password, profileId, noteKdfParams(cost));
  if (await insertWrappedKeyIfNone(q, profileId, wrapped, nowIso(database))) return key;
  key.fill(0);
  // Another login of theirs stored one first: that one is the key.
  const winner = await readWrappedKey(q, profileId, name);
  return winner ? opened(winner, password, profileId, name, log) : null;
}

/** The note key wrapped anew for a new password (null: they have none to carry over). */
export async function rewrapNoteKey(
  noteKey: Buffer | null,
  cost: ScryptCost,
  profileId: number,
  next: string,
): Promise<WrappedProfileKey | null> {
  return noteKey ? wrapWithPassword(noteKey, next, profileId, noteKdfParams(cost)) : null;
}

async function opened(
  stored: WrappedProfileKey,
  password: string,
  profileId: number,
  name: string,
  log: (message: string) => void,
): Promise<Buffer | null> {
  try {
    return await unwrapWithPassword(stored, password, profileId, name);
  } catch (error) {
    if (!(error instanceof EarmarkError)) throw error;
    log(
      `[earmark] the private-notes key of team account ${profileId} did not open with its password (${error.code})`,
    );
    return null;
  }
}
