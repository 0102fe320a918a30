import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, openPostgres } from '../../../electron/backend/db/postgres/database';
import { freshPostgresUrl } from '../../support/engines';

/**
 * The PostgreSQL search schema is ready for what the search service needs (its conversion comes later):
 * diacritics folded both ways, prefix, phrase, rank, and a headline marked in the original text.
 */
let pool: pg.Pool;
beforeAll(async () => {
  const url = await freshPostgresUrl();
  await (await openPostgres(url)).close();
  pool = createPool(url, 2);
  await pool.query(`
    INSERT INTO interactions (id, kind, title, source) VALUES (1, 'chat', 'A', 't'), (2, 'chat', 'B', 't'), (3, 'call', 'C', 't');
    INSERT INTO segments (interaction_id, seq, speaker, text) VALUES
      (1, 0, 'customer', 'Herr Müller möchte seine Rechnung ändern'),
      (2, 0, 'agent', 'Asiakas kysyi laskusta: lasku on myöhässä, lasku lasku'),
      (3, 0, 'agent', 'rechnung bitte später, Mueller ruft an');
  `);
});
afterAll(async () => pool?.end());

async function matching(query: string): Promise<number[]> {
  const { rows } = await pool.query<{ interaction_id: number }>(
    `SELECT DISTINCT interaction_id FROM segment_search
      WHERE search_document @@ to_tsquery('earmark_search', earmark_fold($1)) ORDER BY 1`,
    [query],
  );
  return rows.map((row) => row.interaction_id);
}

describe('PostgreSQL full-text search schema', () => {
  it('folds diacritics in the text and in the query (ä = a, ö = o)', async () => {
    expect(await matching('muller')).toEqual([1]);
    expect(await matching('Müller')).toEqual([1]);
    expect(await matching('andern')).toEqual([1]);
    expect(await matching('myohassa')).toEqual([2]);
  });

  it('matches prefixes and phrases', async () => {
    expect(await matching('rech:*')).toEqual([1, 3]);
    expect(await matching('seine <-> rechnung')).toEqual([1]);
    expect(await matching('rechnung <-> seine')).toEqual([]);
  });

  it('ranks and marks the words found in the original text', async () => {
    const { rows } = await pool.query<{ interaction_id: number; rank: number; headline: string }>(
      `SELECT segments.interaction_id, ts_rank(search_document, q) AS rank,
              ts_headline('earmark_search', text, q, 'StartSel=<mark>, StopSel=</mark>') AS headline
         FROM segments JOIN segment_search ON segment_id = id, to_tsquery('earmark_search', earmark_fold($1)) q
        WHERE search_document @@ q ORDER BY rank DESC`,
      ['lasku | muller'],
    );
    expect(rows.map((row) => row.interaction_id)).toEqual([2, 1]);
    expect(rows[1]!.headline).toContain('<mark>Müller</mark>');
  });

  it('searches through a GIN index', async () => {
    const { rows } = await pool.query<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE indexname = 'segments_fts'",
    );
    expect(rows[0]?.indexdef).toMatch(/USING gin \(search_document\)/);
  });
});
