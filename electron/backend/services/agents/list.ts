import { sql } from 'kysely';
import { DEFAULT_AGENT_WINDOW, type AgentListEntry } from '../../../../shared/api/methods/agents';
import type { Viewer } from '../../context';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';
import { localToday } from '../../clock';
import { meanPercent } from './overview';
import { latestFirst } from './scored-evaluations';
import { agentSight, agentVisible, readsOwnOnly } from '../viewer';

interface AgentRow {
  id: number;
  name: string;
  teamName: string | null;
  interactionCount: number;
  evaluationCount: number;
  lastEvaluatedAt: string | null;
  sessionCount: number;
  overdueActionCount: number;
}

/**
 * Case-insensitive for every alphabet: SQLite's lower() folds ASCII only, and agents are called
 * Jääskeläinen and Öztürk. The list is one row per agent, so filtering it in JS costs nothing.
 */
const matches = (name: string, search: string) =>
  name.toLocaleLowerCase().includes(search.toLocaleLowerCase());

/** Ids per statement: far below either engine's parameter limit. */
const CHUNK = 1000;

/**
 * The mean overall score of each agent's latest submitted evaluations (as the agent page orders them),
 * from the scores stored at submit: the figures the library and the agent page show.
 */
async function recentPercents(
  database: Database,
  q: Query,
  agentIds: readonly number[],
): Promise<Map<number, number | null>> {
  const percents = new Map<number, (number | null)[]>();
  for (let start = 0; start < agentIds.length; start += CHUNK) {
    const chunk = agentIds.slice(start, start + CHUNK);
    const { rows } = await sql<{ agentId: number; percent: number | null }>`
      SELECT "agentId", percent FROM (
        SELECT i.agent_id AS "agentId", e.score_percent AS percent,
          row_number() OVER (PARTITION BY i.agent_id ORDER BY ${latestFirst(database.engine)}) AS recent
        FROM evaluations e JOIN interactions i ON i.id = e.interaction_id
        WHERE e.state = 'submitted' AND i.agent_id IN (${sql.join(chunk)})
      ) ranked WHERE recent <= ${DEFAULT_AGENT_WINDOW}
      ORDER BY "agentId", recent`.execute(q);
    for (const { agentId, percent } of rows) {
      const list = percents.get(agentId) ?? [];
      list.push(percent);
      percents.set(agentId, list);
    }
  }
  return new Map(agentIds.map((id) => [id, meanPercent(percents.get(id) ?? [])]));
}

/**
 * Agents by name, with what their row in the list shows; counts cover submitted evaluations only. Only
 * the agents `viewer` sees (a team lead's teams, an agent themselves: services/viewer.ts); an agent
 * sees no coaching counts.
 */
export async function listAgents(
  database: Database,
  query: { teamId?: number | undefined; search?: string | undefined },
  viewer?: Viewer,
): Promise<AgentListEntry[]> {
  const sight = agentSight(viewer);
  const q = database.query;
  const today = localToday(database);
  let select = q
    .selectFrom('agents as a')
    .leftJoin('teams as t', 't.id', 'a.team_id')
    .select((eb) => [
      'a.id',
      'a.name',
      't.name as teamName',
      eb
        .selectFrom('interactions as i')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('i.agent_id', '=', 'a.id')
        .as('interactionCount'),
      eb
        .selectFrom('evaluations as e')
        .innerJoin('interactions as i', 'i.id', 'e.interaction_id')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('i.agent_id', '=', 'a.id')
        .where('e.state', '=', 'submitted')
        .as('evaluationCount'),
      eb
        .selectFrom('evaluations as e')
        .innerJoin('interactions as i', 'i.id', 'e.interaction_id')
        .select((inner) => inner.fn.max('e.submitted_at').as('at'))
        .whereRef('i.agent_id', '=', 'a.id')
        .where('e.state', '=', 'submitted')
        .as('lastEvaluatedAt'),
      eb
        .selectFrom('coaching_sessions as s')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('s.agent_id', '=', 'a.id')
        .as('sessionCount'),
      eb
        .selectFrom('coaching_actions as c')
        .innerJoin('coaching_sessions as s', 's.id', 'c.session_id')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('s.agent_id', '=', 'a.id')
        .where('c.done_at', 'is', null)
        .where('c.due_on', '<', today)
        .as('overdueActionCount'),
    ]);
  if (query.teamId !== undefined) select = select.where('a.team_id', '=', query.teamId);
  if (sight !== null) select = select.where(agentVisible('a.id', sight));
  const rows = (await select
    .orderBy(sql`lower(${sql.ref('a.name')})`)
    .orderBy(sql`lower(${sql.ref('t.name')})`, (o) => o.asc().nullsFirst())
    .orderBy('a.id')
    .execute()) as AgentRow[];
  const search = query.search?.trim() ?? '';
  const listed = search ? rows.filter((row) => matches(row.name, search)) : rows;
  const recent = await recentPercents(
    database,
    q,
    listed.filter((row) => row.evaluationCount > 0).map((row) => row.id),
  );
  const coachingHidden = readsOwnOnly(viewer) ? { sessionCount: 0, overdueActionCount: 0 } : {};
  return listed.map((row) => ({ ...row, recentPercent: recent.get(row.id) ?? null, ...coachingHidden }));
}
