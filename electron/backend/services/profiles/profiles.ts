import type {
  ProfileList,
  ReviewerProfile,
  ReviewerRef,
  ReviewerRole,
} from '../../../../shared/api/methods/profiles';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { readSetting, writeSetting } from '../settings';

/** The settings key of the profile this workstation works as. */
const CURRENT_KEY = 'profile.current';

interface ProfileRow {
  id: number;
  name: string;
  role: ReviewerRole;
  created_at: string;
}

const toProfile = (row: ProfileRow): ReviewerProfile => ({
  id: row.id,
  name: row.name,
  role: row.role,
  createdAt: row.created_at,
});

function getProfile(db: Db, id: number, field = 'id'): ReviewerProfile {
  const row = db.prepare('SELECT * FROM reviewer_profiles WHERE id = ?').get(id) as ProfileRow | undefined;
  if (!row) throw new EarmarkError('not_found', `${field}: there is no reviewer profile with id ${id}.`);
  return toProfile(row);
}

/** The reviewer a write is made as; refused when the profile does not exist. */
export function reviewerOf(db: Db, reviewerId: number): ReviewerRef {
  const { id, name, role } = getProfile(db, reviewerId, 'reviewerId');
  return { id, name, role };
}

export function listProfiles(db: Db): ProfileList {
  const rows = db
    .prepare('SELECT * FROM reviewer_profiles ORDER BY name COLLATE NOCASE, id')
    .all() as ProfileRow[];
  const saved = Number(readSetting(db, CURRENT_KEY));
  return {
    profiles: rows.map(toProfile),
    currentId: rows.some((row) => row.id === saved) ? saved : null,
  };
}

function assertNameFree(db: Db, name: string, exceptId: number | null): void {
  const clash = db
    .prepare('SELECT id FROM reviewer_profiles WHERE name = ? COLLATE NOCASE AND id IS NOT ?')
    .get(name, exceptId);
  if (clash) throw new EarmarkError('conflict', `name: there is already a profile named "${name}".`);
}

export function createProfile(db: Db, name: string, role: ReviewerRole): ReviewerProfile {
  return db.transaction(() => {
    assertNameFree(db, name, null);
    const { lastInsertRowid } = db
      .prepare('INSERT INTO reviewer_profiles (name, role, created_at) VALUES (?, ?, ?)')
      .run(name, role, new Date().toISOString());
    const id = Number(lastInsertRowid);
    writeSetting(db, CURRENT_KEY, String(id));
    return getProfile(db, id);
  })();
}

export function updateProfile(
  db: Db,
  changes: { id: number; name?: string | undefined; role?: ReviewerRole | undefined },
): ReviewerProfile {
  return db.transaction(() => {
    const current = getProfile(db, changes.id);
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

export function selectProfile(db: Db, id: number): ProfileList {
  return db.transaction(() => {
    getProfile(db, id);
    writeSetting(db, CURRENT_KEY, String(id));
    return listProfiles(db);
  })();
}
