import type {
  AgentRef,
  FocusItem,
  LinkedEvaluation,
  LinkedMoment,
} from '../../../../shared/api/methods/coaching';
import { EarmarkError } from '../../../../shared/errors';
import type { Query } from '../../db/schema';
import { scoredEvaluationsByIds, type ScoredEvaluation } from '../agents/scored-evaluations';
import { momentsByIds, toLinkedMoment, type MomentRow } from './moment-rows';

/**
 * What a session points at: focus items, evaluations and moments, each in the coach's order. Links are
 * checked before anything is written: they must exist and be about the session's agent, because a
 * one-to-one that plays another agent's call would be exactly the public criticism docs/users.md rules out.
 */

const whose = (agent: AgentRef) => `${agent.name}'s`;

/** The evaluations, in the order given, after checking each can be coached on with this agent. */
export async function checkEvaluations(
  q: Query,
  agent: AgentRef,
  ids: readonly number[],
  field = 'evaluationIds',
): Promise<ScoredEvaluation[]> {
  const found = await scoredEvaluationsByIds(q, ids);
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
export async function checkMoments(
  q: Query,
  agent: AgentRef,
  ids: readonly number[],
  field = 'momentIds',
): Promise<MomentRow[]> {
  const found = await momentsByIds(q, ids);
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

export async function writeFocusItems(
  q: Query,
  sessionId: number,
  items: readonly FocusItem[],
): Promise<void> {
  await q.deleteFrom('coaching_focus_items').where('session_id', '=', sessionId).execute();
  if (items.length === 0) return;
  await q
    .insertInto('coaching_focus_items')
    .values(
      items.map((item, position) => ({
        session_id: sessionId,
        position,
        item_id: item.itemId,
        title: item.title,
        section_title: item.sectionTitle,
      })),
    )
    .execute();
}

export async function writeEvaluationLinks(
  q: Query,
  sessionId: number,
  ids: readonly number[],
): Promise<void> {
  await q.deleteFrom('coaching_evaluations').where('session_id', '=', sessionId).execute();
  if (ids.length === 0) return;
  await q
    .insertInto('coaching_evaluations')
    .values(ids.map((id, position) => ({ session_id: sessionId, evaluation_id: id, position })))
    .execute();
}

export async function writeMomentLinks(q: Query, sessionId: number, ids: readonly number[]): Promise<void> {
  await q.deleteFrom('coaching_moments').where('session_id', '=', sessionId).execute();
  if (ids.length === 0) return;
  await q
    .insertInto('coaching_moments')
    .values(ids.map((id, position) => ({ session_id: sessionId, moment_id: id, position })))
    .execute();
}

// Readers.

export async function focusItemsOf(q: Query, sessionId: number): Promise<FocusItem[]> {
  return q
    .selectFrom('coaching_focus_items')
    .select(['item_id as itemId', 'title', 'section_title as sectionTitle'])
    .where('session_id', '=', sessionId)
    .orderBy('position')
    .execute();
}

export async function linkedEvaluationIds(q: Query, sessionId: number): Promise<number[]> {
  const rows = await q
    .selectFrom('coaching_evaluations')
    .select('evaluation_id')
    .where('session_id', '=', sessionId)
    .orderBy('position')
    .execute();
  return rows.map((row) => row.evaluation_id);
}

export async function linkedMomentIds(q: Query, sessionId: number): Promise<number[]> {
  const rows = await q
    .selectFrom('coaching_moments')
    .select('moment_id')
    .where('session_id', '=', sessionId)
    .orderBy('position')
    .execute();
  return rows.map((row) => row.moment_id);
}

/** With the figures the evaluation screens and the library show (see shownFigures). */
export async function linkedEvaluations(q: Query, sessionId: number): Promise<LinkedEvaluation[]> {
  const evaluations = await scoredEvaluationsByIds(q, await linkedEvaluationIds(q, sessionId));
  return evaluations.map((evaluation) => ({
    id: evaluation.id,
    interactionId: evaluation.interactionId,
    interactionTitle: evaluation.interactionTitle,
    rubricName: evaluation.version.rubric.name,
    submittedAt: evaluation.submittedAt,
    percent: evaluation.figures.percent,
    result: evaluation.figures.result,
  }));
}

export async function linkedMoments(q: Query, sessionId: number): Promise<LinkedMoment[]> {
  return (await momentsByIds(q, await linkedMomentIds(q, sessionId))).map(toLinkedMoment);
}
