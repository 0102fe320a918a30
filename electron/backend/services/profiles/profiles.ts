import { sql } from 'kysely';
import type { ProfileList, ReviewerProfile, ReviewerRole } from '../../../../shared/api/methods/profiles';
import { EarmarkError } from '../../../../shared/errors';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';
import { passphraseProfileIds } from '../../privacy/key-store';
import type { WorkstationSession } from '../../privacy/session';
import { getSetting, putSetting } from '../settings';
import { nowIso } from '../../clock';

/** The settings key of the profile this workstation works as. */
const CURRENT_KEY = 'profile.current';

interface ProfileRow {
  id: number;
  name: string;
  role: ReviewerRole;
  created_at: string;
}

const toProfile = (row: ProfileRow, hasPassphrase: boolean): ReviewerProfile => ({
  id: row.id,
  name: row.name,
  role: row.role,
  createdAt: row.created_at,
  hasPassphrase,
});

async function getProfile(q: Query, id: number, field = 'id'): Promise<ReviewerProfile> {
  const row = await q
    .selectFrom('reviewer_profiles')
    .select(['id', 'name', 'role', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new EarmarkError('not_found', `${field}: there is no reviewer profile with id ${id}.`);
  const locked = await q
    .selectFrom('profile_keys')
    .select('profile_id')
    .where('profile_id', '=', id)
    .executeTakeFirst();
  return toProfile(row as ProfileRow, locked !== undefined);
}

/** A profile's name for messages; `not_found` when there is no such profile. */
export async function profileNameOf(q: Query, id: number): Promise<string> {
  const row = await q.selectFrom('reviewer_profiles').select('name').where('id', '=', id).executeTakeFirst();
  if (!row) throw new EarmarkError('not_found', `id: there is no reviewer profile with id ${id}.`);
  return row.name;
}

/** The refusal of acting as a passphrase profile that is not unlocked. */
export const profileLocked = (name: string) =>
  new EarmarkError('locked', `Profile ${name} is locked: enter its passphrase.`);

/** The profile this workstation works as (the saved setting), or null when none is chosen or it is gone. */
export async function currentProfileId(q: Query): Promise<number | null> {
  const saved = Number(await getSetting(q, CURRENT_KEY));
  if (!Number.isSafeInteger(saved) || saved <= 0) return null;
  const row = await q.selectFrom('reviewer_profiles').select('id').where('id', '=', saved).executeTakeFirst();
  return row ? saved : null;
}

/**
 * The current profile with what deciding who acts needs (its name for the `locked` message, whether it
 * has a passphrase) in one statement: the dispatch asks it before every call, where three statements
 * (setting, profile, key) were a third of a keystroke's autosave. No row when none is chosen or it is gone.
 * The setting holds `String(id)`, so the id is compared as text (the same on both engines).
 */
export function currentProfileQuery(q: Query) {
  return q
    .selectFrom('settings as s')
    .innerJoin('reviewer_profiles as p', (join) =>
      join.on(sql<string>`cast(${sql.ref('p.id')} as text)`, '=', sql.ref('s.value')),
    )
    .leftJoin('profile_keys as k', 'k.profile_id', 'p.id')
    .select(['p.id', 'p.name', 'k.profile_id as key_profile_id'])
    .where('s.key', '=', CURRENT_KEY);
}

/** Saves the current profile; only the session calls this, as it also decides what is unlocked. */
export async function writeCurrentProfile(q: Query, id: number): Promise<void> {
  await putSetting(q, CURRENT_KEY, String(id));
}

export async function listProfiles(q: Query, session: WorkstationSession): Promise<ProfileList> {
  const rows = (await q
    .selectFrom('reviewer_profiles')
    .select(['id', 'name', 'role', 'created_at'])
    // Profile names are unique without regard to case on both engines; listed the same way.
    .orderBy(sql`lower(${sql.ref('name')})`)
    .orderBy('id')
    .execute()) as ProfileRow[];
  const locked = await passphraseProfileIds(q);
  const currentId = await currentProfileId(q);
  return {
    profiles: rows.map((row) => toProfile(row, locked.has(row.id))),
    currentId,
    currentLocked: session.lockedAmong(currentId, locked),
    keyProtection: session.keyProtection(),
  };
}

/** Refuses (`conflict`) a profile name that is taken regardless of case; team accounts are profiles too. */
export async function assertNameFree(q: Query, name: string, exceptId: number | null): Promise<void> {
  let clash = q
    .selectFrom('reviewer_profiles')
    .select('id')
    .where(sql<boolean>`lower(${sql.ref('name')}) = lower(${name})`);
  if (exceptId !== null) clash = clash.where('id', '!=', exceptId);
  if (await clash.executeTakeFirst())
    throw new EarmarkError('conflict', `name: there is already a profile named "${name}".`);
}

/** Creates a profile and makes it the current one (which locks a profile that was unlocked). */
export async function createProfile(
  database: Database,
  session: WorkstationSession,
  name: string,
  role: ReviewerRole,
): Promise<ReviewerProfile> {
  const id = await database.transaction(async (trx) => {
    await assertNameFree(trx, name, null);
    const row = await trx
      .insertInto('reviewer_profiles')
      .values({ name, role, created_at: nowIso(database) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
  await session.created(id);
  return getProfile(database.query, id);
}

/**
 * Renames or changes the role. A passphrase profile only as itself (`locked` otherwise), so nobody at
 * the workstation renames a locked colleague; one without a passphrase is anybody's to correct.
 */
export async function updateProfile(
  database: Database,
  actorId: number | null,
  changes: { id: number; name?: string | undefined; role?: ReviewerRole | undefined },
): Promise<ReviewerProfile> {
  return database.transaction(async (trx) => {
    const current = await getProfile(trx, changes.id);
    if (current.hasPassphrase && actorId !== current.id) {
      throw profileLocked(current.name);
    }
    const name = changes.name ?? current.name;
    if (changes.name !== undefined) await assertNameFree(trx, name, current.id);
    await trx
      .updateTable('reviewer_profiles')
      .set({ name, role: changes.role ?? current.role })
      .where('id', '=', current.id)
      .execute();
    return getProfile(trx, current.id);
  });
}
