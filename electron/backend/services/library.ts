import { sql, type SqlBool } from 'kysely';
import type { Facets, InteractionDetail, LibraryItem } from '../../../shared/api';
import { EarmarkError } from '../../../shared/errors';
import type { Database } from '../db/database';
import type { Query } from '../db/schema';
import { searchPage } from './library-search';
import {
  SUMMARY_SELECT,
  librarySql,
  scoreOf,
  toSummary,
  type LibraryView,
  type SummaryRow,
} from './library-view';
import { findRecording } from './recordings';
import { segmentsOf } from './segments';
import { agentVisible, type AgentSight } from './viewer';

export { librarySql, type LibraryView } from './library-view';

export interface ListQuery extends LibraryView {
  limit: number;
  offset: number;
}

/** One page of the library, filtered, searched and sorted, with the total for the whole result. */
export async function listInteractions(
  database: Database,
  query: ListQuery,
): Promise<{ total: number; items: LibraryItem[] }> {
  const view = librarySql(database.engine, query);
  if (!view) return { total: 0, items: [] };
  const q = database.query;
  if (view.search !== null) return searchPage(q, { ...view, search: view.search }, query.limit, query.offset);
  // A plain listing walks an index for one page and counts apart, which keeps the first page instant.
  const { rows } = await sql<SummaryRow>`${SUMMARY_SELECT} ${view.where}
    ORDER BY ${view.orderBy} LIMIT ${query.limit} OFFSET ${query.offset}`.execute(q);
  const { rows: count } = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM ${view.from} ${view.where}`.execute(q);
  return {
    total: count[0]!.n,
    items: rows.map((row) => ({ ...toSummary(row), score: scoreOf(row), hit: null })),
  };
}

/** Agents, teams and tags to filter by, names in the same order on both engines (case ignored). */
export async function libraryFacets(q: Query, sight: AgentSight = null): Promise<Facets> {
  let agents = q
    .selectFrom('agents as a')
    .leftJoin('teams as t', 't.id', 'a.team_id')
    .select(['a.id', 'a.name', 'a.team_id as teamId', 't.name as teamName'])
    .orderBy(sql`lower(a.name)`)
    .orderBy('a.id');
  let teams = q
    .selectFrom('teams')
    .select(['id', 'name'])
    .orderBy(sql`lower(name)`)
    .orderBy('id');
  // A team lead filters by the agents and teams they see, and learns no others' names from the filter.
  if (sight) {
    agents = agents.where(agentVisible('a.id', sight));
    const teamIds = sight.kind === 'teams' ? sight.teamIds : [];
    teams = teams.where(
      teamIds.length > 0 ? sql<SqlBool>`id IN (${sql.join([...teamIds])})` : sql<SqlBool>`1 = 0`,
    );
  }
  const [agentRows, teamRows, tags] = await Promise.all([
    agents.execute(),
    teams.execute(),
    q
      .selectFrom('tags')
      .select(['id', 'name', 'builtin'])
      .orderBy(sql`builtin IS NULL`)
      .orderBy(sql`lower(name)`)
      .orderBy('id')
      .execute(),
  ]);
  return { agents: agentRows, teams: teamRows, tags: tags as Facets['tags'] };
}

/** An interaction with its recording (the one the review workspace plays) and its transcript or chat turns. */
export async function getInteraction(q: Query, id: number): Promise<InteractionDetail> {
  const { rows } = await sql<SummaryRow>`${SUMMARY_SELECT} WHERE i.id = ${id}`.execute(q);
  const row = rows[0];
  if (!row) throw new EarmarkError('not_found', `There is no interaction with id ${id}.`);
  const [recording, segments] = await Promise.all([findRecording(q, id), segmentsOf(q, id)]);
  return {
    ...toSummary(row),
    customerRef: row.customer_ref,
    customerRating: row.customer_rating,
    recording,
    segments,
  };
}
