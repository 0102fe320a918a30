import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { EarmarkError } from '../../../shared/errors';
import type { Viewer } from '../context';
import type { Query } from '../db/schema';

/**
 * Row rules: which agents a viewer sees, and so which of their evaluations, coaching sessions and
 * mystery shops (issue 14, point 3). The role table (shared/permissions) decides which methods a role
 * may call; these decide which rows a call shows.
 *
 * - No viewer (a workstation) and QA roles (supervisor, manager, administrator) and mystery shoppers
 *   (who enter shops for any team) see every agent.
 * - A team lead sees the agents of the teams they lead (account_teams), and nothing of an agent in no team.
 * - An agent sees themselves only (accounts.agent_id), and of their evaluations only submitted ones.
 *
 * A row outside the viewer's sight is answered as if it did not exist: lists leave it out, and a call
 * naming it by id gets `not_found` with the same words as a missing row (`notFound` below). That way an
 * agent or a team lead cannot learn by trying ids what exists beyond their teams. `not_allowed` is kept
 * for what the role may never do (the role table), whatever the row.
 */

/** Whom a viewer sees: every agent (null), or only these agent records / the agents of these teams. */
export type AgentSight =
  | null
  | { readonly kind: 'agent'; readonly agentId: number | null }
  | { readonly kind: 'teams'; readonly teamIds: readonly number[] };

export function agentSight(viewer: Viewer | undefined): AgentSight {
  if (!viewer) return null;
  if (viewer.role === 'agent') return { kind: 'agent', agentId: viewer.agentId };
  if (viewer.role === 'team_lead') return { kind: 'teams', teamIds: viewer.teamIds };
  return null;
}

/** Whether the viewer reads only their own evaluations, submitted ones only (an agent). */
export const readsOwnOnly = (viewer: Viewer | undefined): boolean => viewer?.role === 'agent';

/**
 * A condition on an agent-id column (`i.agent_id`, `s.agent_id`, `a.id`): the row's agent is one the
 * viewer sees. `.where(agentVisible('i.agent_id', sight))` once `sight` is known not to be null.
 */
export function agentVisible(column: string, sight: Exclude<AgentSight, null>): RawBuilder<SqlBool> {
  const ref = sql.ref(column);
  if (sight.kind === 'agent') {
    return sight.agentId === null ? sql<SqlBool>`1 = 0` : sql<SqlBool>`${ref} = ${sight.agentId}`;
  }
  if (sight.teamIds.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${ref} IN (SELECT id FROM agents WHERE team_id IN (${sql.join([...sight.teamIds])}))`;
}

/** Whether one agent record (null: none, as on a call nobody is assigned to) is in sight. */
export async function seesAgent(q: Query, sight: AgentSight, agentId: number | null): Promise<boolean> {
  if (sight === null) return true;
  if (agentId === null) return false;
  if (sight.kind === 'agent') return sight.agentId === agentId;
  const row = await q.selectFrom('agents').select('team_id').where('id', '=', agentId).executeTakeFirst();
  return row?.team_id != null && sight.teamIds.includes(row.team_id);
}

/** The refusal of a row outside the viewer's sight: the same `not_found` a missing row gets. */
export const notFound = (message: string) => new EarmarkError('not_found', message);

/**
 * A condition on a mystery shop (alias `s`): its agent is in sight, or (for a team lead) the team the
 * agency reported is one they lead, by name, letter case aside. DOMAIN.md: a shop goes to the shop's
 * team's lead, and often only the team is known ("a woman, did not give her name").
 */
export function shopVisible(sight: Exclude<AgentSight, null>): RawBuilder<SqlBool> {
  const ofAgent = agentVisible('s.agent_id', sight);
  if (sight.kind === 'agent' || sight.teamIds.length === 0) return ofAgent;
  return sql<SqlBool>`(${ofAgent} OR lower(s.team) IN (SELECT lower(name) FROM teams WHERE id IN (${sql.join([...sight.teamIds])})))`;
}

/**
 * Refuses an interaction whose agent the viewer does not see (a team lead: another team's call or chat,
 * or one nobody is assigned to), with `missing`, the words the method uses for an interaction that is not
 * there. One that is not there at all is left to the method, which answers it as it always did.
 */
export async function assertSeesInteraction(
  q: Query,
  viewer: Viewer | undefined,
  interactionId: number,
  missing: string,
): Promise<void> {
  const sight = agentSight(viewer);
  if (sight === null) return;
  const row = await q
    .selectFrom('interactions')
    .select('agent_id')
    .where('id', '=', interactionId)
    .executeTakeFirst();
  if (row && !(await seesAgent(q, sight, row.agent_id))) throw notFound(missing);
}

/** As assertSeesInteraction, for a recording: its interaction's agent decides. */
export async function assertSeesRecording(
  q: Query,
  viewer: Viewer | undefined,
  recordingId: number,
  missing: string,
): Promise<void> {
  const sight = agentSight(viewer);
  if (sight === null) return;
  const row = await q
    .selectFrom('recordings as r')
    .innerJoin('interactions as i', 'i.id', 'r.interaction_id')
    .select('i.agent_id')
    .where('r.id', '=', recordingId)
    .executeTakeFirst();
  if (row && !(await seesAgent(q, sight, row.agent_id))) throw notFound(missing);
}

/** The ids of the agents a viewer sees, for rows already read (null: every agent). */
export async function agentsInSight(q: Query, sight: AgentSight): Promise<ReadonlySet<number> | null> {
  if (sight === null) return null;
  const rows = await q.selectFrom('agents').select('id').where(agentVisible('id', sight)).execute();
  return new Set(rows.map((row) => row.id));
}
