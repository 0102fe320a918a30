import { HIT_END, HIT_START, type LibraryItem, type SearchHit } from '../../../shared/api';
import type { Db } from '../db/open';
import {
  SUMMARY_COLUMNS,
  SUMMARY_JOINS,
  scoreOf,
  toSummary,
  type LibraryQuery,
  type SummaryRow,
} from './library-view';

/**
 * One page of a full-text search, with the total. A common word matches tens of thousands of segments;
 * ranking each (bm25) and finding each one's interaction is the floor, so everything else is held to
 * the page: the interactions are ordered and counted by id alone, and only the page's rows get their
 * columns, their best segment and its snippet. Outside relevance order nothing is ranked but the page.
 */
export function searchPage(
  db: Db,
  q: LibraryQuery & { fts: string },
  limit: number,
  offset: number,
): { total: number; items: LibraryItem[] } {
  const page = db
    .prepare(
      `${q.with} SELECT i.id, count(*) OVER () AS total
       FROM ${q.from} ${q.where} ORDER BY ${q.orderBy} LIMIT ? OFFSET ?`,
    )
    .all(...q.args, limit, offset) as { id: number; total: number }[];
  const total =
    page[0]?.total ??
    (db
      .prepare(`${q.with} SELECT count(*) FROM ${q.from} ${q.where}`)
      .pluck()
      .get(...q.args) as number);
  const ids = page.map((row) => row.id);
  const rows = summaries(db, ids);
  const best = bestSegments(db, q.fts, ids);
  const hits = snippets(db, q.fts, [...best.values()]);
  const items = ids.map((id): LibraryItem => {
    const row = rows.get(id)!;
    const segment = best.get(id);
    return {
      ...toSummary(row),
      score: scoreOf(row),
      hit: segment === undefined ? null : (hits.get(segment) ?? null),
    };
  });
  return { total, items };
}

function summaries(db: Db, ids: number[]): Map<number, SummaryRow> {
  const rows = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM interactions i ${SUMMARY_JOINS} WHERE i.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as SummaryRow[];
  return new Map(rows.map((row) => [row.id, row]));
}

// FTS5 honours a rowid bound only when it is an INTEGER, and better-sqlite3 binds JS numbers as REAL,
// so an uncast bound is silently ignored: the search reads the whole index (and `rowid = ?` returns the
// first match of all, which is how snippets used to come from the wrong segment).

/**
 * Each interaction's best segment, the one its snippet shows: the best-ranked, of equals the first. Only
 * these interactions' matches are ranked; the rest of the matches are passed over by id (a page in
 * relevance order has its segments all over the index, so this reads the index once, not per row).
 */
function bestSegments(db: Db, fts: string, ids: number[]): Map<number, number> {
  if (ids.length === 0) return new Map();
  const rows = db
    .prepare(
      `WITH mine AS MATERIALIZED (SELECT id FROM segments WHERE interaction_id IN (SELECT value FROM json_each(?)))
       SELECT s.interaction_id AS iid, f.rowid AS seg, f.rank AS rank
       FROM segments_fts f CROSS JOIN segments s ON s.id = f.rowid
       WHERE segments_fts MATCH ? AND f.rowid BETWEEN CAST((SELECT min(id) FROM mine) AS INTEGER)
         AND CAST((SELECT max(id) FROM mine) AS INTEGER) AND +f.rowid IN (SELECT id FROM mine)`,
    )
    .all(JSON.stringify(ids), fts) as { iid: number; seg: number; rank: number }[];
  const best = new Map<number, { seg: number; rank: number }>();
  for (const row of rows) {
    const current = best.get(row.iid);
    if (!current || row.rank < current.rank || (row.rank === current.rank && row.seg < current.seg)) {
      best.set(row.iid, row);
    }
  }
  return new Map([...best].map(([iid, { seg }]) => [iid, seg]));
}

/**
 * The page's snippets in one statement: a search for a word prefix longer than the index's prefixes
 * merges every matching term's list each time it runs, so one statement per row cost up to 3 ms a row.
 */
function snippets(db: Db, fts: string, segmentIds: number[]): Map<number, SearchHit> {
  if (segmentIds.length === 0) return new Map();
  const rows = db
    .prepare(
      `SELECT f.rowid AS seg, s.seq, s.start_ms AS startMs, snippet(segments_fts, 0, ?, ?, '…', 16) AS snippet
       FROM segments_fts f CROSS JOIN segments s ON s.id = f.rowid
       WHERE segments_fts MATCH ? AND f.rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER) AND +f.rowid IN (SELECT value FROM json_each(?))`,
    )
    .all(
      HIT_START,
      HIT_END,
      fts,
      Math.min(...segmentIds),
      Math.max(...segmentIds),
      JSON.stringify(segmentIds),
    ) as (SearchHit & { seg: number })[];
  return new Map(rows.map(({ seg, ...hit }) => [seg, hit]));
}
