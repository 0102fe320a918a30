import type { Facets, InteractionDetail, LibraryItem, Segment } from '../../../shared/api';
import { EarmarkError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { searchPage } from './library-search';
import {
  SUMMARY_COLUMNS,
  SUMMARY_JOINS,
  libraryQuery,
  scoreOf,
  toSummary,
  type LibraryView,
  type SummaryRow,
} from './library-view';
import { recordingOf } from './recordings';

export { libraryQuery, type LibraryQuery, type LibraryView } from './library-view';

export interface ListQuery extends LibraryView {
  limit: number;
  offset: number;
}

/** One page of the library, filtered, searched and sorted, with the total for the whole result. */
export function listInteractions(db: Db, query: ListQuery): { total: number; items: LibraryItem[] } {
  const q = libraryQuery(query);
  if (!q) return { total: 0, items: [] };
  if (q.fts !== null) return searchPage(db, { ...q, fts: q.fts }, query.limit, query.offset);
  // A plain listing walks an index for one page and counts apart, which keeps the first page instant.
  const rows = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM interactions i ${SUMMARY_JOINS} ${q.where} ORDER BY ${q.orderBy} LIMIT ? OFFSET ?`,
    )
    .all(...q.args, query.limit, query.offset) as SummaryRow[];
  const total = db
    .prepare(`SELECT count(*) FROM ${q.from} ${q.where}`)
    .pluck()
    .get(...q.args) as number;
  return { total, items: rows.map((row) => ({ ...toSummary(row), score: scoreOf(row), hit: null })) };
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
