import type { libraryMethods } from '../../../shared/api/methods/library';
import type { BackendContext, HandlersFor } from '../context';
import { getInteraction, libraryFacets, listInteractions } from './library';
import { peaksOf } from './recordings';

export function libraryHandlers({ database }: BackendContext): HandlersFor<keyof typeof libraryMethods> {
  return {
    'library.list': (params) => listInteractions(database, params),
    'library.facets': () => libraryFacets(database.query),
    'interaction.get': ({ id }) => getInteraction(database.query, id),
    'recording.peaks': ({ recordingId, targetPeaks }) => peaksOf(database.query, recordingId, targetPeaks),
  };
}
