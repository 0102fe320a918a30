import type { EvaluationSummary } from '../../../../shared/api/methods/evaluations';

/** Newest call first (the submit time where the call's time is unknown): the order a coach looks back in. */
export function newestCallFirst(evaluations: readonly EvaluationSummary[]): EvaluationSummary[] {
  const when = (evaluation: EvaluationSummary) => evaluation.startedAt ?? evaluation.submittedAt ?? '';
  return [...evaluations].sort((a, b) => when(b).localeCompare(when(a)));
}
