import type { ParsedParams } from '../../../../shared/api';
import type { CalibrationSession } from '../../../../shared/api/methods/calibration';
import { EarmarkError } from '../../../../shared/errors';
import { answerMismatch, type AnswerValue } from '../../../../shared/rubric/answers';
import { scoreEvaluation } from '../../../../shared/rubric/scoring';
import { nowIso } from '../../clock';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';
import { loadVersion } from '../rubrics/version-cache';
import { assertInSession, getSession, lookerOf, sessionRow } from './sessions';

/**
 * A participant's side of a session: answers autosaved per interaction, then handed in once every
 * interaction is scored; and the manager's reveal. Answers are written only by their own participant,
 * only while they have not handed in and the session is not revealed.
 */

async function participantRow(trx: Query, sessionId: number, profileId: number) {
  return trx
    .selectFrom('calibration_participants')
    .select('submitted_at')
    .where('session_id', '=', sessionId)
    .where('profile_id', '=', profileId)
    .executeTakeFirst();
}

/** Refuses unless the actor scores in this open session and has not handed in yet. */
async function openForScoring(trx: Query, actorId: number, sessionId: number, field: string) {
  const looker = await lookerOf(trx, actorId);
  const session = await sessionRow(trx, looker, sessionId, field);
  const me = await participantRow(trx, sessionId, actorId);
  if (!me)
    throw new EarmarkError(
      'not_allowed',
      `${field}: you do not take part in "${session.name}"; only its participants score in it.`,
    );
  if (session.revealed_at !== null)
    throw new EarmarkError(
      'conflict',
      `${field}: "${session.name}" was revealed on ${session.revealed_at}; its answers are final.`,
    );
  if (me.submitted_at !== null)
    throw new EarmarkError(
      'conflict',
      `${field}: you handed in your answers to "${session.name}" on ${me.submitted_at}; they are final.`,
    );
  return session;
}

