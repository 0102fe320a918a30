import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface AgentChoices {
  agentNames: string[];
  teamNames: string[];
  /** The team of the agent of this name, when exactly one agent has it (so picking the name fills the team). */
  onlyTeamOf: (agentName: string) => string | null | undefined;
}

/** The agents and teams already known, to pick from (the same list the library filters use). */
export function useAgentChoices(): AgentChoices {
  const facets = useQuery({ queryKey: ['library', 'facets'], queryFn: () => api.library.facets({}) });
  const agents = facets.data?.agents ?? [];
  const key = (name: string) => name.trim().toLocaleLowerCase();
  return {
    agentNames: [...new Set(agents.map((agent) => agent.name))],
    teamNames: (facets.data?.teams ?? []).map((team) => team.name),
    onlyTeamOf: (agentName) => {
      const named = agents.filter((agent) => key(agent.name) === key(agentName));
      return named.length === 1 ? named[0]!.teamName : undefined;
    },
  };
}
