import type { Backend } from '../../../electron/backend/backend';
import type { EvaluationDetail } from '../../../shared/api/methods/evaluations';
import { call } from '../../support/backend';
import { publishSmallRubric } from '../evaluations/fixture';

/** A submitted evaluation of `interactionId` on a small published rubric, by `reviewerId`. */
export async function submittedEvaluation(
  backend: Backend,
  reviewerId: number,
  interactionId: number,
  overallComment: string,
): Promise<{ rubricId: number; evaluationId: number }> {
  const rubric = await publishSmallRubric(backend, reviewerId);
  const evaluation = await call<EvaluationDetail>(backend, 'evaluation.start', {
    interactionId,
    rubricId: rubric.id,
    reviewerId,
  });
  await call(backend, 'evaluation.saveDraft', {
    id: evaluation.id,
    reviewerId,
    overallComment,
    answers: [
      { itemId: 'greeting', value: { kind: 'no' } },
      { itemId: 'polite', value: { kind: 'yes' } },
      { itemId: 'knowledge', value: { kind: 'scale', value: 1 } },
    ],
  });
  await call(backend, 'evaluation.submit', { id: evaluation.id, reviewerId });
  return { rubricId: rubric.id, evaluationId: evaluation.id };
}
