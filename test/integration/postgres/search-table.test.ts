import type pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postgresMigrations } from '../../../electron/backend/db/migrations';
import { createPool, openPostgres } from '../../../electron/backend/db/postgres/database';
import { freshPostgresUrl } from '../../support/engines';

/**
 * PostgreSQL keeps the search documents in a narrow table of their own (migration 026), which must
 * follow `segments` as the generated column did: every insert, change and removal of segments, by
 * whatever writes them, with documents stored before the migration carried over.
 */
const BEFORE = postgresMigrations.findIndex((m) => m.name === '026-search-table');
let pool: pg.Pool;
beforeAll(async () => {
  expect(BEFORE).toBeGreaterThan(0);
  const url = await freshPostgresUrl();
  await (await openPostgres(url, { migrations: postgresMigrations.slice(0, BEFORE) })).close();
  pool = createPool(url, 2);
  await pool.query(`
    INSERT INTO interactions (id, kind, title, source) VALUES (1, 'chat', 'A', 't'), (2, 'chat', 'B', 't');
    INSERT INTO segments (interaction_id, seq, speaker, text) VALUES
      (1, 0, 'customer', 'Herr Müller möchte seine Rechnung ändern'), (1, 1, 'agent', 'Gerne, Herr Müller');`);
  await (await openPostgres(url)).close();
});
afterAll(async () => pool?.end());

/** Each segment's document, and whether it is the one its text gives, in segment order. */
async function documents() {
  const { rows } = await pool.query<{ interaction: string; seq: string; same: boolean }>(
    `SELECT g.interaction_id AS interaction, g.seq,
            s.search_document = to_tsvector('earmark_search', earmark_search_words(g.text)) AS same
       FROM segments g FULL JOIN segment_search s ON s.segment_id = g.id AND s.interaction_id = g.interaction_id
      ORDER BY g.interaction_id, g.seq`,
  );
  return rows.map((row) => `${row.interaction}/${row.seq}: ${row.same}`);
}

async function found(query: string): Promise<string[]> {
  const { rows } = await pool.query<{ interaction_id: string }>(
    `SELECT DISTINCT interaction_id FROM segment_search
      WHERE search_document @@ to_tsquery('earmark_search', earmark_fold($1)) ORDER BY 1`,
    [query],
  );
  return rows.map((row) => String(row.interaction_id));
}

it('carries over the documents stored before the migration', async () => {
  expect(await documents()).toEqual(['1/0: true', '1/1: true']);
  expect(await found('muller')).toEqual(['1']);
  const { rows } = await pool.query(
    "SELECT 1 FROM information_schema.columns WHERE table_name = 'segments' AND column_name = 'search_document'",
  );
  expect(rows).toEqual([]);
});

it('indexes segments as they are added, changed and removed', async () => {
  await pool.query(`INSERT INTO segments (interaction_id, seq, speaker, text) VALUES
    (2, 0, 'customer', 'Lasku on myöhässä'), (2, 1, 'agent', 'Hyvitys tulee')`);
  expect(await documents()).toEqual(['1/0: true', '1/1: true', '2/0: true', '2/1: true']);
  expect(await found('myohassa')).toEqual(['2']);

  await pool.query(`UPDATE segments SET text = 'Rückerstattung heute' WHERE interaction_id = 1 AND seq = 1`);
  expect(await documents()).toEqual(['1/0: true', '1/1: true', '2/0: true', '2/1: true']);
  expect(await found('ruckerstattung')).toEqual(['1']);

  // Removing an interaction removes its segments (ON DELETE CASCADE), and so their documents.
  await pool.query('DELETE FROM interactions WHERE id = 1');
  expect(await documents()).toEqual(['2/0: true', '2/1: true']);
  expect(await found('muller')).toEqual([]);

  await pool.query('TRUNCATE segments');
  expect(await documents()).toEqual([]);
});

it('keeps on segments only the btrees a PostgreSQL query reads (by id; by interaction and number)', async () => {
  // segments_interaction_of served the search on segments itself; since 026 it only cost each import (027).
  const { rows } = await pool.query<{ indexdef: string }>(
    "SELECT indexdef FROM pg_indexes WHERE tablename = 'segments' ORDER BY indexname",
  );
  expect(rows.map((row) => row.indexdef.replace(/^.* USING /, ''))).toEqual([
    'btree (interaction_id, seq)',
    'btree (id)',
  ]);
});

it('computes the documents with the search words inline, the searches with the query folded once (028)', async () => {
  // PostgreSQL copies a SQL function's body into its caller only when it is no more volatile than
  // declared: an IMMUTABLE earmark_fold around the STABLE unaccent() ran as a call of its own per row.
  const plan = async (query: string) => {
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (VERBOSE, COSTS OFF) ${query}`);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  };
  const trigger = await plan(
    "SELECT to_tsvector('earmark_search'::regconfig, earmark_document_words(text)) FROM segments",
  );
  expect(trigger).toMatch(/Output: to_tsvector/);
  expect(trigger).not.toMatch(/earmark_(document_fold|document_words|fold|search_words)/);
  const { rows } = await pool.query<{ body: string }>(
    "SELECT prosrc AS body FROM pg_proc WHERE proname = 'earmark_segments_added'",
  );
  expect(rows[0]!.body).toContain('earmark_document_words(text)');
  // A search's tsquery stays a constant the planner computes once, not an expression per ranked row.
  const search = await plan(
    "SELECT ts_rank(search_document, to_tsquery('earmark_search', earmark_fold('Müller:*'))) FROM segment_search",
  );
  expect(search).toContain("'''muller'':*'::tsquery");

  await pool.query(
    `INSERT INTO segments (interaction_id, seq, speaker, text) VALUES (2, 5, 'agent', 'Grüße, Ärger!')`,
  );
  expect(await documents()).toContain('2/5: true');
  expect(await found('grusse')).toEqual(['2']);
});
