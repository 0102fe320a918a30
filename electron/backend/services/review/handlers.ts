import type { reviewMethods } from '../../../../shared/api/methods/review';
import type { BackendContext, HandlersFor } from '../../context';
import { actorUnlessLocked as authorOf } from '../../request';
import { createMoment, deleteMoment, listMoments, undeleteMoment, updateMoment } from './moments';
import { interactionNeighbours } from './neighbours';
import { peaksWindow } from './peaks-window';
import { getPlaybackPosition, savePlaybackPosition } from './playback';
import { getShortcuts, resetShortcuts, updateShortcuts } from './shortcuts';
import { createTag, listTags } from './tags';

export function reviewHandlers({ database }: BackendContext): HandlersFor<keyof typeof reviewMethods> {
  return {
    'moment.list': ({ interactionId }) => listMoments(database.query, interactionId),
    'moment.create': (moment, request) => createMoment(database, moment, authorOf(request)),
    'moment.update': (changes, request) => updateMoment(database, changes, authorOf(request)),
    'moment.delete': ({ id }, request) => deleteMoment(database, id, authorOf(request)),
    'moment.restore': ({ id }, request) => undeleteMoment(database, id, authorOf(request)),
    'tag.list': () => listTags(database.query),
    'tag.create': ({ name }) => createTag(database, name),
    'playback.get': ({ interactionId }) => getPlaybackPosition(database.query, interactionId),
    'playback.save': ({ interactionId, positionMs }) =>
      savePlaybackPosition(database, interactionId, positionMs),
    'library.neighbours': ({ id, ...view }) => interactionNeighbours(database, id, view),
    'recording.peaksWindow': (window) => peaksWindow(database.query, window),
    'shortcuts.get': () => getShortcuts(database.query),
    'shortcuts.update': ({ bindings }) => updateShortcuts(database, bindings),
    'shortcuts.reset': ({ ids }) => resetShortcuts(database, ids),
  };
}
