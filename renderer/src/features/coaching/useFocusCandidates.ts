import { useQueries } from '@tanstack/react-query';
import type { CoachingSession } from '../../../../shared/api/methods/coaching';
import { scoreEvaluation } from '../../../../shared/rubric/scoring';
import { api } from '../../api/client';
import { evaluationKey } from '../evaluation/EvaluationSheet';
import { rankFocusCandidates, type FocusCandidate, type ScoredItem } from './coaching-logic';

/**
 * The rubric items of the session's evaluations, scored as each evaluation scored them, ranked by the
 * points lost: what the coach can add as focus. Loaded only for the coach (nobody else adds any).
 */
export function useFocusCandidates(session: CoachingSession, enabled: boolean) {
  const details = useQueries({
    queries: session.evaluations.map((evaluation) => ({
      queryKey: evaluationKey(evaluation.id),
      queryFn: () => api.evaluation.get({ id: evaluation.id }),
      enabled,
    })),
  });
  const scored: ScoredItem[] = details.flatMap(({ data }) => {
    if (!data) return [];
    const sectionTitle = new Map(data.rubric.sections.map((section) => [section.id, section.title]));
    return scoreEvaluation(data.rubric, data.answers).items.map((item) => ({
      itemId: item.itemId,
      title: item.title,
      sectionTitle: sectionTitle.get(item.sectionId) ?? null,
      possible: item.possible,
      earned: item.earned,
      criticalFail: item.criticalFail,
    }));
  });
  const candidates: FocusCandidate[] = rankFocusCandidates(scored, session.focusItems);
  return { candidates, isPending: details.some((query) => query.isPending && enabled) };
}
