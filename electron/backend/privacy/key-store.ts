import { sql } from 'kysely';
import { EarmarkError } from '../../../shared/errors';
import type { Query } from '../db/schema';
import { KdfParams, type WrappedProfileKey } from './profile-key';

/** profile_keys rows: one per profile locked with a passphrase (see migration 005). */

export async function hasPassphrase(q: Query, profileId: number): Promise<boolean> {
  const row = await q
    .selectFrom('profile_keys')
    .select('profile_id')
    .where('profile_id', '=', profileId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Ids of the profiles that have a passphrase (for listing many profiles in one query). */
export async function passphraseProfileIds(q: Query): Promise<Set<number>> {
  const rows = await q.selectFrom('profile_keys').select('profile_id').execute();
  return new Set(rows.map((row) => row.profile_id));
}

export async function readWrappedKey(
  q: Query,
  profileId: number,
  profileName: string,
): Promise<WrappedProfileKey | null> {
  const row = await q
    .selectFrom('profile_keys')
    .select(['kdf_params', 'salt', 'wrapped_key', 'workstation_key_id'])
    .where('profile_id', '=', profileId)
    .executeTakeFirst();
  if (!row) return null;
  const params = KdfParams.safeParse(safeJson(row.kdf_params));
  if (!params.success) {
    throw new EarmarkError('tampered', `The stored key settings of ${profileName} were altered or damaged.`);
  }
  return {
    kdfParams: params.data,
    salt: Buffer.from(row.salt),
    wrappedKey: Buffer.from(row.wrapped_key),
    workstationKeyId: row.workstation_key_id,
  };
}

/** The profile_keys row of a newly wrapped key. */
const keyRow = (profileId: number, wrapped: WrappedProfileKey, at: string) => ({
  profile_id: profileId,
  kdf: 'scrypt' as const,
  kdf_params: JSON.stringify(wrapped.kdfParams),
  salt: wrapped.salt,
  wrapped_key: wrapped.wrappedKey,
  workstation_key_id: wrapped.workstationKeyId,
  created_at: at,
  updated_at: at,
});

/** Inserts or replaces the profile's wrapped key (a new passphrase keeps created_at). */
export async function writeWrappedKey(
  q: Query,
  profileId: number,
  wrapped: WrappedProfileKey,
  at: string,
): Promise<void> {
  await q
    .insertInto('profile_keys')
    .values(keyRow(profileId, wrapped, at))
    .onConflict((conflict) =>
      conflict.column('profile_id').doUpdateSet((eb) => ({
        kdf_params: eb.ref('excluded.kdf_params'),
        salt: eb.ref('excluded.salt'),
        wrapped_key: eb.ref('excluded.wrapped_key'),
        workstation_key_id: eb.ref('excluded.workstation_key_id'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/**
 * Stores a first wrapped key unless the profile has one already (two first logins at once: the first
 * written is the key, the other is thrown away before it seals anything); whether this one was stored.
 */
export async function insertWrappedKeyIfNone(
  q: Query,
  profileId: number,
  wrapped: WrappedProfileKey,
  at: string,
): Promise<boolean> {
  const result = await q
    .insertInto('profile_keys')
    .values(keyRow(profileId, wrapped, at))
    .onConflict((conflict) => conflict.column('profile_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Forgets a profile's key (a team password reset by an administrator: no one can open it again). */
export async function deleteWrappedKey(q: Query, profileId: number): Promise<void> {
  await q.deleteFrom('profile_keys').where('profile_id', '=', profileId).execute();
}

/** Names of the profiles whose keys were wrapped with a workstation key other than `keyId` (or any, when null). */
export async function profilesLockedWithOtherKey(q: Query, keyId: string | null): Promise<string[]> {
  let query = q
    .selectFrom('profile_keys as k')
    .innerJoin('reviewer_profiles as p', 'p.id', 'k.profile_id')
    .select('p.name');
  if (keyId !== null) query = query.where('k.workstation_key_id', '!=', keyId);
  const rows = await query.orderBy(sql`lower(${sql.ref('p.name')})`).execute();
  return rows.map((row) => row.name);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
