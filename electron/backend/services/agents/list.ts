import { DEFAULT_AGENT_WINDOW, type AgentListEntry } from '../../../../shared/api/methods/agents';
import type { Db } from '../../db/open';
import { today } from '../coaching/clock';
import { meanPercent } from './overview';
import { EVALUATIONS_FROM, LATEST_FIRST } from './scored-evaluations';

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

/**
 * The mean overall score of each agent's latest submitted evaluations (as the agent page orders them),
 * from the scores stored at submit: the figures the library and the agent page show.
 */
function recentPercents(db: Db, agentIds: readonly number[]): Map<number, number | null> {
  const rows = db
    .prepare(
      `SELECT agentId, percent FROM (
         SELECT i.agent_id AS agentId, e.score_percent AS percent,
           row_number() OVER (PARTITION BY i.agent_id ORDER BY ${LATEST_FIRST}) AS recent
         FROM ${EVALUATIONS_FROM}
         WHERE e.state = 'submitted' AND i.agent_id IN (SELECT value FROM json_each(?))
       ) WHERE recent <= ?`,
    )
    .all(JSON.stringify(agentIds), DEFAULT_AGENT_WINDOW) as { agentId: number; percent: number | null }[];
  const percents = new Map<number, (number | null)[]>();
  for (const { agentId, percent } of rows) {
    const list = percents.get(agentId) ?? [];
    list.push(percent);
    percents.set(agentId, list);
  }
  return new Map(agentIds.map((id) => [id, meanPercent(percents.get(id) ?? [])]));
}

/** Agents by name, with what their row in the list shows; counts cover submitted evaluations only. */
export function listAgents(
  db: Db,
  query: { teamId?: number | undefined; search?: string | undefined },
): AgentListEntry[] {
  const rows = db
    .prepare(
      `SELECT a.id, a.name, t.name AS teamName,
         (SELECT count(*) FROM interactions i WHERE i.agent_id = a.id) AS interactionCount,
         (SELECT count(*) FROM evaluations e JOIN interactions i ON i.id = e.interaction_id
            WHERE i.agent_id = a.id AND e.state = 'submitted') AS evaluationCount,
         (SELECT max(e.submitted_at) FROM evaluations e JOIN interactions i ON i.id = e.interaction_id
            WHERE i.agent_id = a.id AND e.state = 'submitted') AS lastEvaluatedAt,
         (SELECT count(*) FROM coaching_sessions s WHERE s.agent_id = a.id) AS sessionCount,
         (SELECT count(*) FROM coaching_actions c JOIN coaching_sessions s ON s.id = c.session_id
            WHERE s.agent_id = a.id AND c.done_at IS NULL AND c.due_on < @today) AS overdueActionCount
       FROM agents a LEFT JOIN teams t ON t.id = a.team_id
       WHERE @teamId IS NULL OR a.team_id = @teamId
       ORDER BY a.name COLLATE NOCASE, t.name COLLATE NOCASE, a.id`,
    )
    .all({ today: today(db), teamId: query.teamId ?? null }) as AgentRow[];
  const search = query.search?.trim() ?? '';
  const listed = search ? rows.filter((row) => matches(row.name, search)) : rows;
  const recent = recentPercents(
    db,
    listed.filter((row) => row.evaluationCount > 0).map((row) => row.id),
  );
  return listed.map((row) => ({ ...row, recentPercent: recent.get(row.id) ?? null }));
}
