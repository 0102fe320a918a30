import { sql } from 'kysely';
import { HIT_END, HIT_START, type LibraryItem, type SearchHit } from '../../../shared/api';
import type { Query } from '../db/schema';
import {
  SUMMARY_SELECT,
  scoreOf,
  toSummary,
  tsQuery,
  tsRank,
  type LibrarySql,
  type SummaryRow,
  type ViewSearch,
} from './library-view';

/** Words around a hit in a snippet, on both engines. */
const SNIPPET_WORDS = 16;

/**
 * One page of a full-text search, with the total. A common word matches tens of thousands of segments;
 * ranking each and finding each one's interaction is the floor, so everything else is held to the page:
 * the interactions are ordered and counted by id alone, and only the page's rows get their columns,
 * their best segment and its snippet. Outside relevance order nothing is ranked but the page.
 */
export async function searchPage(
  q: Query,
  view: LibrarySql & { search: ViewSearch },
  limit: number,
  offset: number,
): Promise<{ total: number; items: LibraryItem[] }> {
  const { rows: page } = await sql<{
    id: number;
    total: number;
  }>`${view.with} SELECT i.id, count(*) OVER () AS total
       FROM ${view.from} ${view.where} ORDER BY ${view.orderBy} LIMIT ${limit} OFFSET ${offset}`.execute(q);
  const total =
    page[0]?.total ??
    (await sql<{ n: number }>`${view.with} SELECT count(*) AS n FROM ${view.from} ${view.where}`.execute(q))
      .rows[0]!.n;
  const ids = page.map((row) => row.id);
  const rows = await summaries(q, ids);
  const best = await bestSegments(q, view.search, ids);
  const hits = await snippets(q, view.search, [...best.values()]);
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

async function summaries(q: Query, ids: number[]): Promise<Map<number, SummaryRow>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<SummaryRow>`${SUMMARY_SELECT} WHERE i.id IN (${sql.join(ids)})`.execute(q);
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
async function bestSegments(q: Query, search: ViewSearch, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  type Row = { iid: number; seg: number; rank: number };
  const { rows } =
    search.engine === 'sqlite'
      ? await sql<Row>`WITH mine AS MATERIALIZED (SELECT id FROM segments WHERE interaction_id IN (${sql.join(ids)}))
       SELECT s.interaction_id AS iid, f.rowid AS seg, f.rank AS rank
       FROM segments_fts f CROSS JOIN segments s ON s.id = f.rowid
       WHERE segments_fts MATCH ${search.text} AND f.rowid BETWEEN CAST((SELECT min(id) FROM mine) AS INTEGER)
         AND CAST((SELECT max(id) FROM mine) AS INTEGER) AND +f.rowid IN (SELECT id FROM mine)`.execute(q)
      : // The page's own segments, then the match on each: left to itself, PostgreSQL ANDs the
        // interactions' index with the full-text one, reading every match of a common word again
        // (110 ms for a prefix in 61,000 segments) to keep the few hundred of fifty interactions. The
        // match inside CASE is one no index serves, so the segments are read once by interaction and
        // tested where they lie (a MATERIALIZED list of them copied every search vector: 20 % more CPU).
        await sql<Row>`SELECT iid, seg, rank FROM (SELECT s.interaction_id AS iid, s.segment_id AS seg,
           CASE WHEN s.search_document @@ ${tsQuery(search.text)} THEN ${tsRank(search.text)} END AS rank
         FROM segment_search s WHERE s.interaction_id IN (${sql.join(ids)})) page WHERE rank IS NOT NULL`.execute(
          q,
        );
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
async function snippets(q: Query, search: ViewSearch, segmentIds: number[]): Promise<Map<number, SearchHit>> {
  if (segmentIds.length === 0) return new Map();
  type Row = SearchHit & { seg: number };
  if (search.engine === 'sqlite') {
    const { rows } = await sql<Row>`SELECT f.rowid AS seg, s.seq, s.start_ms AS "startMs",
         snippet(segments_fts, 0, ${HIT_START}, ${HIT_END}, '…', ${SNIPPET_WORDS}) AS snippet
       FROM segments_fts f CROSS JOIN segments s ON s.id = f.rowid
       WHERE segments_fts MATCH ${search.text} AND f.rowid BETWEEN CAST(${Math.min(...segmentIds)} AS INTEGER)
         AND CAST(${Math.max(...segmentIds)} AS INTEGER) AND +f.rowid IN (${sql.join(segmentIds)})`.execute(
      q,
    );
    return new Map(rows.map(({ seg, ...hit }) => [seg, hit]));
  }
  const options = `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=${SNIPPET_WORDS}, MinWords=${SNIPPET_WORDS - 1}, ShortWord=0`;
  // The headline reads the text with ASCII punctuation as spaces, as the search column does (migrations
  // 015, 018): PostgreSQL's parser would keep "name@email.com" or "Gilroy.one" whole and mark no word.
  const { rows } = await sql<
    Row & { text: string }
  >`SELECT s.id AS seg, s.seq, s.start_ms AS "startMs", s.text,
       ts_headline('earmark_search', regexp_replace(s.text, ${PUNCTUATION}, ' ', 'g'),
         ${tsQuery(search.text)}, ${options}) AS snippet
     FROM segments s WHERE s.id IN (${sql.join(segmentIds)})`.execute(q);
  const phrase = search.text.includes('<->');
  return new Map(
    rows.map(({ seg, text, snippet, ...hit }) => [
      seg,
      { ...hit, snippet: asSnippet(text, inOriginal(text, snippet), phrase) },
    ]),
  );
}

/** ASCII punctuation, which the search reads as spaces on PostgreSQL, as a regular expression of either. */
const PUNCTUATION = '[!-/:-@[-`{-~]';

/**
 * A headline of the text with punctuation as spaces, given back its punctuation: the translation keeps
 * every character in its place, so the headline's words are the text's at the same offsets.
 */
function inOriginal(text: string, headline: string): string {
  const spaced = text.replace(new RegExp(PUNCTUATION, 'g'), ' ');
  const plain = headline.replaceAll(HIT_START, '').replaceAll(HIT_END, '');
  let at = spaced.indexOf(plain);
  if (at < 0) return headline;
  let restored = '';
  for (let i = 0; i < headline.length; i++) {
    const c = headline[i]!;
    restored += c === HIT_START || c === HIT_END ? c : text[at++];
  }
  return restored;
}

/**
 * A PostgreSQL headline made to read as an FTS5 snippet: an ellipsis where the segment goes on, and a
 * phrase marked as one hit (ts_headline marks its words one by one; FTS5 marks a phrase whole and other
 * words each on their own).
 */
function asSnippet(text: string, headline: string, phrase: boolean): string {
  const marked = phrase ? headline.replaceAll(`${HIT_END} ${HIT_START}`, ' ') : headline;
  const plain = marked.replaceAll(HIT_START, '').replaceAll(HIT_END, '');
  const before = text.trimStart().startsWith(plain) ? '' : '…';
  const after = text.trimEnd().endsWith(plain) ? '' : '…';
  return `${before}${marked}${after}`;
}
