import { useQueries, useQuery } from '@tanstack/react-query';
import { DEFAULT_AGENT_WINDOW } from '../../../../shared/api/methods/agents';
import type { CoachingSession } from '../../../../shared/api/methods/coaching';
import { api } from '../../api/client';
import { momentCandidates, type CandidateGroups } from './moment-candidates';

/**
 * The moments the coach can add to a session: those on the linked evaluations' calls and chats (the
 * review's own list, tagged or not) and the agent's tagged moments (the agent page's list). Keyed as the
 * review workspace and the agent page key them, so what is cached there is reused and refreshed here.
 */
export function useMomentCandidates(session: CoachingSession): {
  groups: CandidateGroups;
  isPending: boolean;
  error: Error | null;
} {
  // Two evaluations of the same call list its moments once.
  const interactionIds = [...new Set(session.evaluations.map((evaluation) => evaluation.interactionId))];
  const overview = useQuery({
    queryKey: ['agents', 'overview', session.agent.id, DEFAULT_AGENT_WINDOW],
    queryFn: () => api.agent.overview({ agentId: session.agent.id, window: DEFAULT_AGENT_WINDOW }),
  });
  const interactions = useQueries({
    queries: interactionIds.map((id) => ({
      queryKey: ['interaction', id],
      queryFn: () => api.interaction.get({ id }),
    })),
  });
  const moments = useQueries({
    queries: interactionIds.map((id) => ({
      queryKey: ['moments', id],
      queryFn: () => api.moment.list({ interactionId: id }),
    })),
  });
  const all = [overview, ...interactions, ...moments];
  const groups = momentCandidates({
    linkedIds: session.moments.map((moment) => moment.id),
    onEvaluations: interactionIds.flatMap((_, index) => {
      const interaction = interactions[index]?.data;
      const list = moments[index]?.data;
      return interaction && list ? [{ interaction, moments: list }] : [];
    }),
    tagged: overview.data?.moments ?? [],
  });
  return {
    groups,
    isPending: all.some((query) => query.isPending),
    error: all.find((query) => query.error)?.error ?? null,
  };
}
