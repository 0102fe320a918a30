import type { EvaluationDetail } from '../../../../shared/api/methods/evaluations';
import { EarmarkError } from '../../../../shared/errors';
import type { Clock } from '../../clock';
import type { Viewer } from '../../context';
import type { Database } from '../../db/database';
import { latestSubmission } from './lifecycle';
import { evaluationRow, getEvaluation } from './read';

/**
 * An agent's answer to their own submitted evaluation (DOMAIN.md: agents read and acknowledge their
 * evaluations, and may dispute them): who answered and when is stored with the submission answered,
 * once per submission; a reviewer who reopens and submits again asks afresh, the earlier answer kept.
 * Only the agent of the evaluated call or chat answers, from their team account; any other evaluation
 * is `not_found` to them, as everywhere an agent looks (services/viewer.ts).
 */
export async function answerEvaluation(
  database: Database,
  clock: Clock,
  viewer: Viewer | undefined,
  id: number,
  answer: { response: 'acknowledged' } | { response: 'disputed'; reason: string },
): Promise<EvaluationDetail> {
  if (viewer?.role !== 'agent' || viewer.agentId === null) {
    throw new EarmarkError(
      'not_allowed',
      'Only the agent whose call or chat was evaluated acknowledges or disputes it, from their own team account.',
    );
  }
  await database.transaction(async (trx) => {
    const row = await evaluationRow(trx, id, viewer);
    if (row.response !== null) {
      const what = row.response === 'acknowledged' ? 'acknowledged' : 'disputed';
      throw new EarmarkError(
        'conflict',
        `You ${what} evaluation ${id} on ${row.response_at?.slice(0, 10) ?? 'an earlier day'}; each submission of an evaluation is answered once.`,
        { reason: 'already_answered' },
      );
    }
    // The submission answered: the latest (an evaluation reopened and submitted again is answered afresh).
    const submission = await latestSubmission(trx, id);
    if (!submission) throw new Error(`Evaluation ${id} is submitted but its audit trail has no submit.`);
    await trx
      .insertInto('evaluation_responses')
      .values({
        evaluation_id: id,
        submission_id: submission.id,
        response: answer.response,
        reason: answer.response === 'disputed' ? answer.reason : null,
        profile_id: viewer.profileId,
        at: clock.now().toISOString(),
      })
      .execute();
  });
  return getEvaluation(database.query, id, viewer);
}
