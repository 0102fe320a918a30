import { useQuery } from '@tanstack/react-query';
import { namedOptions } from '../../app/options';
import { api } from '../../api/client';
import { useProfiles } from '../profiles/useProfiles';

/** The agents to pick from: the library's facets (shared with its filter bar, so one fetch serves both). */
export function useAgentOptions() {
  const facets = useQuery({ queryKey: ['library', 'facets'], queryFn: () => api.library.facets({}) });
  return {
    agents: facets.data?.agents ?? [],
    isPending: facets.isPending,
    options: (facets.data?.agents ?? []).map((agent) => ({
      value: String(agent.id),
      label: agent.teamName ? `${agent.name} · ${agent.teamName}` : agent.name,
    })),
  };
}

/** Coaches are reviewer profiles. */
export function useCoachOptions() {
  const { data } = useProfiles();
  return namedOptions(data?.profiles ?? []);
}
