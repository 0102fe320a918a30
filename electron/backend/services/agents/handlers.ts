import type { agentMethods } from '../../../../shared/api/methods/agents';
import type { BackendContext, HandlersFor } from '../../context';
import { listAgents } from './list';
import { agentOverview } from './overview';

export function agentHandlers({ database }: BackendContext): HandlersFor<keyof typeof agentMethods> {
  return {
    // Only the agents the viewer sees: a team lead's teams, an agent themselves (services/viewer.ts).
    'agent.list': (query, { viewer }) => listAgents(database, query, viewer),
    'agent.overview': (params, { viewer }) => agentOverview(database, params, viewer),
  };
}
