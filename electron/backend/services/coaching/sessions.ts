import type { ParsedParams } from '../../../../shared/api';
import type { CoachingSession } from '../../../../shared/api/methods/coaching';
import { EarmarkError } from '../../../../shared/errors';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';
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
import { clockOf, nowIso } from '../../clock';
import { editConflict } from '../edit-conflict';
import type { Viewer } from '../../context';

/** A session as every profile reads it; `editable` says whether the reader is its coach. */
export async function getSession(
  q: Query,
  readerId: number | null,
  id: number,
  today: string,
): Promise<CoachingSession> {
  const row = await sessionRow(q, id, today);
  return {
    ...toSummary(row),
    focusItems: await focusItemsOf(q, id),
    evaluations: await linkedEvaluations(q, id),
    moments: await linkedMoments(q, id),
    mysteryShops: await linkedMysteryShops(q, id),
    talkingPoints: row.talking_points,
    actions: await actionsOf(q, id, today),
    outcome: row.outcome,
    editable: readerId !== null && readerId === row.coach_id,
    version: row.version,
    updatedBy:
      row.updated_by === null || row.updater_name === null || row.updater_role === null
        ? null
        : { id: row.updated_by, name: row.updater_name, role: row.updater_role },
  };
}

/**
 * Plans a session with the acting profile as coach. Given evaluations, it proposes what to talk about:
 * the items they lost most points on and the moments worth playing, unless the coach chose them already.
 */
export async function createSession(
  database: Database,
  coachId: number,
  params: ParsedParams<'coaching.create'>,
  today: string,
  viewer?: Viewer,
): Promise<CoachingSession> {
  const at = nowIso(database);
  const id = await database.transaction(async (trx) => {
    // A team lead coaches the agents of their teams: another team's agent is not_found (services/viewer.ts).
    const agent = await agentRef(trx, params.agentId, 'agentId', viewer);
    const evaluations = await checkEvaluations(trx, agent, params.evaluationIds);
    if (params.momentIds) await checkMoments(trx, agent, params.momentIds);
    await checkMysteryShops(trx, coachId, agent, params.mysteryShopIds);
    if (params.focusItems) checkFocusItems(params.focusItems);
    const focusItems = params.focusItems ?? proposeFocusItems(evaluations);
    const momentIds = params.momentIds ?? (await proposeMoments(trx, evaluations));
    const { id: sessionId } = await trx
      .insertInto('coaching_sessions')
      .values({
        agent_id: agent.id,
        coach_id: coachId,
        held_on: params.heldOn,
        created_at: at,
        updated_at: at,
        updated_by: coachId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeFocusItems(trx, sessionId, focusItems);
    await writeEvaluationLinks(trx, sessionId, params.evaluationIds);
    await writeMomentLinks(trx, sessionId, momentIds);
    await writeMysteryShopLinks(trx, sessionId, params.mysteryShopIds);
    return sessionId;
  });
  return getSession(database.query, coachId, id, today);
}

/** The coach's session, still planned: what every change to its content needs. */
async function editableRow(q: Query, actingId: number, id: number, today: string): Promise<SessionRow> {
  const row = await sessionRow(q, id, today);
  assertCoach(row, actingId);
  assertPlanned(row);
  return row;
}

/** Who saved the session last, and when: the refusal of a change made on an older version. */
async function sessionConflict(q: Query, id: number, database: Database) {
  const row = await q
    .selectFrom('coaching_sessions as s')
    .leftJoin('reviewer_profiles as u', 'u.id', 's.updated_by')
    .select(['u.name', 's.updated_at'])
    .where('s.id', '=', id)
    .executeTakeFirstOrThrow();
  return editConflict('this session', { by: row.name, at: row.updated_at }, clockOf(database).now());
}

/** Changes what is given; links and focus items given replace the old ones, in the order given. */
export async function updateSession(
  database: Database,
  actingId: number,
  params: ParsedParams<'coaching.update'>,
  today: string,
): Promise<CoachingSession> {
  const at = nowIso(database);
  await database.transaction(async (trx) => {
    const row = await editableRow(trx, actingId, params.id, today);
    const heldOn = params.heldOn ?? row.held_on;
    const followUpOn = params.followUpOn === undefined ? row.follow_up_on : params.followUpOn;
    if (followUpOn !== null && followUpOn < heldOn) {
      throw new EarmarkError(
        'invalid_params',
        `followUpOn: the follow-up (${followUpOn}) cannot be before the session itself (${heldOn}).`,
      );
    }
    const agent = { id: row.agent_id, name: row.agent_name, teamName: row.team_name };
    if (params.evaluationIds) await checkEvaluations(trx, agent, params.evaluationIds);
    if (params.momentIds) await checkMoments(trx, agent, params.momentIds);
    if (params.mysteryShopIds) await checkMysteryShops(trx, actingId, agent, params.mysteryShopIds);
    if (params.focusItems) checkFocusItems(params.focusItems);
    // Written only on the version the change was made on, counted up in the same statement: of two
    // saves from one version, the second finds the version moved and writes nothing (on PostgreSQL it
    // waits for the first's row lock, then reads the committed row).
    const saved = await trx
      .updateTable('coaching_sessions')
      .set((eb) => ({
        held_on: heldOn,
        talking_points: params.talkingPoints ?? row.talking_points,
        follow_up_on: followUpOn,
        outcome: params.outcome ?? row.outcome,
        updated_at: at,
        updated_by: actingId,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', row.id)
      .where('version', '=', params.version)
      .returning('version')
      .executeTakeFirst();
    if (!saved) throw await sessionConflict(trx, row.id, database);
    if (params.focusItems) await writeFocusItems(trx, row.id, params.focusItems);
    if (params.evaluationIds) await writeEvaluationLinks(trx, row.id, params.evaluationIds);
    if (params.momentIds) await writeMomentLinks(trx, row.id, params.momentIds);
    if (params.mysteryShopIds) await writeMysteryShopLinks(trx, row.id, params.mysteryShopIds);
  });
  return getSession(database.query, actingId, params.id, today);
}

export async function closeSession(
  database: Database,
  actingId: number,
  params: { id: number; outcome?: string | undefined },
  today: string,
): Promise<CoachingSession> {
  const at = nowIso(database);
  await database.transaction(async (trx) => {
    const row = await sessionRow(trx, params.id, today);
    assertCoach(row, actingId);
    if (row.state === 'closed') {
      throw new EarmarkError('conflict', `Coaching session ${row.id} is closed already.`);
    }
    await trx
      .updateTable('coaching_sessions')
      .set((eb) => ({
        state: 'closed',
        closed_at: at,
        outcome: params.outcome ?? row.outcome,
        updated_at: at,
        updated_by: actingId,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', row.id)
      .execute();
  });
  return getSession(database.query, actingId, params.id, today);
}

export async function reopenSession(
  database: Database,
  actingId: number,
  id: number,
  today: string,
): Promise<CoachingSession> {
  const at = nowIso(database);
  await database.transaction(async (trx) => {
    const row = await sessionRow(trx, id, today);
    assertCoach(row, actingId);
    if (row.state !== 'closed') {
      throw new EarmarkError(
        'conflict',
        `Coaching session ${row.id} is not closed: there is nothing to reopen.`,
      );
    }
    await trx
      .updateTable('coaching_sessions')
      .set((eb) => ({
        state: 'planned',
        closed_at: null,
        updated_at: at,
        updated_by: actingId,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', row.id)
      .execute();
  });
  return getSession(database.query, actingId, id, today);
}
