import type { libraryMethods } from '../../../shared/api/methods/library';
import type { BackendContext, HandlersFor } from '../context';
import { getInteraction, libraryFacets, listInteractions } from './library';
import { peaksOf } from './recordings';
import { agentSight, assertSeesInteraction, assertSeesRecording } from './viewer';

/** A team lead's library holds their teams' agents' calls and chats only (services/viewer.ts). */
export function libraryHandlers({ database }: BackendContext): HandlersFor<keyof typeof libraryMethods> {
  const q = database.query;
  return {
    'library.list': (params, { viewer }) =>
      listInteractions(database, { ...params, sight: agentSight(viewer) }),
    'library.facets': (_, { viewer }) => libraryFacets(q, agentSight(viewer)),
    'interaction.get': async ({ id }, { viewer }) => {
      await assertSeesInteraction(q, viewer, id, `There is no interaction with id ${id}.`);
      return getInteraction(q, id);
    },
    'recording.peaks': async ({ recordingId, targetPeaks }, { viewer }) => {
      await assertSeesRecording(q, viewer, recordingId, `There is no recording with id ${recordingId}.`);
      return peaksOf(q, recordingId, targetPeaks);
    },
  };
}
