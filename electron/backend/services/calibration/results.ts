import type { ParsedParams } from '../../../../shared/api';
import type { CalibrationResults } from '../../../../shared/api/methods/calibration';
import { calibrationFigures } from '../../../../shared/calibration/figures';
import { EarmarkError } from '../../../../shared/errors';
import { answerMismatch, type AnswerValue } from '../../../../shared/rubric/answers';
import { nowIso } from '../../clock';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';
import { loadVersion } from '../rubrics/version-cache';
import { assertInSession, getSession, lookerOf, participantsOf, sessionRow } from './sessions';

/** How many earlier sessions the "over time" line of a participant reaches back. */
const HISTORY_SESSIONS = 24;

const cellKey = (interactionId: number, itemId: string) => `${interactionId}\u0000${itemId}`;
const answerKey = (profileId: number, interactionId: number, itemId: string) =>
  `${profileId}\u0000${interactionId}\u0000${itemId}`;

/** The figures of one revealed session, from its counted participants' answers. */
async function figuresOf(q: Query, sessionId: number, withoutIntervals = false) {
  const session = await q
    .selectFrom('calibration_sessions')
    .select(['rubric_version_id', 'expert_id'])
    .where('id', '=', sessionId)
    .executeTakeFirstOrThrow();
  const [version, interactions, participants, answers, agreed] = await Promise.all([
    loadVersion(q, session.rubric_version_id),
    q
      .selectFrom('calibration_interactions')
      .select('interaction_id')
      .where('session_id', '=', sessionId)
      .orderBy('position')
      .execute(),
    participantsOf(q, [sessionId]),
    q
      .selectFrom('calibration_answers as a')
      .innerJoin('calibration_participants as p', (join) =>
        join.onRef('p.session_id', '=', 'a.session_id').onRef('p.profile_id', '=', 'a.profile_id'),
      )
      .select(['a.profile_id', 'a.interaction_id', 'a.item_id', 'a.value'])
      .where('a.session_id', '=', sessionId)
      // Someone who never handed in is missing: a half-filled form would skew the figures.
      .where('p.submitted_at', 'is not', null)
      .execute(),
    q
      .selectFrom('calibration_agreed')
      .select(['interaction_id', 'item_id', 'value'])
      .where('session_id', '=', sessionId)
      .execute(),
  ]);
  const given = new Map(
    answers
      .filter((row) => row.value !== null)
      .map((row) => [
        answerKey(row.profile_id, row.interaction_id, row.item_id),
        JSON.parse(row.value!) as AnswerValue,
      ]),
  );
  const settled = new Map(
    agreed.map((row) => [cellKey(row.interaction_id, row.item_id), JSON.parse(row.value) as AnswerValue]),
  );
  const counted = participants.filter((p) => p.submitted_at !== null);
  const expertId = counted.some((p) => p.profile_id === session.expert_id) ? session.expert_id : null;
  const figures = calibrationFigures({
    rubric: version.rubric,
    interactionIds: interactions.map((row) => row.interaction_id),
    participantIds: counted.map((p) => p.profile_id),
    answer: (profileId, interactionId, itemId) => given.get(answerKey(profileId, interactionId, itemId)),
    expertId,
    agreed: (interactionId, itemId) => settled.get(cellKey(interactionId, itemId)),
    seed: sessionId,
    withoutIntervals,
  });
  return { figures, counted };
}

/** Refused before the reveal, to everyone: nobody reads anyone else's answers until then. */
async function revealedRow(q: Query, actorId: number, id: number, field: string) {
  const looker = await lookerOf(q, actorId);
  const row = await sessionRow(q, looker, id, field);
  if (row.revealed_at === null)
    throw new EarmarkError(
      'conflict',
      `${field}: "${row.name}" is not revealed yet; everyone's answers are shown once the manager reveals them.`,
    );
  return { looker, row };
}

export async function sessionResults(q: Query, actorId: number, id: number): Promise<CalibrationResults> {
  await revealedRow(q, actorId, id, 'id');
  const { myAnswers: _own, ...session } = await getSession(q, actorId, id);
  const { figures, counted } = await figuresOf(q, id);
  const history = await historyOf(
    q,
    counted.map((p) => p.profile_id),
  );
  return {
    session,
    counted: counted.map((p) => ({ id: p.profile_id, name: p.name, role: p.role })),
    figures,
    history: counted.map((p) => ({
      reviewer: { id: p.profile_id, name: p.name, role: p.role },
      sessions: history.flatMap((past) => {
        const deviation = past.figures.deviations.find((d) => d.participantId === p.profile_id);
        return deviation
          ? [
              {
                sessionId: past.id,
                name: past.name,
                revealedAt: past.revealedAt,
                meanDeviation: deviation.meanDeviation,
                meanAbsoluteDeviation: deviation.meanAbsoluteDeviation,
              },
            ]
          : [];
      }),
    })),
  };
}

/** The revealed sessions these participants handed in to, oldest first, with their figures. */
async function historyOf(q: Query, profileIds: readonly number[]) {
  if (profileIds.length === 0) return [];
  const sessions = await q
    .selectFrom('calibration_sessions as s')
    .select(['s.id', 's.name', 's.revealed_at'])
    .where('s.revealed_at', 'is not', null)
    .where('s.id', 'in', (eb) =>
      eb
        .selectFrom('calibration_participants')
        .select('session_id')
        .where('profile_id', 'in', [...profileIds])
        .where('submitted_at', 'is not', null),
    )
    .orderBy('s.revealed_at', 'desc')
    .limit(HISTORY_SESSIONS)
    .execute();
  const withFigures = [];
  for (const session of sessions.reverse()) {
    withFigures.push({
      id: session.id,
      name: session.name,
      revealedAt: session.revealed_at!,
      figures: (await figuresOf(q, session.id, true)).figures,
    });
  }
  return withFigures;
}

/** The manager records (or clears) what the group agreed for a criterion of an interaction. */
export async function agreeAnswer(
  database: Database,
  actorId: number,
  params: ParsedParams<'calibration.agree'>,
): Promise<CalibrationResults> {
  const at = nowIso(database);
  await database.transaction(async (trx) => {
    const { looker, row } = await revealedRow(trx, actorId, params.sessionId, 'sessionId');
    if (!looker.manager)
      throw new EarmarkError('not_allowed', 'Only a QA manager records the agreed answer.');
    await assertInSession(trx, { id: params.sessionId, name: row.name }, params.interactionId);
    const version = await loadVersion(trx, row.rubric_version_id);
    const entry = version.items.get(params.itemId);
    if (!entry)
      throw new EarmarkError(
        'invalid_params',
        `itemId: rubric '${version.rubric.name}' has no item '${params.itemId}'.`,
      );
    const where = (query: typeof trx) =>
      query
        .deleteFrom('calibration_agreed')
        .where('session_id', '=', params.sessionId)
        .where('interaction_id', '=', params.interactionId)
        .where('item_id', '=', params.itemId);
    await where(trx).execute();
    if (params.value === null) return;
    const mismatch = answerMismatch(entry.item, params.value);
    if (mismatch) throw new EarmarkError('invalid_params', `value ('${params.itemId}'): ${mismatch}.`);
    await trx
      .insertInto('calibration_agreed')
      .values({
        session_id: params.sessionId,
        interaction_id: params.interactionId,
        item_id: params.itemId,
        value: JSON.stringify(params.value),
        set_by: actorId,
        set_at: at,
      })
      .execute();
  });
  return sessionResults(database.query, actorId, params.sessionId);
}
