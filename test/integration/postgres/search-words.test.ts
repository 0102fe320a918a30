import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresMigrations } from '../../../electron/backend/db/migrations';
import { createPool, openPostgres } from '../../../electron/backend/db/postgres/database';
import { freshPostgresUrl } from '../../support/engines';

/**
 * Migration 018 swaps the body of earmark_search_words (what the search column reads) for a faster one
 * without rewriting the stored search documents. That is only right if the new body gives exactly the
 * text the old one gave, for every character: otherwise segments imported before it would be found
 * differently from those imported after.
 */
const BEFORE = postgresMigrations.findIndex((m) => m.name === '018-faster-search-words');
const SAMPLES = [
  'Herr Müller (Gilroy.one) schrieb an name@email.com: 1,097.26 € bis 12.03.',
  'Ruf 0800-555-5205 an; Straße «Æsir» — ½ Preis! [Ticket #42] {ok} ~ 100% `quote`',
  "Asiakas kysyi: 'lasku' on myöhässä... /var/log\\x_y^z|w",
];

let pool: pg.Pool;
let url: string;
beforeAll(async () => {
  expect(BEFORE).toBeGreaterThan(0);
  url = await freshPostgresUrl();
  await (await openPostgres(url, { migrations: postgresMigrations.slice(0, BEFORE) })).close();
  pool = createPool(url, 2);
  // Every character of the Basic Multilingual Plane between two letters, and whole sentences, as the
  // old body reads them.
  await pool.query(`
    CREATE TABLE words_before AS
      SELECT g AS code, earmark_search_words('a' || chr(g) || 'b') AS words
        FROM generate_series(1, 65535) g WHERE g NOT BETWEEN 55296 AND 57343`);
  await pool.query(`INSERT INTO interactions (id, kind, title, source) VALUES (1, 'chat', 'A', 't')`);
  for (const [seq, text] of SAMPLES.entries()) {
    await pool.query(
      `INSERT INTO segments (interaction_id, seq, speaker, text) VALUES (1, $1, 'agent', $2)`,
      [seq, text],
    );
  }
  await (await openPostgres(url)).close();
});
afterAll(async () => pool?.end());

describe('the faster word splitting of migration 018', () => {
  it('splits every character as before', async () => {
    const { rows } = await pool.query<{ code: number; before: string; after: string }>(
      `SELECT code, words AS before, earmark_search_words('a' || chr(code) || 'b') AS after
         FROM words_before WHERE words IS DISTINCT FROM earmark_search_words('a' || chr(code) || 'b')`,
    );
    expect(rows).toEqual([]);
    const { rows: count } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM words_before');
    expect(count[0]!.n).toBe(65535 - 2048);
  });

  it('leaves the documents stored before it as they would be stored now', async () => {
    const { rows } = await pool.query<{ seq: number; same: boolean; words: string }>(
      `SELECT seq, search_document = to_tsvector('earmark_search', earmark_search_words(text)) AS same,
              earmark_search_words(text) AS words
         FROM segments JOIN segment_search ON segment_id = id ORDER BY seq`,
    );
    expect(rows.map((row) => row.same)).toEqual([true, true, true]);
    expect(rows[0]!.words).toBe('herr muller  gilroy one  schrieb an name email com  1 097 26 € bis 12 03 ');
  });

  it('finds the words glued by punctuation in segments stored before and after it', async () => {
    await pool.query(`INSERT INTO segments (interaction_id, seq, speaker, text) VALUES (1, 9, 'agent', $1)`, [
      SAMPLES[0],
    ]);
    const { rows } = await pool.query<{ seq: number }>(
      `SELECT seq FROM segments JOIN segment_search ON segment_id = id WHERE search_document @@ to_tsquery('earmark_search', earmark_fold('gilroy & one & muller'))
        ORDER BY seq`,
    );
    expect(rows.map((row) => row.seq)).toEqual([0, 9]);
  });
});
