import { EarmarkError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { KdfParams, type WrappedProfileKey } from './profile-key';
import { nowIso } from '../clock';

/** profile_keys rows: one per profile locked with a passphrase (see migration 005). */
interface KeyRow {
  kdf: 'scrypt';
  kdf_params: string;
  salt: Buffer;
  wrapped_key: Buffer;
  workstation_key_id: string;
}

export function hasPassphrase(db: Db, profileId: number): boolean {
  return db.prepare('SELECT 1 FROM profile_keys WHERE profile_id = ?').get(profileId) !== undefined;
}

/** Ids of the profiles that have a passphrase (for listing many profiles in one query). */
export function passphraseProfileIds(db: Db): Set<number> {
  return new Set(db.prepare('SELECT profile_id FROM profile_keys').pluck().all() as number[]);
}

export function readWrappedKey(db: Db, profileId: number, profileName: string): WrappedProfileKey | null {
  const row = db
    .prepare(
      'SELECT kdf, kdf_params, salt, wrapped_key, workstation_key_id FROM profile_keys WHERE profile_id = ?',
    )
    .get(profileId) as KeyRow | undefined;
  if (!row) return null;
  const params = KdfParams.safeParse(safeJson(row.kdf_params));
  if (!params.success) {
    throw new EarmarkError('tampered', `The stored key settings of ${profileName} were altered or damaged.`);
  }
  return {
    kdfParams: params.data,
    salt: row.salt,
    wrappedKey: row.wrapped_key,
    workstationKeyId: row.workstation_key_id,
  };
}

/** Inserts or replaces the profile's wrapped key (a new passphrase keeps created_at). */
export function writeWrappedKey(db: Db, profileId: number, wrapped: WrappedProfileKey): void {
  const at = nowIso(db);
  db.prepare(
    `INSERT INTO profile_keys (profile_id, kdf, kdf_params, salt, wrapped_key, workstation_key_id, created_at, updated_at)
     VALUES (?, 'scrypt', ?, ?, ?, ?, ?, ?)
     ON CONFLICT(profile_id) DO UPDATE SET kdf_params = excluded.kdf_params, salt = excluded.salt,
       wrapped_key = excluded.wrapped_key, workstation_key_id = excluded.workstation_key_id,
       updated_at = excluded.updated_at`,
  ).run(
    profileId,
    JSON.stringify(wrapped.kdfParams),
    wrapped.salt,
    wrapped.wrappedKey,
    wrapped.workstationKeyId,
    at,
    at,
  );
}

/** Names of the profiles whose keys were wrapped with a workstation key other than `keyId` (or any, when null). */
export function profilesLockedWithOtherKey(db: Db, keyId: string | null): string[] {
  return db
    .prepare(
      `SELECT p.name FROM profile_keys k JOIN reviewer_profiles p ON p.id = k.profile_id
       WHERE k.workstation_key_id IS NOT ? ORDER BY p.name COLLATE NOCASE`,
    )
    .pluck()
    .all(keyId) as string[];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