export async function saveAnswers(
  database: Database,
  actorId: number,
  params: ParsedParams<'calibration.saveAnswers'>,
): Promise<{ updatedAt: string }> {
  const at = nowIso(database);
  await database.transaction(async (trx) => {
    const session = await openForScoring(trx, actorId, params.sessionId, 'sessionId');
    await assertInSession(trx, { id: params.sessionId, name: session.name }, params.interactionId);
    const version = await loadVersion(trx, session.rubric_version_id);
    for (const [index, patch] of params.answers.entries()) {
      const entry = version.items.get(patch.itemId);
      if (!entry)
        throw new EarmarkError(
          'invalid_params',
          `answers[${index}].itemId: rubric '${version.rubric.name}' (version ${version.version}) has no item '${patch.itemId}'.`,
        );
      if (patch.value) {
        const mismatch = answerMismatch(entry.item, patch.value);
        if (mismatch)
          throw new EarmarkError(
            'invalid_params',
            `answers[${index}].value ('${patch.itemId}'): ${mismatch}.`,
          );
      }
    }
    for (const patch of params.answers) {
      await trx
        .insertInto('calibration_answers')
        .values({
          session_id: params.sessionId,
          profile_id: actorId,
          interaction_id: params.interactionId,
          item_id: patch.itemId,
          value: patch.value ? JSON.stringify(patch.value) : null,
          comment: patch.comment ?? '',
          updated_at: at,
        })
        .onConflict((conflict) =>
          conflict.columns(['session_id', 'profile_id', 'interaction_id', 'item_id']).doUpdateSet((eb) => ({
            ...(patch.value === undefined ? {} : { value: eb.ref('excluded.value') }),
            ...(patch.comment === undefined ? {} : { comment: eb.ref('excluded.comment') }),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  });
  return { updatedAt: at };
}

/** Hands in: refused, naming the first gap, unless every interaction is scored as a submit would need. */
export async function submitAnswers(
  database: Database,
  actorId: number,
  id: number,
): Promise<CalibrationSession> {
  const at = nowIso(database);
  await database.transaction(async (trx) => {
    const session = await openForScoring(trx, actorId, id, 'id');
    const version = await loadVersion(trx, session.rubric_version_id);
    const interactions = await trx
      .selectFrom('calibration_interactions as c')
      .innerJoin('interactions as i', 'i.id', 'c.interaction_id')
      .select(['c.interaction_id', 'c.position', 'i.title'])
      .where('c.session_id', '=', id)
      .orderBy('c.position')
      .execute();
    const rows = await trx
      .selectFrom('calibration_answers')
      .select(['interaction_id', 'item_id', 'value', 'comment'])
      .where('session_id', '=', id)
      .where('profile_id', '=', actorId)
      .execute();
    for (const interaction of interactions) {
      const answers = rows
        .filter((row) => row.interaction_id === interaction.interaction_id)
        .map((row) => ({
          itemId: row.item_id,
          value: row.value === null ? null : (JSON.parse(row.value) as AnswerValue),
          comment: row.comment,
        }));
      const breakdown = scoreEvaluation(version.rubric, answers);
      const gap = breakdown.unansweredItemIds[0] ?? breakdown.missingCommentItemIds[0];
      if (gap) {
        const title = version.items.get(gap)?.item.title ?? gap;
        const what = breakdown.unansweredItemIds.length > 0 ? 'is not answered' : 'needs a comment';
        throw new EarmarkError(
          'conflict',
          `id: interaction ${interaction.position + 1} ("${interaction.title}"): "${title}" ${what} yet; score every interaction before handing in.`,
        );
      }
    }
    await trx
      .updateTable('calibration_participants')
      .set({ submitted_at: at })
      .where('session_id', '=', id)
      .where('profile_id', '=', actorId)
      .execute();
  });
  return getSession(database.query, actorId, id);
}

/**
 * The manager reveals: refused while someone has not handed in, naming them, unless `closeMissing`;
 * then they stay missing for good (counted and named on the result, left out of the figures).
 */
export async function revealSession(
  database: Database,
  actorId: number,
  { id, closeMissing }: ParsedParams<'calibration.reveal'>,
): Promise<CalibrationSession> {
  const at = nowIso(database);
  await database.transaction(async (trx) => {
    const looker = await lookerOf(trx, actorId);
    let select = trx.selectFrom('calibration_sessions').select(['name', 'revealed_at']).where('id', '=', id);
    if (database.engine === 'postgres') select = select.forUpdate();
    const session = await select.executeTakeFirst();
    if (!session || !looker.manager) {
      // A participant gets the role table's refusal before this; a looker who is neither sees nothing.
      await sessionRow(trx, looker, id);
      throw new EarmarkError('not_allowed', 'Only a QA manager reveals a calibration session.');
    }
    if (session.revealed_at !== null)
      throw new EarmarkError(
        'conflict',
        `id: "${session.name}" was revealed already, on ${session.revealed_at}.`,
      );
    const waiting = await trx
      .selectFrom('calibration_participants as p')
      .innerJoin('reviewer_profiles as r', 'r.id', 'p.profile_id')
      .select('r.name')
      .where('p.session_id', '=', id)
      .where('p.submitted_at', 'is', null)
      .orderBy('r.name')
      .execute();
    const handedIn = await trx
      .selectFrom('calibration_participants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('session_id', '=', id)
      .where('submitted_at', 'is not', null)
      .executeTakeFirstOrThrow();
    if (waiting.length > 0 && !closeMissing)
      throw new EarmarkError(
        'conflict',
        `id: ${waiting.length} ${waiting.length === 1 ? 'participant has' : 'participants have'} not handed in yet (${waiting.map((w) => w.name).join(', ')}); wait for them, or close the session without them.`,
      );
    if (Number(handedIn.n) < 2)
      throw new EarmarkError(
        'conflict',
        `id: only ${Number(handedIn.n)} of the participants handed in; agreement needs at least two to compare.`,
      );
    await trx
      .updateTable('calibration_sessions')
      .set({ revealed_at: at, revealed_by: actorId })
      .where('id', '=', id)
      .execute();
  });
  return getSession(database.query, actorId, id);
}
