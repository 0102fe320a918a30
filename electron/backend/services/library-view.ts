import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
  type RawBuilder,
} from 'kysely';
import type {
  CustomerRating,
  InteractionKind,
  InteractionSummary,
  LibraryFilters,
  LibraryScore,
  LibrarySort,
} from '../../../shared/api';
import { EarmarkError } from '../../../shared/errors';
import type { Engine } from '../db/database';
import type { Schema } from '../db/schema';
import { toFtsQuery, toTsQuery } from './search-query';
import { agentVisible, type AgentSight } from './viewer';

export interface SummaryRow {
  id: number;
  kind: InteractionKind;
  title: string;
  agent_name: string | null;
  team_name: string | null;
  started_at: string | null;
  duration_ms: number | null;
  direction: 'inbound' | 'outbound' | null;
  queue: string | null;
  customer_ref: string | null;
  customer_rating: CustomerRating | null;
  score_percent: number | null;
  score_outcome: LibraryScore['outcome'] | null;
}

export const SUMMARY_COLUMNS = `i.id, i.kind, i.title, a.name AS agent_name, t.name AS team_name, i.started_at, i.duration_ms,
  i.direction, i.queue, i.customer_ref, i.customer_rating, le.score_percent, le.score_outcome`;
const AGENT_JOIN = 'LEFT JOIN agents a ON a.id = i.agent_id';
// `le` is the interaction's latest submitted evaluation: the one whose score the library shows and filters.
const SCORE_JOIN = `LEFT JOIN evaluations le ON le.id = (SELECT e.id FROM evaluations e
    WHERE e.interaction_id = i.id AND e.state = 'submitted' ORDER BY e.submitted_at DESC, e.id DESC LIMIT 1)`;
export const SUMMARY_JOINS = `${AGENT_JOIN} LEFT JOIN teams t ON t.id = a.team_id ${SCORE_JOIN}`;

/** The summary columns and joins as a fragment of the query layer's raw SQL (the same text on both engines). */
export const SUMMARY_SELECT = sql.raw(`SELECT ${SUMMARY_COLUMNS} FROM interactions i ${SUMMARY_JOINS}`);

/**
 * Only the joins a view's filters and order use: SQLite still runs these LEFT JOINs when nothing reads
 * them (one's ON clause holds a subquery), and a search may order ten thousand interactions to show fifty.
 */
function joinsFor(text: string): string {
  return [/\ba\./.test(text) ? AGENT_JOIN : '', /\ble\./.test(text) ? SCORE_JOIN : ''].join(' ');
}

/**
 * The segments a search matched, each with its interaction. segments_interaction_of maps a segment id
 * to its interaction from a few MB; looking up the segment row instead reads its text too (3x slower
 * for a word in 70,000 segments). CROSS JOIN keeps the full-text scan outermost: driven from the
 * segments, SQLite would run the search once per segment.
 */
export const MATCHED_SEGMENTS = `segments_fts f CROSS JOIN segments s INDEXED BY segments_interaction_of ON s.id = f.rowid`;

/**
 * PostgreSQL's query for the typed text, folded and lowered as the search documents are. Those live in
 * `segment_search` (segment, interaction, tsvector), read as `s`: narrow rows, so the thousands a common
 * word matches sit on fewer pages than in `segments` with their text (migration 026).
 */
export const tsQuery = (text: string) => sql`to_tsquery('earmark_search', earmark_fold(${text}))`;

/**
 * PostgreSQL's rank of a matched segment, turned so that lower is better, as SQLite's bm25 rank is:
 * one order serves both. Normalised by the segment's length (2), as bm25 is, so a short turn that is
 * all about the word outranks a long one that mentions it in passing.
 */
export const tsRank = (text: string) => sql`-ts_rank(s.search_document, ${tsQuery(text)}, 2)`;

// Columns are chosen from this map, never from the request, so ORDER BY stays free of injected SQL.
// Unscored interactions come last either way: a supervisor sorting by score wants scores. Elsewhere a
// missing value sorts as the smallest, as SQLite does by itself; PostgreSQL is told so (it puts NULL
// last going up), and compares names lowered, as SQLite's NOCASE does.
const SORT_COLUMNS: Record<
  Exclude<LibrarySort, 'relevance'>,
  (direction: 'ASC' | 'DESC', engine: Engine) => string
> = {
  startedAt: (d, e) => `i.started_at ${d}${smallestNull(d, e)}`,
  duration: (d, e) => `i.duration_ms ${d}${smallestNull(d, e)}`,
  agent: (d, e) => `${noCase('a.name', e)} ${d}${smallestNull(d, e)}`,
  title: (d, e) => `${noCase('i.title', e)} ${d}${smallestNull(d, e)}`,
  score: (d) => `le.score_percent ${d} NULLS LAST`,
};
const noCase = (column: string, engine: Engine) =>
  engine === 'sqlite' ? `${column} COLLATE NOCASE` : `lower(${column})`;
const smallestNull = (direction: 'ASC' | 'DESC', engine: Engine) =>
  engine === 'sqlite' ? '' : direction === 'ASC' ? ' NULLS FIRST' : ' NULLS LAST';

export function toSummary(row: SummaryRow): InteractionSummary {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    agentName: row.agent_name,
    teamName: row.team_name,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    direction: row.direction,
    queue: row.queue,
  };
}

export const scoreOf = (row: SummaryRow): LibraryScore | null =>
  row.score_outcome ? { percent: row.score_percent, outcome: row.score_outcome } : null;

