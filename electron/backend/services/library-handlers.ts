import type { libraryMethods } from '../../../shared/api/methods/library';
import type { BackendContext, HandlersFor } from '../context';
import { getInteraction, listInteractions } from './library';
import { peaksOf } from './recordings';

export function libraryHandlers({ db }: BackendContext): HandlersFor<keyof typeof libraryMethods> {
  return {
    'library.list': (params) => listInteractions(db, params),
    'interaction.get': ({ id }) => getInteraction(db, id),
    'recording.peaks': ({ recordingId, targetPeaks }) => peaksOf(db, recordingId, targetPeaks),
  };
}
