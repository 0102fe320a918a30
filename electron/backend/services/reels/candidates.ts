import { sql, type Expression, type SqlBool } from 'kysely';
import type { WowMoment } from '../../../../shared/api/methods/reels';
import { EarmarkError } from '../../../../shared/errors';
import type { Query } from '../../db/schema';
import { momentRows, toWowMoment } from '../coaching/moment-rows';
import { agentVisible, type AgentSight } from '../viewer';

const MAX_CANDIDATES = 500;

/** Carries the built-in exemplary ("wow") tag; `m` is the moment. */
const isExemplary: Expression<SqlBool> = sql<SqlBool>`EXISTS (SELECT 1 FROM moment_tags x
  JOIN tags t ON t.id = x.tag_id WHERE x.moment_id = m.id AND t.builtin = 'exemplary')`;

/**
 * When a moment happened, for the date filter and the order: when its call or chat took place, or when
 * it was pinned if that is not known (never NULL, so the order is the same on both engines). Days are
 * UTC days, as in the library's date filter.
 */
const when = sql<string>`coalesce(i.started_at, m.created_at)`;

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Exemplary moments to pick a reel from, newest first; filters combine. */
export async function reelCandidates(
  q: Query,
  query: {
    agentId?: number | undefined;
    teamId?: number | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
  sight: AgentSight = null,
): Promise<WowMoment[]> {
  const { agentId, teamId, from, to } = query;
  if (from && to && to < from) {
    throw new EarmarkError('invalid_params', `to: ${to} is before from (${from}).`);
  }
  const rows = await momentRows(q, (m) => {
    let select = m.where(isExemplary);
    // A team lead collects their teams' praise (services/viewer.ts).
    if (sight) select = select.where(agentVisible('i.agent_id', sight));
    if (agentId !== undefined) select = select.where('i.agent_id', '=', agentId);
    if (teamId !== undefined) select = select.where('a.team_id', '=', teamId);
    if (from) select = select.where(when, '>=', from);
    if (to) select = select.where(when, '<', nextDay(to));
    return select.orderBy(when, 'desc').orderBy('m.id', 'desc').limit(MAX_CANDIDATES);
  });
  return rows.map(toWowMoment);
}
