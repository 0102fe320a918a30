import {
  HIT_END,
  HIT_START,
  type Facets,
  type InteractionDetail,
  type InteractionKind,
  type InteractionSummary,
  type LibraryFilters,
  type LibraryItem,
  type LibrarySort,
  type SearchHit,
  type Segment,
} from '../../../shared/api';
import { EarmarkError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { recordingOf } from './recordings';
import { toFtsQuery } from './search-query';

interface SummaryRow {
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
}

const SUMMARY_COLUMNS = `i.id, i.kind, i.title, a.name AS agent_name, t.name AS team_name, i.started_at, i.duration_ms,
  i.direction, i.queue, i.customer_ref`;
const SUMMARY_JOINS = `LEFT JOIN agents a ON a.id = i.agent_id LEFT JOIN teams t ON t.id = a.team_id`;

// Columns are chosen from this map, never from the request, so ORDER BY stays free of injected SQL.
const SORT_COLUMNS: Record<Exclude<LibrarySort, 'relevance'>, string> = {
  startedAt: 'i.started_at',
  duration: 'i.duration_ms',
  agent: 'a.name COLLATE NOCASE',
  title: 'i.title COLLATE NOCASE',
};

function toSummary(row: SummaryRow): InteractionSummary {
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

/** A library view: what the list is narrowed by and how it is ordered (the part of the URL that names it). */
export interface LibraryView {
  filters: LibraryFilters;
  sort?: LibrarySort | undefined;
  order: 'asc' | 'desc';
}

export interface ListQuery extends LibraryView {
  limit: number;
  offset: number;
}

/**
 * The SQL of a library view, shared by the list and by next/previous navigation so both always agree on
 * what the view holds and in which order. `from` names the interaction `i` with its agent `a` and team
 * `t` (and the search `hits`); `args` bind `with`, then `where`, in that order. Null when nothing can
 * match (a search of only punctuation).
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
  const { filters } = view;
  const where: string[] = [];
  const args: unknown[] = [];
  if (filters.kind) {
    where.push('i.kind = ?');
    args.push(filters.kind);
  }
  if (filters.agentIds?.length) {
    where.push('i.agent_id IN (SELECT value FROM json_each(?))');
    args.push(JSON.stringify(filters.agentIds));
  }
  if (filters.teamIds?.length) {
    where.push('a.team_id IN (SELECT value FROM json_each(?))');
    args.push(JSON.stringify(filters.teamIds));
  }
  if (filters.reviewed !== undefined) {
    where.push(
      `${filters.reviewed ? '' : 'NOT '}EXISTS (SELECT 1 FROM evaluations e WHERE e.interaction_id = i.id AND e.state = 'submitted')`,
    );
  }
  if (filters.tagIds?.length) {
    where.push(`EXISTS (SELECT 1 FROM moments m JOIN moment_tags mt ON mt.moment_id = m.id
      WHERE m.interaction_id = i.id AND mt.tag_id IN (SELECT value FROM json_each(?)))`);
    args.push(JSON.stringify(filters.tagIds));
  }
  if (filters.from) {
    where.push('i.started_at >= ?');
    args.push(filters.from);
  }
  if (filters.to) {
    where.push('i.started_at < ?');
    args.push(nextDay(filters.to));
  }

  const fts = filters.text ? toFtsQuery(filters.text) : null;
  if (filters.text && !fts) return null; // only punctuation: nothing can match
  const sort = view.sort ?? (fts ? 'relevance' : 'startedAt');
  if (sort === 'relevance' && !fts) {
    throw new EarmarkError('invalid_params', 'Sorting by relevance needs a search text.');
  }
  const direction = view.order === 'asc' ? 'ASC' : 'DESC';
  const orderBy =
    sort === 'relevance'
      ? `hits.rank ${direction === 'DESC' ? 'ASC' : 'DESC'}, i.id DESC` // bm25: lower is better
      : `${SORT_COLUMNS[sort]} ${direction}, i.id ${direction}`;
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  if (!fts) return { with: '', from: `interactions i ${SUMMARY_JOINS}`, where: whereSql, orderBy, args, fts };
  return {
    with: `WITH hits AS (
         SELECT s.interaction_id AS iid, min(f.rank) AS rank, f.rowid AS best
         FROM segments_fts f JOIN segments s ON s.id = f.rowid
         WHERE segments_fts MATCH ?
         GROUP BY s.interaction_id
       )`,
    from: `hits JOIN interactions i ON i.id = hits.iid ${SUMMARY_JOINS}`,
    where: whereSql,
    orderBy,
    args: [fts, ...args],
    fts,
  };
}

/** One page of the library, filtered, searched and sorted, with the total for the whole result. */
export function listInteractions(db: Db, query: ListQuery): { total: number; items: LibraryItem[] } {
  const q = libraryQuery(query);
  if (!q) return { total: 0, items: [] };
  // A search has to gather every hit to rank them anyway, so it counts them in the same pass; a plain
  // listing walks the date index for one page and counts apart, which keeps the first page instant.
  const sql = `${q.with}
       SELECT ${SUMMARY_COLUMNS}, ${q.fts ? 'hits.best, count(*) OVER () AS total' : 'NULL AS best, NULL AS total'}
       FROM ${q.from} ${q.where} ORDER BY ${q.orderBy} LIMIT ? OFFSET ?`;
  const rows = db.prepare(sql).all(...q.args, query.limit, query.offset) as (SummaryRow & {
    best: number | null;
    total: number | null;
  })[];
  const total =
    rows[0]?.total ??
    (db.prepare(`${q.with} SELECT count(*) AS n FROM ${q.from} ${q.where}`).get(...q.args) as { n: number })
      .n;
  const snippet = q.fts ? snippetReader(db, q.fts) : null;
  return {
    total,
    items: rows.map((row) => ({
      ...toSummary(row),
      hit: snippet && row.best !== null ? snippet(row.best) : null,
    })),
  };
}

function snippetReader(db: Db, fts: string): (segmentId: number) => SearchHit | null {
  const statement = db.prepare(
    `SELECT s.seq, s.start_ms AS startMs, snippet(segments_fts, 0, ?, ?, '…', 16) AS snippet
     FROM segments_fts JOIN segments s ON s.id = segments_fts.rowid
     WHERE segments_fts MATCH ? AND segments_fts.rowid = ?`,
  );
  return (segmentId) => (statement.get(HIT_START, HIT_END, fts, segmentId) as SearchHit | undefined) ?? null;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

export function libraryFacets(db: Db): Facets {
  return {
    agents: db
      .prepare(
        `SELECT a.id, a.name, a.team_id AS teamId, t.name AS teamName
         FROM agents a LEFT JOIN teams t ON t.id = a.team_id ORDER BY a.name COLLATE NOCASE`,
      )
      .all() as Facets['agents'],
    teams: db.prepare('SELECT id, name FROM teams ORDER BY name COLLATE NOCASE').all() as Facets['teams'],
    tags: db
      .prepare('SELECT id, name, builtin FROM tags ORDER BY builtin IS NULL, name COLLATE NOCASE')
      .all() as Facets['tags'],
  };
}

export function getInteraction(db: Db, id: number): InteractionDetail {
  const row = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM interactions i ${SUMMARY_JOINS} WHERE i.id = ?`)
    .get(id) as SummaryRow | undefined;
  if (!row) throw new EarmarkError('not_found', `There is no interaction with id ${id}.`);
  const segments = db
    .prepare(
      `SELECT seq, speaker, start_ms AS startMs, end_ms AS endMs, sent_at AS sentAt, text
       FROM segments WHERE interaction_id = ? ORDER BY seq`,
    )
    .all(id) as Segment[];
  return { ...toSummary(row), customerRef: row.customer_ref, recording: recordingOf(db, id), segments };
}
