import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresMigrations, sqliteMigrations } from '../../../electron/backend/db/migrations';
import { openDatabase, type Db } from '../../../electron/backend/db/open';
import { createPool, openPostgres } from '../../../electron/backend/db/postgres/database';
import { freshPostgresUrl } from '../../support/engines';
import { tempDir } from '../../support/paths';

/**
 * Migration N leaves the same schema on both engines: the same tables, columns, nullability, defaults,
 * storage types, indexes and triggers. A migration added to one engine only fails here.
 */
const SQLITE_TO_POSTGRES: Record<string, string> = {
  INTEGER: 'bigint',
  TEXT: 'text',
  REAL: 'double precision',
  BLOB: 'bytea',
};
/**
 * What only one engine has, by design (see postgres/002, 004, 025 and 026): PostgreSQL's search
 * documents are a table of their own, SQLite's its FTS5 table segments_fts, left out there.
 */
const POSTGRES_ONLY_TABLES = new Set(['segment_search']);
const POSTGRES_ONLY_TRIGGERS = new Set([
  'rubric_versions_not_truncated',
  // segments.interaction_id's key, checked per statement (SQLite keeps its foreign key).
  'segments_added_have_interactions',
  'segments_changed_have_interactions',
  'interactions_deleted_drop_segments',
  'interactions_truncated_truncate_segments',
  'interactions_id_kept_for_segments',
  // Search documents kept in step with their segments (migration 026).
  'segments_searchable_added',
  'segments_searchable_removed',
  'segments_searchable_changed',
  'segments_searchable_emptied',
]);

interface Column {
  table: string;
  name: string;
  type: string;
  notNull: boolean;
  hasDefault: boolean;
}

function sqliteSchema(db: Db) {
  const tables = (
    db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'segments_fts%' ORDER BY name",
      )
      .pluck()
      .all() as string[]
  ).filter((name) => name !== 'schema_migrations');
  const columns: Column[] = tables.flatMap((table) =>
    (
      db.pragma(`table_info("${table}")`) as {
        name: string;
        type: string;
        notnull: number;
        dflt_value: string | null;
        pk: number;
      }[]
    ).map((c) => ({
      table,
      name: c.name,
      type: SQLITE_TO_POSTGRES[c.type] ?? c.type,
      // An INTEGER PRIMARY KEY is the rowid: never null, and an `id` one is filled when left out (an
      // identity on PostgreSQL). One that holds another table's id (profile_keys.profile_id) is always given.
      notNull: c.notnull === 1 || c.pk > 0,
      hasDefault:
        c.dflt_value !== null ||
        (c.pk === 1 && c.name === 'id' && c.type === 'INTEGER' && isRowid(db, table)),
    })),
  );
  const indexes = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name NOT LIKE 'segments_fts%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const triggers = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name NOT LIKE 'segments_fts%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  return { tables, columns, indexes, triggers };
}

function isRowid(db: Db, table: string): boolean {
  const pks = (db.pragma(`table_info("${table}")`) as { pk: number }[]).filter((c) => c.pk > 0);
  const sql = db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(table) as string;
  return pks.length === 1 && !/WITHOUT ROWID/i.test(sql);
}

async function postgresSchema(pool: pg.Pool) {
  const tables = (
    await pool.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY 1",
    )
  ).rows
    .map((row) => row.name)
    .filter((name) => !POSTGRES_ONLY_TABLES.has(name));
  const columns: Column[] = (
    await pool.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
      column_default: string | null;
      is_identity: string;
    }>(
      `SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
        ORDER BY table_name, ordinal_position`,
    )
  ).rows
    .filter((c) => !POSTGRES_ONLY_TABLES.has(c.table_name))
    .map((c) => ({
      table: c.table_name,
      name: c.column_name,
      type: c.data_type,
      notNull: c.is_nullable === 'NO',
      hasDefault: c.column_default !== null || c.is_identity === 'YES',
    }));
  // Indexes made by a PRIMARY KEY or UNIQUE constraint are SQLite's autoindexes: not compared.
  const indexes = (
    await pool.query<{ name: string }>(
      `SELECT indexname AS name FROM pg_indexes i WHERE schemaname = 'public'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
        ORDER BY 1`,
    )
  ).rows.map((row) => row.name);
  const triggers = (
    await pool.query<{ name: string }>(
      `SELECT DISTINCT trigger_name AS name FROM information_schema.triggers
        WHERE trigger_schema = 'public' ORDER BY 1`,
    )
  ).rows
    .map((row) => row.name)
    .filter((name) => !POSTGRES_ONLY_TRIGGERS.has(name));
  return { tables, columns, indexes, triggers };
}

const byName = (columns: Column[]) =>
  [...columns].sort((a, b) => `${a.table}.${a.name}`.localeCompare(`${b.table}.${b.name}`));
/**
 * Indexes PostgreSQL has beside SQLite's: SQLite's column-level NOCASE UNIQUE becomes an index on
 * lower(...), and the search index is the GIN index over segment_search (FTS5's table on SQLite).
 */
const POSTGRES_ONLY_INDEXES = new Set(['teams_name', 'agents_name_team', 'segments_fts']);
/** SQLite's search joins FTS5 to segments through segments_interaction_of; PostgreSQL's needs none (027). */
const SQLITE_ONLY_INDEXES = new Set(['segments_interaction_of']);

const pools: pg.Pool[] = [];
const cleanups: (() => void)[] = [];
afterAll(async () => {
  cleanups.forEach((fn) => fn());
  await Promise.all(pools.map((pool) => pool.end()));
});

describe('the two engines have one schema', () => {
  it('has the same migrations, by number and name', () => {
    expect(postgresMigrations.map((m) => [m.version, m.name])).toEqual(
      sqliteMigrations.map((m) => [m.version, m.name]),
    );
  });

  it('has the same tables, columns, nullability, defaults, types, indexes and triggers', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const db = await openDatabase(dir);
    const lite = sqliteSchema(db);
    db.close();
    const url = await freshPostgresUrl();
    await (await openPostgres(url)).close();
    const pool = createPool(url, 1);
    pools.push(pool);
    const post = await postgresSchema(pool);

    expect(post.tables).toEqual(lite.tables);
    expect(byName(post.columns)).toEqual(byName(lite.columns));
    expect(post.indexes.filter((name) => !POSTGRES_ONLY_INDEXES.has(name))).toEqual(
      lite.indexes.filter((name) => !SQLITE_ONLY_INDEXES.has(name)),
    );
    expect(post.triggers).toEqual(lite.triggers.filter((name) => !name.startsWith('segments_fts')));
  });
});
