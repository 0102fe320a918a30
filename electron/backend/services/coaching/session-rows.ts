import type { CoachingSummary } from '../../../../shared/api/methods/coaching';
import type { ReviewerRole } from '../../../../shared/api/methods/profiles';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';

export interface SessionRow {
  id: number;
  agent_id: number;
  coach_id: number;
  held_on: string;
  state: 'planned' | 'closed';
  talking_points: string;
  follow_up_on: string | null;
  outcome: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  agent_name: string;
  team_name: string | null;
  coach_name: string;
  coach_role: ReviewerRole;
  focus_titles: string;
  action_count: number;
  open_action_count: number;
  overdue_action_count: number;
}

/** `s` is the session; `@today` decides which open actions are overdue. */
const SELECT_SESSIONS = `SELECT s.*, a.name AS agent_name, t.name AS team_name,
    p.name AS coach_name, p.role AS coach_role,
    (SELECT json_group_array(title) FROM
       (SELECT title FROM coaching_focus_items WHERE session_id = s.id ORDER BY position)) AS focus_titles,
    (SELECT count(*) FROM coaching_actions c WHERE c.session_id = s.id) AS action_count,
    (SELECT count(*) FROM coaching_actions c WHERE c.session_id = s.id AND c.done_at IS NULL) AS open_action_count,
    (SELECT count(*) FROM coaching_actions c
       WHERE c.session_id = s.id AND c.done_at IS NULL AND c.due_on < @today) AS overdue_action_count
  FROM coaching_sessions s
  JOIN agents a ON a.id = s.agent_id
  LEFT JOIN teams t ON t.id = a.team_id
  JOIN reviewer_profiles p ON p.id = s.coach_id`;

export function sessionRow(db: Db, id: number, today: string, field = 'id'): SessionRow {
  const row = db.prepare(`${SELECT_SESSIONS} WHERE s.id = @id`).get({ id, today }) as SessionRow | undefined;
  if (!row) throw new EarmarkError('not_found', `${field}: there is no coaching session with id ${id}.`);
  return row;
}

export function toSummary(row: SessionRow): CoachingSummary {
  return {
    id: row.id,
    agent: { id: row.agent_id, name: row.agent_name, teamName: row.team_name },
    coach: { id: row.coach_id, name: row.coach_name, role: row.coach_role },
    heldOn: row.held_on,
    state: row.state,
    followUpOn: row.follow_up_on,
    focusTitles: JSON.parse(row.focus_titles) as string[],
    actionCount: row.action_count,
    openActionCount: row.open_action_count,
    overdueActionCount: row.overdue_action_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}

/** Newest first: by the day it is (or was) held, then by when it was planned. */
export function listSessions(
  db: Db,
  query: {
    agentId?: number | undefined;
    coachId?: number | undefined;
    state?: 'planned' | 'closed' | undefined;
  },
  today: string,
): CoachingSummary[] {
  const rows = db
    .prepare(
      `${SELECT_SESSIONS}
       WHERE (@agentId IS NULL OR s.agent_id = @agentId)
         AND (@coachId IS NULL OR s.coach_id = @coachId)
         AND (@state IS NULL OR s.state = @state)
       ORDER BY s.held_on DESC, s.id DESC`,
    )
    .all({
      agentId: query.agentId ?? null,
      coachId: query.coachId ?? null,
      state: query.state ?? null,
      today,
    }) as SessionRow[];
  return rows.map(toSummary);
}

/**
 * Refuses a change by anyone but the session's coach. Every profile may read a session (follow-up is
 * team work), but what was agreed in a one-to-one is the coach's to change.
 */
export function assertCoach(row: SessionRow, actingId: number): void {
  if (row.coach_id !== actingId) {
    throw new EarmarkError(
      'not_allowed',
      `Only the session's coach (${row.coach_name}) can change coaching session ${row.id}.`,
    );
  }
}

/** A closed session's content is the record of what was agreed: reopen it to change it. */
export function assertPlanned(row: SessionRow): void {
  if (row.state === 'closed') {
    throw new EarmarkError(
      'conflict',
      `Coaching session ${row.id} is closed: reopen it to change it (action items can still be ticked off).`,
    );
  }
}
