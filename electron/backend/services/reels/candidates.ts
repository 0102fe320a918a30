import type { WowMoment } from '../../../../shared/api/methods/reels';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { SELECT_MOMENT_ROWS, toWowMoment, type MomentRow } from '../coaching/moment-rows';

const MAX_CANDIDATES = 500;

/** Carries the built-in exemplary ("wow") tag; `m` is the moment. */
export const IS_EXEMPLARY = `EXISTS (SELECT 1 FROM moment_tags x JOIN tags t ON t.id = x.tag_id
  WHERE x.moment_id = m.id AND t.builtin = 'exemplary')`;

/**
 * When a moment happened, for the date filter and the order: when its call or chat took place, or when
 * it was pinned if that is not known. Days are UTC days, as in the library's date filter.
 */
const WHEN = 'coalesce(i.started_at, m.created_at)';

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Exemplary moments to pick a reel from, newest first; filters combine. */
export function reelCandidates(
  db: Db,
  query: {
    agentId?: number | undefined;
    teamId?: number | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
): WowMoment[] {
  if (query.from && query.to && query.to < query.from) {
    throw new EarmarkError('invalid_params', `to: ${query.to} is before from (${query.from}).`);
  }
  const rows = db
    .prepare(
      `${SELECT_MOMENT_ROWS}
       WHERE ${IS_EXEMPLARY}
         AND (@agentId IS NULL OR i.agent_id = @agentId)
         AND (@teamId IS NULL OR a.team_id = @teamId)
         AND (@from IS NULL OR ${WHEN} >= @from)
         AND (@before IS NULL OR ${WHEN} < @before)
       ORDER BY ${WHEN} DESC, m.id DESC LIMIT @limit`,
    )
    .all({
      agentId: query.agentId ?? null,
      teamId: query.teamId ?? null,
      from: query.from ?? null,
      before: query.to ? nextDay(query.to) : null,
      limit: MAX_CANDIDATES,
    }) as MomentRow[];
  return rows.map(toWowMoment);
}
