import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../../electron/backend/db/migrations';
import { openDatabase, type Db } from '../../../electron/backend/db/open';
import { tempDir } from '../../support/paths';

/**
 * A workstation database from before team accounts (schema 015), with a profile that evaluations,
 * rubric versions and private-note keys point at. Migration 016 rebuilds reviewer_profiles to take every
 * role: the profiles keep their ids, everything that points at them still does, and the rebuild runs with
 * foreign keys off but checked before it commits.
 */
const data = tempDir('earmark-team-accounts-migration-');
let db: Db;
const at = '2026-03-01T09:00:00.000Z';
const ids: Record<string, number> = {};

const insert = (target: Db, sql: string, ...values: unknown[]) =>
  Number(target.prepare(sql).run(...values).lastInsertRowid);

beforeAll(async () => {
  const accounts = migrations.find((m) => m.name.endsWith('-team-accounts'))!.version;
  const old = await openDatabase(data.dir, { migrations: migrations.filter((m) => m.version < accounts) });
  old.transaction(() => {
    ids.other = insert(
      old,
      `INSERT INTO reviewer_profiles (name, role, created_at) VALUES ('Ola', 'team_lead', ?)`,
      at,
    );
    ids.maria = insert(
      old,
      `INSERT INTO reviewer_profiles (name, role, created_at) VALUES ('Maria Lind', 'qa_supervisor', ?)`,
      at,
    );
    ids.rubric = insert(
      old,
      `INSERT INTO rubrics (key, name, kind, language, created_by, created_at) VALUES ('r', 'R', 'evaluation', 'en', ?, ?)`,
      ids.maria,
      at,
    );
  })();
  old.close();
  db = await openDatabase(data.dir);
});

afterAll(() => {
  db.close();
  data.cleanup();
});

describe('migration 016 (team accounts) on a workstation database', () => {
  it('keeps every profile with its id, name and role, and what points at them', () => {
    expect(db.prepare('SELECT id, name, role FROM reviewer_profiles ORDER BY id').all()).toEqual([
      { id: ids.other, name: 'Ola', role: 'team_lead' },
      { id: ids.maria, name: 'Maria Lind', role: 'qa_supervisor' },
    ]);
    expect(db.prepare('SELECT created_by FROM rubrics WHERE id = ?').pluck().get(ids.rubric)).toBe(ids.maria);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('takes every role of the programme and still refuses a made-up one', () => {
    for (const role of ['admin', 'qa_manager', 'agent']) {
      insert(
        db,
        `INSERT INTO reviewer_profiles (name, role, created_at) VALUES (?, ?, ?)`,
        `P ${role}`,
        role,
        at,
      );
    }
    expect(() =>
      insert(db, `INSERT INTO reviewer_profiles (name, role, created_at) VALUES ('X', 'owner', ?)`, at),
    ).toThrow(/CHECK constraint failed/);
  });

  it('keeps names unique regardless of case, as before', () => {
    expect(() =>
      insert(
        db,
        `INSERT INTO reviewer_profiles (name, role, created_at) VALUES ('maria lind', 'team_lead', ?)`,
        at,
      ),
    ).toThrow(/UNIQUE/);
  });

  it('still refuses to delete a profile that evaluations or rubrics point at', () => {
    expect(() => db.prepare('DELETE FROM reviewer_profiles WHERE id = ?').run(ids.maria)).toThrow(
      /FOREIGN KEY/,
    );
  });

  it('gives accounts unique usernames regardless of case, one account per agent record', () => {
    insert(
      db,
      `INSERT INTO accounts (profile_id, username, password_hash, created_at, password_changed_at) VALUES (?, 'maria', 'x', ?, ?)`,
      ids.maria,
      at,
      at,
    );
    expect(() =>
      insert(
        db,
        `INSERT INTO accounts (profile_id, username, password_hash, created_at, password_changed_at) VALUES (?, 'MARIA', 'x', ?, ?)`,
        ids.other,
        at,
        at,
      ),
    ).toThrow(/UNIQUE/);
    expect(() =>
      insert(
        db,
        `INSERT INTO team_sessions (token_hash, profile_id, created_at, last_seen_at, expires_at) VALUES ('h', 999, ?, ?, ?)`,
        at,
        at,
        at,
      ),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('the migration runner', () => {
  it('rolls back a migration that would leave a reference dangling, naming the table', async () => {
    const folder = tempDir('earmark-dangling-migration-');
    const broken = [
      ...migrations,
      {
        version: migrations.at(-1)!.version + 1,
        name: '999-dangling',
        sql: `INSERT INTO accounts (profile_id, username, password_hash, created_at, password_changed_at)
              VALUES (4242, 'ghost', 'x', 'now', 'now');`,
      },
    ];
    try {
      await expect(openDatabase(folder.dir, { migrations: broken })).rejects.toThrow(
        /1 row\(s\) of accounts pointing at missing reviewer_profiles rows/,
      );
      const reopened = await openDatabase(folder.dir, { migrations: [] });
      expect(reopened.pragma('user_version', { simple: true })).toBe(0);
      reopened.close();
    } finally {
      folder.cleanup();
    }
  });
});
