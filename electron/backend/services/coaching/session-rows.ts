import type { CoachingSummary } from '../../../../shared/api/methods/coaching';
import type { ReviewerRole } from '../../../../shared/api/methods/profiles';
import { EarmarkError } from '../../../../shared/errors';
import type { Query } from '../../db/schema';
import type { Viewer } from '../../context';
import { agentSight, agentVisible, notFound } from '../viewer';

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
  version: number;
  updated_by: number | null;
  updater_name: string | null;
  updater_role: ReviewerRole | null;
  agent_name: string;
  team_name: string | null;
  coach_name: string;
  coach_role: ReviewerRole;
  focus_titles: string[];
  action_count: number;
  open_action_count: number;
  overdue_action_count: number;
}

/** Ids per statement: far below either engine's parameter limit. */
const CHUNK = 1000;

/** `s` is the session; `today` decides which open actions are overdue. */
const selectSessions = (q: Query, today: string) =>
  q
    .selectFrom('coaching_sessions as s')
    .innerJoin('agents as a', 'a.id', 's.agent_id')
    .leftJoin('teams as t', 't.id', 'a.team_id')
    .innerJoin('reviewer_profiles as p', 'p.id', 's.coach_id')
    .leftJoin('reviewer_profiles as u', 'u.id', 's.updated_by')
    .selectAll('s')
    .select((eb) => [
      'u.name as updater_name',
      'u.role as updater_role',
      'a.name as agent_name',
      't.name as team_name',
      'p.name as coach_name',
      'p.role as coach_role',
      eb
        .selectFrom('coaching_actions as c')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('c.session_id', '=', 's.id')
        .as('action_count'),
      eb
        .selectFrom('coaching_actions as c')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('c.session_id', '=', 's.id')
        .where('c.done_at', 'is', null)
        .as('open_action_count'),
      eb
        .selectFrom('coaching_actions as c')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('c.session_id', '=', 's.id')
        .where('c.done_at', 'is', null)
        .where('c.due_on', '<', today)
        .as('overdue_action_count'),
    ]);

type Selected = Awaited<ReturnType<ReturnType<typeof selectSessions>['execute']>>[number];

/** Each session's focus titles in the coach's order, in one query per page of sessions. */
async function withFocusTitles(q: Query, rows: readonly Selected[]): Promise<SessionRow[]> {
  const titles = new Map<number, string[]>(rows.map((row) => [row.id, []]));
  const ids = [...titles.keys()];
  for (let start = 0; start < ids.length; start += CHUNK) {
    const items = await q
      .selectFrom('coaching_focus_items')
      .select(['session_id', 'title'])
      .where('session_id', 'in', ids.slice(start, start + CHUNK))
      .orderBy('session_id')
      .orderBy('position')
      .execute();
    for (const item of items) titles.get(item.session_id)!.push(item.title);
  }
  return rows.map((row) => ({
    ...row,
    version: Number(row.version),
    action_count: Number(row.action_count ?? 0),
    open_action_count: Number(row.open_action_count ?? 0),
    overdue_action_count: Number(row.overdue_action_count ?? 0),
    focus_titles: titles.get(row.id) ?? [],
  }));
}

export async function sessionRow(q: Query, id: number, today: string, field = 'id'): Promise<SessionRow> {
  const row = await selectSessions(q, today).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw new EarmarkError('not_found', `${field}: there is no coaching session with id ${id}.`);
  return (await withFocusTitles(q, [row]))[0]!;
}

/**
 * Refuses a session whose agent is outside the viewer's sight (a team lead: another team's) with the
 * `not_found` of a missing session (services/viewer.ts); by a note, the `not_found` of a missing note.
 */
export async function assertSessionSeen(
  q: Query,
  viewer: Viewer | undefined,
  ref: { sessionId: number; field?: string } | { noteId: number },
): Promise<void> {
  const sight = agentSight(viewer);
  if (sight === null) return;
  let select = q.selectFrom('coaching_sessions as s').select('s.id').where(agentVisible('s.agent_id', sight));
  select =
    'noteId' in ref
      ? select.where('s.id', 'in', (eb) =>
          eb.selectFrom('coaching_notes').select('session_id').where('id', '=', ref.noteId),
        )
      : select.where('s.id', '=', ref.sessionId);
  if (await select.executeTakeFirst()) return;
  throw 'noteId' in ref
    ? notFound(`id: there is no coaching note with id ${ref.noteId}.`)
    : notFound(`${ref.field ?? 'id'}: there is no coaching session with id ${ref.sessionId}.`);
}

export function toSummary(row: SessionRow): CoachingSummary {
  return {
    id: row.id,
    agent: { id: row.agent_id, name: row.agent_name, teamName: row.team_name },
    coach: { id: row.coach_id, name: row.coach_name, role: row.coach_role },
    heldOn: row.held_on,
    state: row.state,
    followUpOn: row.follow_up_on,
    focusTitles: row.focus_titles,
    actionCount: row.action_count,
    openActionCount: row.open_action_count,
    overdueActionCount: row.overdue_action_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}

/** Newest first: by the day it is (or was) held, then by when it was planned. */
export async function listSessions(
  q: Query,
  query: {
    agentId?: number | undefined;
    coachId?: number | undefined;
    state?: 'planned' | 'closed' | undefined;
  },
  today: string,
  viewer?: Viewer,
): Promise<CoachingSummary[]> {
  let select = selectSessions(q, today);
  const sight = agentSight(viewer);
  if (sight !== null) select = select.where(agentVisible('s.agent_id', sight));
  if (query.agentId !== undefined) select = select.where('s.agent_id', '=', query.agentId);
  if (query.coachId !== undefined) select = select.where('s.coach_id', '=', query.coachId);
  if (query.state !== undefined) select = select.where('s.state', '=', query.state);
  const rows = await select.orderBy('s.held_on', 'desc').orderBy('s.id', 'desc').execute();
  return (await withFocusTitles(q, rows)).map(toSummary);
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
