import type { detailsMethods } from '../../../shared/api/methods/details';
import type { BackendContext, HandlersFor } from '../context';
import { assignAgent, interactionDetails, updateDetails } from './interaction-details';

export function detailsHandlers({
  database,
  events,
}: BackendContext): HandlersFor<keyof typeof detailsMethods> {
  // Every window (and the agents and coaching views) refreshes from the one event.
  const changed = () => events.emit('library.changed', { reason: 'details' });
  return {
    'interaction.updateDetails': async ({ id, details }) => {
      const update = await updateDetails(database, id, details);
      if (update.changed) changed();
      return { ...(await interactionDetails(database.query, id)), changed: update.changed };
    },
    'library.assignAgent': async ({ ids, agentName, teamName }) => {
      const result = await assignAgent(database, ids, agentName, teamName);
      if (result.changed > 0) changed();
      return result;
    },
  };
}
