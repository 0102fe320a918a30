import type { QueuePlanFilters } from '../../../../shared/api/methods/queue';
import type { Candidate, ScopeAgent } from '../../../../shared/queue/draw';
import { shiftWeek, weekDays } from '../../../../shared/queue/week';
import type { Query } from '../../db/schema';

/**
 * What a plan draws from in one week, read from the library: the interactions that match all its
 * filters (`candidates`), and the agents it is about (`agents`: whoever took a call or chat of the
 * plan's teams, channels, queues and directions that week), so an agent whose interactions were all
 * reviewed already, too short or not rated as asked is reported short rather than forgotten.
 *
 * The week is the first ten characters of `started_at` (the date the recording says), compared as
 * text on both engines; interactions without a start time or an agent cannot be placed and are left out.
 */
export async function weekCandidates(
  q: Query,
  filters: QueuePlanFilters,
  week: string,
  onlyAgentId?: number,
): Promise<{ candidates: Candidate[]; agents: ScopeAgent[] }> {
  const from = weekDays(week)[0]!;
  const to = weekDays(shiftWeek(week, 1))[0]!;
  let scope = q
    .selectFrom('interactions as i')
    .innerJoin('agents as a', 'a.id', 'i.agent_id')
    .where('i.started_at', '>=', from)
    .where('i.started_at', '<', to);
  if (onlyAgentId !== undefined) scope = scope.where('i.agent_id', '=', onlyAgentId);
  if (filters.teamIds.length) scope = scope.where('a.team_id', 'in', filters.teamIds);
  if (filters.channels.length) scope = scope.where('i.kind', 'in', filters.channels);
  if (filters.queues.length) scope = scope.where('i.queue', 'in', filters.queues);
  if (filters.directions.length) scope = scope.where('i.direction', 'in', filters.directions);

  const agents = await scope.select(['a.id', 'a.team_id']).distinct().execute();

  let matching = scope;
  const { minDurationSeconds: min, maxDurationSeconds: max } = filters;
  if (min !== null) matching = matching.where('i.duration_ms', '>=', min * 1000);
  if (max !== null) matching = matching.where('i.duration_ms', '<=', max * 1000);
  if (filters.customerRatings.length)
    matching = matching.where('i.customer_rating', 'in', filters.customerRatings);
  if (filters.notYetReviewed) {
    matching = matching.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('evaluations as e')
            .select('e.id')
            .whereRef('e.interaction_id', '=', 'i.id')
            .where('e.state', '=', 'submitted'),
        ),
      ),
    );
  }
  const rows = await matching.select(['i.id', 'i.agent_id', 'i.kind', 'i.started_at']).execute();
  return {
    agents: agents.map((row) => ({ id: row.id, teamId: row.team_id })),
    candidates: rows.map((row) => ({
      id: row.id,
      agentId: row.agent_id!,
      channel: row.kind,
      day: row.started_at!.slice(0, 10),
    })),
  };
}
