import type {
  AgentRef,
  FocusItem,
  LinkedEvaluation,
  LinkedMoment,
} from '../../../../shared/api/methods/coaching';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { scoredEvaluationsByIds, type ScoredEvaluation } from '../agents/scored-evaluations';
import { momentRowsByIds, toLinkedMoment, type MomentRow } from './moment-rows';

/**
 * What a session points at: focus items, evaluations and moments, each in the coach's order. Links are
 * checked before anything is written: they must exist and be about the session's agent, because a
 * one-to-one that plays another agent's call would be exactly the public criticism docs/users.md rules out.
 */

const whose = (agent: AgentRef) => `${agent.name}'s`;

/** The evaluations, in the order given, after checking each can be coached on with this agent. */
export function checkEvaluations(
  db: Db,
  agent: AgentRef,
  ids: readonly number[],
  field = 'evaluationIds',
): ScoredEvaluation[] {
  const found = scoredEvaluationsByIds(db, ids);
  const missing = ids.filter((id) => !found.some((e) => e.id === id));
  if (missing.length > 0) {
    throw new EarmarkError('not_found', `${field}: there is no evaluation with id ${missing.join(', ')}.`);
  }
  for (const evaluation of found) {
    if (evaluation.agentId !== agent.id) {
      throw new EarmarkError(
        'invalid_params',
        `${field}: evaluation ${evaluation.id} is of "${evaluation.interactionTitle}", which is not ${whose(agent)} call or chat.`,
      );
    }
    // A draft that was never submitted can still be discarded; a session must not point at it then.
    if (!evaluation.everSubmitted) {
      throw new EarmarkError(
        'conflict',
        `${field}: evaluation ${evaluation.id} is a draft that was never submitted; submit it before coaching on it.`,
      );
    }
  }
  return found;
}

/** The moments, in the order given, after checking each is on one of the agent's calls or chats. */
export function checkMoments(
  db: Db,
  agent: AgentRef,
  ids: readonly number[],
  field = 'momentIds',
): MomentRow[] {
  const found = momentRowsByIds(db, ids);
  const missing = ids.filter((id) => !found.some((m) => m.id === id));
  if (missing.length > 0) {
    throw new EarmarkError('not_found', `${field}: there is no moment with id ${missing.join(', ')}.`);
  }
  for (const moment of found) {
    if (moment.agent_id !== agent.id) {
      throw new EarmarkError(
        'invalid_params',
        `${field}: moment ${moment.id} is on "${moment.interaction_title}", which is not ${whose(agent)} call or chat.`,
      );
    }
  }
  return found;
}

/** The same rubric item twice in one session's focus is a slip, not a plan. */
export function checkFocusItems(items: readonly FocusItem[], field = 'focusItems'): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const key = JSON.stringify([item.itemId, item.sectionTitle]);
    if (seen.has(key)) {
      throw new EarmarkError('invalid_params', `${field}[${index}]: item '${item.itemId}' is listed twice.`);
    }
    seen.add(key);
  });
}

// Writers: call inside the caller's transaction. Each replaces the whole list, so the order is the one given.

export function writeFocusItems(db: Db, sessionId: number, items: readonly FocusItem[]): void {
  db.prepare('DELETE FROM coaching_focus_items WHERE session_id = ?').run(sessionId);
  const insert = db.prepare(
    'INSERT INTO coaching_focus_items (session_id, position, item_id, title, section_title) VALUES (?, ?, ?, ?, ?)',
  );
  items.forEach((item, position) =>
    insert.run(sessionId, position, item.itemId, item.title, item.sectionTitle),
  );
}

export function writeEvaluationLinks(db: Db, sessionId: number, ids: readonly number[]): void {
  db.prepare('DELETE FROM coaching_evaluations WHERE session_id = ?').run(sessionId);
  const insert = db.prepare(
    'INSERT INTO coaching_evaluations (session_id, evaluation_id, position) VALUES (?, ?, ?)',
  );
  ids.forEach((id, position) => insert.run(sessionId, id, position));
}

export function writeMomentLinks(db: Db, sessionId: number, ids: readonly number[]): void {
  db.prepare('DELETE FROM coaching_moments WHERE session_id = ?').run(sessionId);
  const insert = db.prepare(
    'INSERT INTO coaching_moments (session_id, moment_id, position) VALUES (?, ?, ?)',
  );
  ids.forEach((id, position) => insert.run(sessionId, id, position));
}

// Readers.

export function focusItemsOf(db: Db, sessionId: number): FocusItem[] {
  return db
    .prepare(
      `SELECT item_id AS itemId, title, section_title AS sectionTitle
       FROM coaching_focus_items WHERE session_id = ? ORDER BY position`,
    )
    .all(sessionId) as FocusItem[];
}

const linkedIds = (
  db: Db,
  table: 'coaching_evaluations' | 'coaching_moments',
  column: string,
  sessionId: number,
) =>
  db
    .prepare(`SELECT ${column} FROM ${table} WHERE session_id = ? ORDER BY position`)
    .pluck()
    .all(sessionId) as number[];

export function linkedEvaluationIds(db: Db, sessionId: number): number[] {
  return linkedIds(db, 'coaching_evaluations', 'evaluation_id', sessionId);
}

export function linkedMomentIds(db: Db, sessionId: number): number[] {
  return linkedIds(db, 'coaching_moments', 'moment_id', sessionId);
}

/** With the figures the evaluation screens and the library show (see shownFigures). */
export function linkedEvaluations(db: Db, sessionId: number): LinkedEvaluation[] {
  return scoredEvaluationsByIds(db, linkedEvaluationIds(db, sessionId)).map((evaluation) => ({
    id: evaluation.id,
    interactionId: evaluation.interactionId,
    interactionTitle: evaluation.interactionTitle,
    rubricName: evaluation.version.rubric.name,
    submittedAt: evaluation.submittedAt,
    percent: evaluation.figures.percent,
    result: evaluation.figures.result,
  }));
}

export function linkedMoments(db: Db, sessionId: number): LinkedMoment[] {
  return momentRowsByIds(db, linkedMomentIds(db, sessionId)).map(toLinkedMoment);
}
