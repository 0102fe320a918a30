import type { ActionItem, ActionOwner, AgentRef } from '../../../../shared/api/methods/coaching';
import type { ReviewerRef, ReviewerRole } from '../../../../shared/api/methods/profiles';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { isOverdue } from './clock';
import { assertCoach, assertPlanned, sessionRow } from './session-rows';
import { nowIso } from '../../clock';

interface ActionRow {
  id: number;
  session_id: number;
  text: string;
  owner: ActionOwner;
  due_on: string;
  done_at: string | null;
}

export const toActionItem = (row: ActionRow, today: string): ActionItem => ({
  id: row.id,
  sessionId: row.session_id,
  text: row.text,
  owner: row.owner,
  dueOn: row.due_on,
  doneAt: row.done_at,
  overdue: isOverdue(row.due_on, row.done_at, today),
});

/** A session's actions in the order they were agreed. */
export function actionsOf(db: Db, sessionId: number, today: string): ActionItem[] {
  const rows = db
    .prepare('SELECT * FROM coaching_actions WHERE session_id = ? ORDER BY id')
    .all(sessionId) as ActionRow[];
  return rows.map((row) => toActionItem(row, today));
}

function actionRow(db: Db, id: number): ActionRow {
  const row = db.prepare('SELECT * FROM coaching_actions WHERE id = ?').get(id) as ActionRow | undefined;
  if (!row) throw new EarmarkError('not_found', `id: there is no action item with id ${id}.`);
  return row;
}

const touchSession = (db: Db, sessionId: number, at: string) =>
  db.prepare('UPDATE coaching_sessions SET updated_at = ? WHERE id = ?').run(at, sessionId);

/** Agreeing an action is part of the session's content: only the coach, only while it is planned. */
export function addAction(
  db: Db,
  actingId: number,
  params: { sessionId: number; text: string; owner: ActionOwner; dueOn: string },
  today: string,
): ActionItem {
  return db.transaction(() => {
    const session = sessionRow(db, params.sessionId, today, 'sessionId');
    assertCoach(session, actingId);
    assertPlanned(session);
    const at = nowIso(db);
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO coaching_actions (session_id, text, owner, due_on, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(session.id, params.text, params.owner, params.dueOn, at, at);
    touchSession(db, session.id, at);
    return toActionItem(actionRow(db, Number(lastInsertRowid)), today);
  })();
}

/**
 * Changes an action. Ticking it off (or back on) is follow-up and works on a closed session too; its
 * text, owner and due date are what was agreed, so a closed session keeps them (a value sent unchanged
 * is not a change, so a client may send the whole item back).
 */
export function updateAction(
  db: Db,
  actingId: number,
  params: {
    id: number;
    text?: string | undefined;
    owner?: ActionOwner | undefined;
    dueOn?: string | undefined;
    done?: boolean | undefined;
  },
  today: string,
): ActionItem {
  return db.transaction(() => {
    const current = actionRow(db, params.id);
    const session = sessionRow(db, current.session_id, today);
    assertCoach(session, actingId);
    const text = params.text ?? current.text;
    const owner = params.owner ?? current.owner;
    const dueOn = params.dueOn ?? current.due_on;
    if (text !== current.text || owner !== current.owner || dueOn !== current.due_on) assertPlanned(session);
    const at = nowIso(db);
    const doneAt = params.done === undefined ? current.done_at : params.done ? (current.done_at ?? at) : null;
    db.prepare(
      'UPDATE coaching_actions SET text = ?, owner = ?, due_on = ?, done_at = ?, updated_at = ? WHERE id = ?',
    ).run(text, owner, dueOn, doneAt, at, current.id);
    touchSession(db, session.id, at);
    return toActionItem(actionRow(db, current.id), today);
  })();
}

export function deleteAction(db: Db, actingId: number, id: number, today: string): { id: number } {
  return db.transaction(() => {
    const current = actionRow(db, id);
    const session = sessionRow(db, current.session_id, today);
    assertCoach(session, actingId);
    assertPlanned(session);
    db.prepare('DELETE FROM coaching_actions WHERE id = ?').run(id);
    touchSession(db, session.id, nowIso(db));
    return { id };
  })();
}

interface OpenActionRow extends ActionRow {
  held_on: string;
  agent_id: number;
  agent_name: string;
  team_name: string | null;
  coach_id: number;
  coach_name: string;
  coach_role: ReviewerRole;
}

/** Open actions across sessions, overdue first, then by due date: what to follow up next. */
export function openActions(
  db: Db,
  query: { agentId?: number | undefined; coachId?: number | undefined },
  today: string,
): (ActionItem & { agent: AgentRef; coach: ReviewerRef; heldOn: string })[] {
  const rows = db
    .prepare(
      `SELECT c.*, s.held_on, s.agent_id, a.name AS agent_name, t.name AS team_name,
         s.coach_id, p.name AS coach_name, p.role AS coach_role
       FROM coaching_actions c
       JOIN coaching_sessions s ON s.id = c.session_id
       JOIN agents a ON a.id = s.agent_id
       LEFT JOIN teams t ON t.id = a.team_id
       JOIN reviewer_profiles p ON p.id = s.coach_id
       WHERE c.done_at IS NULL
         AND (@agentId IS NULL OR s.agent_id = @agentId)
         AND (@coachId IS NULL OR s.coach_id = @coachId)
       ORDER BY c.due_on < @today DESC, c.due_on, c.id`,
    )
    .all({ agentId: query.agentId ?? null, coachId: query.coachId ?? null, today }) as OpenActionRow[];
  return rows.map((row) => ({
    ...toActionItem(row, today),
    agent: { id: row.agent_id, name: row.agent_name, teamName: row.team_name },
    coach: { id: row.coach_id, name: row.coach_name, role: row.coach_role },
    heldOn: row.held_on,
  }));
}
