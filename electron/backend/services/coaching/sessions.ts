import type { ParsedParams } from '../../../../shared/api';
import type { CoachingSession } from '../../../../shared/api/methods/coaching';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { agentRef } from '../agents/overview';
import { actionsOf } from './actions';
import {
  checkEvaluations,
  checkFocusItems,
  checkMoments,
  focusItemsOf,
  linkedEvaluations,
  linkedMoments,
  writeEvaluationLinks,
  writeFocusItems,
  writeMomentLinks,
} from './links';
import { proposeFocusItems, proposeMoments } from './proposals';
import { checkMysteryShops, linkedMysteryShops, writeMysteryShopLinks } from './shop-links';
import { assertCoach, assertPlanned, sessionRow, toSummary, type SessionRow } from './session-rows';
import { nowIso } from '../../clock';

/** A session as every profile reads it; `editable` says whether the reader is its coach. */
export function getSession(db: Db, readerId: number | null, id: number, today: string): CoachingSession {
  const row = sessionRow(db, id, today);
  return {
    ...toSummary(row),
    focusItems: focusItemsOf(db, id),
    evaluations: linkedEvaluations(db, id),
    moments: linkedMoments(db, id),
    mysteryShops: linkedMysteryShops(db, id),
    talkingPoints: row.talking_points,
    actions: actionsOf(db, id, today),
    outcome: row.outcome,
    editable: readerId !== null && readerId === row.coach_id,
  };
}

/**
 * Plans a session with the acting profile as coach. Given evaluations, it proposes what to talk about:
 * the items they lost most points on and the moments worth playing, unless the coach chose them already.
 */
export function createSession(
  db: Db,
  coachId: number,
  params: ParsedParams<'coaching.create'>,
  today: string,
): CoachingSession {
  const id = db.transaction(() => {
    const agent = agentRef(db, params.agentId);
    const evaluations = checkEvaluations(db, agent, params.evaluationIds);
    if (params.momentIds) checkMoments(db, agent, params.momentIds);
    checkMysteryShops(db, coachId, agent, params.mysteryShopIds);
    if (params.focusItems) checkFocusItems(params.focusItems);
    const focusItems = params.focusItems ?? proposeFocusItems(evaluations);
    const momentIds = params.momentIds ?? proposeMoments(db, evaluations);
    const at = nowIso(db);
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO coaching_sessions (agent_id, coach_id, held_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
      )
      .run(agent.id, coachId, params.heldOn, at, at);
    const sessionId = Number(lastInsertRowid);
    writeFocusItems(db, sessionId, focusItems);
    writeEvaluationLinks(db, sessionId, params.evaluationIds);
    writeMomentLinks(db, sessionId, momentIds);
    writeMysteryShopLinks(db, sessionId, params.mysteryShopIds);
    return sessionId;
  })();
  return getSession(db, coachId, id, today);
}

/** The coach's session, still planned: what every change to its content needs. */
function editableRow(db: Db, actingId: number, id: number, today: string): SessionRow {
  const row = sessionRow(db, id, today);
  assertCoach(row, actingId);
  assertPlanned(row);
  return row;
}

/** Changes what is given; links and focus items given replace the old ones, in the order given. */
export function updateSession(
  db: Db,
  actingId: number,
  params: ParsedParams<'coaching.update'>,
  today: string,
): CoachingSession {
  db.transaction(() => {
    const row = editableRow(db, actingId, params.id, today);
    const heldOn = params.heldOn ?? row.held_on;
    const followUpOn = params.followUpOn === undefined ? row.follow_up_on : params.followUpOn;
    if (followUpOn !== null && followUpOn < heldOn) {
      throw new EarmarkError(
        'invalid_params',
        `followUpOn: the follow-up (${followUpOn}) cannot be before the session itself (${heldOn}).`,
      );
    }
    const agent = { id: row.agent_id, name: row.agent_name, teamName: row.team_name };
    if (params.evaluationIds) checkEvaluations(db, agent, params.evaluationIds);
    if (params.momentIds) checkMoments(db, agent, params.momentIds);
    if (params.mysteryShopIds) checkMysteryShops(db, actingId, agent, params.mysteryShopIds);
    if (params.focusItems) checkFocusItems(params.focusItems);
    db.prepare(
      `UPDATE coaching_sessions SET held_on = ?, talking_points = ?, follow_up_on = ?, outcome = ?, updated_at = ?
       WHERE id = ?`,
    ).run(
      heldOn,
      params.talkingPoints ?? row.talking_points,
      followUpOn,
      params.outcome ?? row.outcome,
      nowIso(db),
      row.id,
    );
    if (params.focusItems) writeFocusItems(db, row.id, params.focusItems);
    if (params.evaluationIds) writeEvaluationLinks(db, row.id, params.evaluationIds);
    if (params.momentIds) writeMomentLinks(db, row.id, params.momentIds);
    if (params.mysteryShopIds) writeMysteryShopLinks(db, row.id, params.mysteryShopIds);
  })();
  return getSession(db, actingId, params.id, today);
}

export function closeSession(
  db: Db,
  actingId: number,
  params: { id: number; outcome?: string | undefined },
  today: string,
): CoachingSession {
  db.transaction(() => {
    const row = sessionRow(db, params.id, today);
    assertCoach(row, actingId);
    if (row.state === 'closed') {
      throw new EarmarkError('conflict', `Coaching session ${row.id} is closed already.`);
    }
    const at = nowIso(db);
    db.prepare(
      `UPDATE coaching_sessions SET state = 'closed', closed_at = ?, outcome = ?, updated_at = ? WHERE id = ?`,
    ).run(at, params.outcome ?? row.outcome, at, row.id);
  })();
  return getSession(db, actingId, params.id, today);
}

export function reopenSession(db: Db, actingId: number, id: number, today: string): CoachingSession {
  db.transaction(() => {
    const row = sessionRow(db, id, today);
    assertCoach(row, actingId);
    if (row.state !== 'closed') {
      throw new EarmarkError(
        'conflict',
        `Coaching session ${row.id} is not closed: there is nothing to reopen.`,
      );
    }
    db.prepare(
      `UPDATE coaching_sessions SET state = 'planned', closed_at = NULL, updated_at = ? WHERE id = ?`,
    ).run(nowIso(db), row.id);
  })();
  return getSession(db, actingId, id, today);
}