/** A library view: what the list is narrowed by and how it is ordered (the part of the URL that names it). */
export interface LibraryView {
  filters: LibraryFilters;
  sort?: LibrarySort | undefined;
  order: 'asc' | 'desc';
  /**
   * Whose calls and chats the viewer may see (services/viewer.ts): a team lead's view holds only their
   * teams' agents'. Set by the server from the request, never from the caller's parameters.
   */
  sight?: AgentSight | undefined;
}

/** The text search of a view: the engine's query text (FTS5 MATCH text, or to_tsquery text). */
export interface ViewSearch {
  engine: Engine;
  text: string;
}

/**
 * The SQL of a library view, shared by the list and by next/previous navigation so both always agree on
 * what the view holds and in which order, as fragments of the query layer's raw SQL. `from` names the
 * interaction `i` (and the search `hits`), joined to what the filters and order need of its agent `a`
 * and latest submitted evaluation `le`; select further columns through SUMMARY_JOINS. Null when nothing
 * can match (a search of only punctuation).
 */
export interface LibrarySql {
  with: RawBuilder<unknown>;
  from: RawBuilder<unknown>;
  where: RawBuilder<unknown>;
  orderBy: RawBuilder<unknown>;
  search: ViewSearch | null;
}

export function librarySql(engine: Engine, view: LibraryView): LibrarySql | null {
  const where = filterSql(view.filters);
  if (view.sight) where.push(agentVisible('i.agent_id', view.sight));
  const text = view.filters.text
    ? engine === 'sqlite'
      ? toFtsQuery(view.filters.text)
      : toTsQuery(view.filters.text)
    : null;
  if (view.filters.text && !text) return null; // only punctuation: nothing can match
  const sort = view.sort ?? (text ? 'relevance' : 'startedAt');
  if (sort === 'relevance' && !text) {
    throw new EarmarkError('invalid_params', 'Sorting by relevance needs a search text.');
  }
  const direction = view.order === 'asc' ? 'ASC' : 'DESC';
  const orderBy =
    sort === 'relevance'
      ? `hits.rank ${direction === 'DESC' ? 'ASC' : 'DESC'}, i.id DESC` // lower rank is better
      : `${SORT_COLUMNS[sort](direction, engine)}, i.id ${direction}`;
  const whereSql = where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
  const joins = joinsFor(`${where.map((w) => compileSqlite(w).sql).join(' ')} ${orderBy}`);
  const base = { where: whereSql, orderBy: sql.raw(orderBy) };
  if (!text) return { ...base, with: sql``, from: sql.raw(`interactions i ${joins}`), search: null };
  return {
    ...base,
    with: sql`WITH hits AS (${hitsSql(engine, text, sort === 'relevance')})`,
    from: sql.raw(`hits JOIN interactions i ON i.id = hits.iid ${joins}`),
    search: { engine, text },
  };
}

/** Every interaction the search matches; with its best (lowest) rank when the order needs it. */
function hitsSql(engine: Engine, text: string, ranked: boolean): RawBuilder<unknown> {
  // Only relevance needs each interaction's rank; computing it is most of a search's cost.
  if (engine === 'sqlite') {
    return ranked
      ? sql`SELECT s.interaction_id AS iid, min(f.rank) AS rank FROM ${sql.raw(MATCHED_SEGMENTS)}
         WHERE segments_fts MATCH ${text} GROUP BY s.interaction_id`
      : sql`SELECT DISTINCT s.interaction_id AS iid FROM ${sql.raw(MATCHED_SEGMENTS)} WHERE segments_fts MATCH ${text}`;
  }
  return ranked
    ? sql`SELECT s.interaction_id AS iid, min(${tsRank(text)}) AS rank FROM segment_search s
         WHERE s.search_document @@ ${tsQuery(text)} GROUP BY s.interaction_id`
    : sql`SELECT DISTINCT s.interaction_id AS iid FROM segment_search s WHERE s.search_document @@ ${tsQuery(text)}`;
}

function filterSql(filters: LibraryFilters): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  const ids = (values: readonly (number | string)[]) => sql.join(values);
  if (filters.kind) where.push(sql`i.kind = ${filters.kind}`);
  if (filters.agentIds?.length) where.push(sql`i.agent_id IN (${ids(filters.agentIds)})`);
  if (filters.teamIds?.length) where.push(sql`a.team_id IN (${ids(filters.teamIds)})`);
  if (filters.reviewed !== undefined) {
    where.push(
      sql`${sql.raw(filters.reviewed ? '' : 'NOT ')}EXISTS (SELECT 1 FROM evaluations e WHERE e.interaction_id = i.id AND e.state = 'submitted')`,
    );
  }
  if (filters.tagIds?.length) {
    where.push(
      sql`EXISTS (SELECT 1 FROM moments m JOIN moment_tags mt ON mt.moment_id = m.id
        WHERE m.interaction_id = i.id AND mt.tag_id IN (${ids(filters.tagIds)}))`,
    );
  }
  if (filters.from) where.push(sql`i.started_at >= ${filters.from}`);
  if (filters.to) where.push(sql`i.started_at < ${nextDay(filters.to)}`);
  // A NULL score (no submitted evaluation, or nothing could be earned) fails either comparison.
  if (filters.scoreMin !== undefined) where.push(sql`le.score_percent >= ${filters.scoreMin}`);
  if (filters.scoreMax !== undefined) where.push(sql`le.score_percent <= ${filters.scoreMax}`);
  if (filters.outcomes?.length) where.push(sql`le.score_outcome IN (${ids(filters.outcomes)})`);
  return where;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

// Compiles fragments to SQLite's text without a connection, so joinsFor can see which tables they name.
const sqliteCompiler = new Kysely<Schema>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});
const compileSqlite = (fragment: RawBuilder<unknown>) => fragment.compile(sqliteCompiler);
