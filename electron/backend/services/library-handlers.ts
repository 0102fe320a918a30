import type { libraryMethods } from '../../../shared/api/methods/library';
import type { BackendContext, HandlersFor } from '../context';
import { getInteraction, libraryFacets, listInteractions } from './library';
import { peaksOf } from './recordings';

export function libraryHandlers({ db }: BackendContext): HandlersFor<keyof typeof libraryMethods> {
  return {
    'library.list': (params) => listInteractions(db, params),
    'library.facets': () => libraryFacets(db),
    'interaction.get': ({ id }) => getInteraction(db, id),
    'recording.peaks': ({ recordingId, targetPeaks }) => peaksOf(db, recordingId, targetPeaks),
  };
}
