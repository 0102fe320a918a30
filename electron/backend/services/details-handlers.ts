import type { detailsMethods } from '../../../shared/api/methods/details';
import type { BackendContext, HandlersFor } from '../context';
import { applyDetails, assignAgent, readDetails } from './interaction-details';

export function detailsHandlers({ db, events }: BackendContext): HandlersFor<keyof typeof detailsMethods> {
  // Every window (and the agents and coaching views) refreshes from the one event.
  const changed = () => events.emit('library.changed', { reason: 'details' });
  return {
    'interaction.updateDetails': ({ id, details }) => {
      const update = applyDetails(db, id, details);
      if (update.changed) changed();
      return { ...readDetails(db, id), changed: update.changed };
    },
    'library.assignAgent': ({ ids, agentName, teamName }) => {
      const result = assignAgent(db, ids, agentName, teamName);
      if (result.changed > 0) changed();
      return result;
    },
  };
}
