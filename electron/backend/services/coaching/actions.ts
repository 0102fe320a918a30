import { sql } from 'kysely';
import type { ActionItem, ActionOwner, AgentRef } from '../../../../shared/api/methods/coaching';
import type { ReviewerRef } from '../../../../shared/api/methods/profiles';
import { EarmarkError } from '../../../../shared/errors';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';
import { isOverdue } from './clock';
import { assertCoach, assertPlanned, sessionRow } from './session-rows';
import { clockOf, nowIso } from '../../clock';
import { editConflict } from '../edit-conflict';
import type { Viewer } from '../../context';
import { agentSight, agentVisible } from '../viewer';

interface ActionRow {
  id: number;
  session_id: number;
  text: string;
  owner: ActionOwner;
  due_on: string;
  done_at: string | null;
  version: number;
}

const ACTION_COLUMNS = ['id', 'session_id', 'text', 'owner', 'due_on', 'done_at', 'version'] as const;

export const toActionItem = (row: ActionRow, today: string): ActionItem => ({
  id: row.id,
  sessionId: row.session_id,
  text: row.text,
  owner: row.owner,
  dueOn: row.due_on,
  doneAt: row.done_at,
  overdue: isOverdue(row.due_on, row.done_at, today),
  version: Number(row.version),
});

/** A session's actions in the order they were agreed. */
export async function actionsOf(q: Query, sessionId: number, today: string): Promise<ActionItem[]> {
  const rows = await q
    .selectFrom('coaching_actions')
    .select(ACTION_COLUMNS)
    .where('session_id', '=', sessionId)
    .orderBy('id')
    .execute();
  return rows.map((row) => toActionItem(row, today));
}

async function actionRow(q: Query, id: number): Promise<ActionRow> {
  const row = await q
    .selectFrom('coaching_actions')
    .select(ACTION_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new EarmarkError('not_found', `id: there is no action item with id ${id}.`);
  return row;
}

const touchSession = (q: Query, sessionId: number, at: string) =>
  q.updateTable('coaching_sessions').set({ updated_at: at }).where('id', '=', sessionId).execute();

/** Agreeing an action is part of the session's content: only the coach, only while it is planned. */
export async function addAction(
  database: Database,
  actingId: number,
  params: { sessionId: number; text: string; owner: ActionOwner; dueOn: string },
  today: string,
): Promise<ActionItem> {
  return database.transaction(async (trx) => {
    const session = await sessionRow(trx, params.sessionId, today, 'sessionId');
    assertCoach(session, actingId);
    assertPlanned(session);
    const at = nowIso(database);
    const row = await trx
      .insertInto('coaching_actions')
      .values({
        session_id: session.id,
        text: params.text,
        owner: params.owner,
        due_on: params.dueOn,
        created_at: at,
        updated_at: at,
      })
      .returning(ACTION_COLUMNS)
      .executeTakeFirstOrThrow();
    await touchSession(trx, session.id, at);
    return toActionItem(row, today);
  });
}

/**
 * Changes an action. Ticking it off (or back on) is follow-up and works on a closed session too; its
 * text, owner and due date are what was agreed, so a closed session keeps them (a value sent unchanged
 * is not a change, so a client may send the whole item back).
 */
export async function updateAction(
  database: Database,
  actingId: number,
  params: {
    id: number;
    text?: string | undefined;
    owner?: ActionOwner | undefined;
    dueOn?: string | undefined;
    done?: boolean | undefined;
    version?: number | undefined;
  },
  today: string,
): Promise<ActionItem> {
  return database.transaction(async (trx) => {
    const current = await actionRow(trx, params.id);
    const session = await sessionRow(trx, current.session_id, today);
    assertCoach(session, actingId);
    const text = params.text ?? current.text;
    const owner = params.owner ?? current.owner;
    const dueOn = params.dueOn ?? current.due_on;
    if (text !== current.text || owner !== current.owner || dueOn !== current.due_on) assertPlanned(session);
    const at = nowIso(database);
    const doneAt = params.done === undefined ? current.done_at : params.done ? (current.done_at ?? at) : null;
    // Written only on the version the edit was made on (when the editor says which), counted up in
    // the same statement: an edit from an older version writes nothing.
    let update = trx
      .updateTable('coaching_actions')
      .set((eb) => ({
        text,
        owner,
        due_on: dueOn,
        done_at: doneAt,
        updated_at: at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', current.id);
    if (params.version !== undefined) update = update.where('version', '=', params.version);
    const row = await update.returning(ACTION_COLUMNS).executeTakeFirst();
    if (!row) {
      const stored = await trx
        .selectFrom('coaching_actions')
        .select('updated_at')
        .where('id', '=', current.id)
        .executeTakeFirstOrThrow();
      throw editConflict(
        'this action item',
        { by: session.coach_name, at: stored.updated_at },
        clockOf(database).now(),
      );
    }
    await touchSession(trx, session.id, at);
    return toActionItem(row, today);
  });
}

export async function deleteAction(
  database: Database,
  actingId: number,
  id: number,
  today: string,
): Promise<{ id: number }> {
  return database.transaction(async (trx) => {
    const current = await actionRow(trx, id);
    const session = await sessionRow(trx, current.session_id, today);
    assertCoach(session, actingId);
    assertPlanned(session);
    await trx.deleteFrom('coaching_actions').where('id', '=', id).execute();
    await touchSession(trx, session.id, nowIso(database));
    return { id };
  });
}

/** Open actions across sessions, overdue first, then by due date: what to follow up next. */
export async function openActions(
  q: Query,
  query: { agentId?: number | undefined; coachId?: number | undefined },
  today: string,
  viewer?: Viewer,
): Promise<(ActionItem & { agent: AgentRef; coach: ReviewerRef; heldOn: string })[]> {
  const sight = agentSight(viewer);
  let select = q
    .selectFrom('coaching_actions as c')
    .innerJoin('coaching_sessions as s', 's.id', 'c.session_id')
    .innerJoin('agents as a', 'a.id', 's.agent_id')
    .leftJoin('teams as t', 't.id', 'a.team_id')
    .innerJoin('reviewer_profiles as p', 'p.id', 's.coach_id')
    .select([
      'c.id',
      'c.session_id',
      'c.text',
      'c.owner',
      'c.due_on',
      'c.done_at',
      'c.version',
      's.held_on',
      's.agent_id',
      'a.name as agent_name',
      't.name as team_name',
      's.coach_id',
      'p.name as coach_name',
      'p.role as coach_role',
    ])
    .where('c.done_at', 'is', null);
  if (query.agentId !== undefined) select = select.where('s.agent_id', '=', query.agentId);
  if (sight !== null) select = select.where(agentVisible('s.agent_id', sight));
  if (query.coachId !== undefined) select = select.where('s.coach_id', '=', query.coachId);
  const rows = await select
    .orderBy(sql`CASE WHEN c.due_on < ${today} THEN 0 ELSE 1 END`)
    .orderBy('c.due_on')
    .orderBy('c.id')
    .execute();
  return rows.map((row) => ({
    ...toActionItem(row, today),
    agent: { id: row.agent_id, name: row.agent_name, teamName: row.team_name },
    coach: { id: row.coach_id, name: row.coach_name, role: row.coach_role },
    heldOn: row.held_on,
  }));
}
