import type { ProfileList, ReviewerProfile, ReviewerRole } from '../../../../shared/api/methods/profiles';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { passphraseProfileIds } from '../../privacy/key-store';
import type { WorkstationSession } from '../../privacy/session';
import { readSetting, writeSetting } from '../settings';
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

function getProfile(db: Db, id: number, field = 'id'): ReviewerProfile {
  const row = db.prepare('SELECT * FROM reviewer_profiles WHERE id = ?').get(id) as ProfileRow | undefined;
  if (!row) throw new EarmarkError('not_found', `${field}: there is no reviewer profile with id ${id}.`);
  return toProfile(row, passphraseProfileIds(db).has(id));
}

/** A profile's name for messages; `not_found` when there is no such profile. */
export function profileNameOf(db: Db, id: number): string {
  return getProfile(db, id).name;
}

/** The refusal of acting as a passphrase profile that is not unlocked. */
export const profileLocked = (name: string) =>
  new EarmarkError('locked', `Profile ${name} is locked: enter its passphrase.`);

/** The profile this workstation works as (the saved setting), or null when none is chosen or it is gone. */
export function currentProfileId(db: Db): number | null {
  const saved = Number(readSetting(db, CURRENT_KEY));
  if (!Number.isSafeInteger(saved) || saved <= 0) return null;
  return db.prepare('SELECT 1 FROM reviewer_profiles WHERE id = ?').get(saved) ? saved : null;
}

/** Saves the current profile; only the session calls this, as it also decides what is unlocked. */
export function writeCurrentProfile(db: Db, id: number): void {
  writeSetting(db, CURRENT_KEY, String(id));
}

export function listProfiles(db: Db, session: WorkstationSession): ProfileList {
  const rows = db
    .prepare('SELECT * FROM reviewer_profiles ORDER BY name COLLATE NOCASE, id')
    .all() as ProfileRow[];
  const locked = passphraseProfileIds(db);
  return {
    profiles: rows.map((row) => toProfile(row, locked.has(row.id))),
    currentId: currentProfileId(db),
    currentLocked: session.currentLocked(),
    keyProtection: session.keyProtection(),
  };
}

function assertNameFree(db: Db, name: string, exceptId: number | null): void {
  const clash = db
    .prepare('SELECT id FROM reviewer_profiles WHERE name = ? COLLATE NOCASE AND id IS NOT ?')
    .get(name, exceptId);
  if (clash) throw new EarmarkError('conflict', `name: there is already a profile named "${name}".`);
}

/** Creates a profile and makes it the current one (which locks a profile that was unlocked). */
export function createProfile(
  db: Db,
  session: WorkstationSession,
  name: string,
  role: ReviewerRole,
): ReviewerProfile {
  const id = db.transaction(() => {
    assertNameFree(db, name, null);
    const { lastInsertRowid } = db
      .prepare('INSERT INTO reviewer_profiles (name, role, created_at) VALUES (?, ?, ?)')
      .run(name, role, nowIso(db));
    return Number(lastInsertRowid);
  })();
  session.created(id);
  return getProfile(db, id);
}

/**
 * Renames or changes the role. A passphrase profile only as itself (`locked` otherwise), so nobody at
 * the workstation renames a locked colleague; one without a passphrase is anybody's to correct.
 */
export function updateProfile(
  db: Db,
  actorId: number | null,
  changes: { id: number; name?: string | undefined; role?: ReviewerRole | undefined },
): ReviewerProfile {
  return db.transaction(() => {
    const current = getProfile(db, changes.id);
    if (current.hasPassphrase && actorId !== current.id) {
      throw profileLocked(current.name);
    }
    const name = changes.name ?? current.name;
    if (changes.name !== undefined) assertNameFree(db, name, current.id);
    db.prepare('UPDATE reviewer_profiles SET name = ?, role = ? WHERE id = ?').run(
      name,
      changes.role ?? current.role,
      current.id,
    );
    return getProfile(db, current.id);
  })();
}
