import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteMigrations } from '../../../electron/backend/db/migrations';
import { DATABASE_FILE, openDatabase } from '../../../electron/backend/db/open';
import { sqliteDatabase } from '../../../electron/backend/db/sqlite/database';
import { repoRoot, tempDir } from '../../support/paths';

/**
 * The SQLite migrations moved to migrations/sqlite/ with their numbers and texts unchanged: every
 * workstation's database records their hashes, and one that differs would refuse to open.
 */
const PUBLISHED: Record<number, string> = {
  1: 'f9afe259e77dee19e01972e6e4fabbf34c04f2194d564fba57eb26d17c28a6b9',
  2: '2d7d0926baaddb352f1de994f7f79bbfaa4f3c839a1c13eb653d51959f97f6da',
  3: '895ee2d4bf1c7c0ca34b4f481f25bd89d2daf8b25ff010c417abc380a367ae9b',
  4: '1285a297c1bc7bc26354ba113c79b5896b287fe5c3d434d3c793b1967211b159',
  5: '0231d9152da6870ada029f8c04f8d93756802c55613c191f1fc5e6b05d9f1f47',
  6: '56a5f943cc92e45b2ba594933600146a01d59125c70ddf4c33c25f98c3493dcf',
  7: 'd652f66af76d5be4ea9c1f3570e84b3a8477948e7f88510dc1e863d407ed0bcd',
  8: '07f3aa521298badb0485f3c10ea6f196c451990096b7c4be04fdec684ede5972',
  9: '5b15698c2cec955054f9d4723683b60c6d6e1e53be6d45b2f0aac3e314b6e0dc',
  10: '2a98e48aa60ff69e88088a9d11c8d33e81f121728fd6c2d071ecc7cbb564ff81',
  11: '9271682125675a752a395a0696ea241319c17e8b9b00d047d4148e0f5c38d4c0',
  12: '3e4f61258ffdaf58b0acd0d6ba6ba4b05a1733ac4048cbe2014973a5fd0d75ba',
};

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

describe('databases written before the query layer', () => {
  it('keeps every published SQLite migration byte for byte', () => {
    for (const m of sqliteMigrations.filter((m) => m.version in PUBLISHED)) {
      expect(createHash('sha256').update(m.sql).digest('hex'), m.name).toBe(PUBLISHED[m.version]);
    }
  });

  it('opens a database made by the previous release (schema 12) as it is, and the layer reads it', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const fixture = join(repoRoot, 'test', 'fixtures', 'databases', 'made-by-schema-12.sqlite.gz');
    writeFileSync(join(dir, DATABASE_FILE), gunzipSync(readFileSync(fixture)));
    const db = await openDatabase(dir);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(sqliteMigrations.at(-1)!.version);
      const database = sqliteDatabase(db);
      const agent = await database.query
        .selectFrom('agents')
        .innerJoin('teams', 'teams.id', 'agents.team_id')
        .select(['agents.name', 'teams.name as team'])
        .executeTakeFirstOrThrow();
      expect(agent).toEqual({ name: 'Anna Müller', team: 'Nord' });
      const found = db
        .prepare("SELECT rowid FROM segments_fts WHERE segments_fts MATCH 'gruss OR gruß'")
        .pluck()
        .all();
      expect(found).toHaveLength(1);
    } finally {
      db.close();
    }
  });
});
