import type {
  InteractionKind,
  InteractionSummary,
  LibraryFilters,
  LibraryScore,
  LibrarySort,
} from '../../../shared/api';
import { EarmarkError } from '../../../shared/errors';
import { toFtsQuery } from './search-query';

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
  score_percent: number | null;
  score_outcome: LibraryScore['outcome'] | null;
}

export const SUMMARY_COLUMNS = `i.id, i.kind, i.title, a.name AS agent_name, t.name AS team_name, i.started_at, i.duration_ms,
  i.direction, i.queue, i.customer_ref, le.score_percent, le.score_outcome`;
const AGENT_JOIN = 'LEFT JOIN agents a ON a.id = i.agent_id';
// `le` is the interaction's latest submitted evaluation: the one whose score the library shows and filters.
const SCORE_JOIN = `LEFT JOIN evaluations le ON le.id = (SELECT e.id FROM evaluations e
    WHERE e.interaction_id = i.id AND e.state = 'submitted' ORDER BY e.submitted_at DESC, e.id DESC LIMIT 1)`;
export const SUMMARY_JOINS = `${AGENT_JOIN} LEFT JOIN teams t ON t.id = a.team_id ${SCORE_JOIN}`;

/**
 * Only the joins a view's filters and order use: SQLite still runs these LEFT JOINs when nothing reads
 * them (one's ON clause holds a subquery), and a search may order ten thousand interactions to show fifty.
 */
function joinsFor(sql: string): string {
  return [/\ba\./.test(sql) ? AGENT_JOIN : '', /\ble\./.test(sql) ? SCORE_JOIN : ''].join(' ');
}

/**
 * The segments a search matched, each with its interaction. segments_interaction_of maps a segment id
 * to its interaction from a few MB; looking up the segment row instead reads its text too (3x slower
 * for a word in 70,000 segments). CROSS JOIN keeps the full-text scan outermost: driven from the
 * segments, SQLite would run the search once per segment.
 */
const MATCHED_SEGMENTS = `segments_fts f CROSS JOIN segments s INDEXED BY segments_interaction_of ON s.id = f.rowid`;

// Columns are chosen from this map, never from the request, so ORDER BY stays free of injected SQL.
// Unscored interactions come last either way: a supervisor sorting by score wants scores.
const SORT_COLUMNS: Record<Exclude<LibrarySort, 'relevance'>, (direction: string) => string> = {
  startedAt: (d) => `i.started_at ${d}`,
  duration: (d) => `i.duration_ms ${d}`,
  agent: (d) => `a.name COLLATE NOCASE ${d}`,
  title: (d) => `i.title COLLATE NOCASE ${d}`,
  score: (d) => `le.score_percent ${d} NULLS LAST`,
};

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
}

/**
 * The SQL of a library view, shared by the list and by next/previous navigation so both always agree on
 * what the view holds and in which order. `from` names the interaction `i` (and the search `hits`), joined
 * to what the filters and order need of its agent `a` and latest submitted evaluation `le`; select
 * further columns through SUMMARY_JOINS. `args` bind `with`, then `where`, in that order. Null when nothing
 * can match (a search of only punctuation).
 */
export interface LibraryQuery {
  with: string;
  from: string;
  where: string;
  orderBy: string;
  args: unknown[];
  fts: string | null;
}

export function libraryQuery(view: LibraryView): LibraryQuery | null {
  const { where, args } = filterSql(view.filters);
  const fts = view.filters.text ? toFtsQuery(view.filters.text) : null;
  if (view.filters.text && !fts) return null; // only punctuation: nothing can match
  const sort = view.sort ?? (fts ? 'relevance' : 'startedAt');
  if (sort === 'relevance' && !fts) {
    throw new EarmarkError('invalid_params', 'Sorting by relevance needs a search text.');
  }
  const direction = view.order === 'asc' ? 'ASC' : 'DESC';
  const orderBy =
    sort === 'relevance'
      ? `hits.rank ${direction === 'DESC' ? 'ASC' : 'DESC'}, i.id DESC` // bm25: lower is better
      : `${SORT_COLUMNS[sort](direction)}, i.id ${direction}`;
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const joins = joinsFor(`${whereSql} ${orderBy}`);
  const base = { where: whereSql, orderBy, fts };
  if (!fts) return { ...base, with: '', from: `interactions i ${joins}`, args };
  // Only relevance needs each interaction's rank; computing bm25 is most of a search's cost.
  const hits =
    sort === 'relevance'
      ? `SELECT s.interaction_id AS iid, min(f.rank) AS rank FROM ${MATCHED_SEGMENTS}
         WHERE segments_fts MATCH ? GROUP BY s.interaction_id`
      : `SELECT DISTINCT s.interaction_id AS iid FROM ${MATCHED_SEGMENTS} WHERE segments_fts MATCH ?`;
  return {
    ...base,
    with: `WITH hits AS (${hits})`,
    from: `hits JOIN interactions i ON i.id = hits.iid ${joins}`,
    args: [fts, ...args],
  };
}

function filterSql(filters: LibraryFilters): { where: string[]; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    args.push(...values);
  };
  if (filters.kind) add('i.kind = ?', filters.kind);
  if (filters.agentIds?.length) {
    add('i.agent_id IN (SELECT value FROM json_each(?))', JSON.stringify(filters.agentIds));
  }
  if (filters.teamIds?.length) {
    add('a.team_id IN (SELECT value FROM json_each(?))', JSON.stringify(filters.teamIds));
  }
  if (filters.reviewed !== undefined) {
    add(
      `${filters.reviewed ? '' : 'NOT '}EXISTS (SELECT 1 FROM evaluations e WHERE e.interaction_id = i.id AND e.state = 'submitted')`,
    );
  }
  if (filters.tagIds?.length) {
    add(
      `EXISTS (SELECT 1 FROM moments m JOIN moment_tags mt ON mt.moment_id = m.id
        WHERE m.interaction_id = i.id AND mt.tag_id IN (SELECT value FROM json_each(?)))`,
      JSON.stringify(filters.tagIds),
    );
  }
  if (filters.from) add('i.started_at >= ?', filters.from);
  if (filters.to) add('i.started_at < ?', nextDay(filters.to));
  // A NULL score (no submitted evaluation, or nothing could be earned) fails either comparison.
  if (filters.scoreMin !== undefined) add('le.score_percent >= ?', filters.scoreMin);
  if (filters.scoreMax !== undefined) add('le.score_percent <= ?', filters.scoreMax);
  if (filters.outcomes?.length) {
    add('le.score_outcome IN (SELECT value FROM json_each(?))', JSON.stringify(filters.outcomes));
  }
  return { where, args };
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
