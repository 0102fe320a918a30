import type { agentMethods } from '../../../../shared/api/methods/agents';
import type { BackendContext, HandlersFor } from '../../context';
import { listAgents } from './list';
import { agentOverview } from './overview';

export function agentHandlers({ database }: BackendContext): HandlersFor<keyof typeof agentMethods> {
  return {
    'agent.list': (query) => listAgents(database, query),
    'agent.overview': (params) => agentOverview(database, params),
  };
}
