import type { Backend } from '../../../electron/backend/backend';
import type { EvaluationDetail } from '../../../shared/api/methods/evaluations';
import { callAs } from '../../support/backend';
import { publishSmallRubric } from '../evaluations/fixture';

/** A submitted evaluation of `interactionId` on a small published rubric, by `reviewerId`. */
export async function submittedEvaluation(
  backend: Backend,
  reviewerId: number,
  interactionId: number,
  overallComment: string,
): Promise<{ rubricId: number; evaluationId: number }> {
  const rubric = await publishSmallRubric(backend, reviewerId);
  const evaluation = await callAs<EvaluationDetail>(backend, reviewerId, 'evaluation.start', {
    interactionId,
    rubricId: rubric.id,
  });
  await callAs(backend, reviewerId, 'evaluation.saveDraft', {
    id: evaluation.id,
    overallComment,
    answers: [
      { itemId: 'greeting', value: { kind: 'no' } },
      { itemId: 'polite', value: { kind: 'yes' } },
      { itemId: 'knowledge', value: { kind: 'scale', value: 1 } },
    ],
  });
  await callAs(backend, reviewerId, 'evaluation.submit', { id: evaluation.id });
  return { rubricId: rubric.id, evaluationId: evaluation.id };
}
