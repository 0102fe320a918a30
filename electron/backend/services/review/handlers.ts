import type { reviewMethods } from '../../../../shared/api/methods/review';
import type { BackendContext, HandlersFor } from '../../context';
import { actorUnlessLocked as authorOf } from '../../request';
import { createMoment, deleteMoment, listMoments, undeleteMoment, updateMoment } from './moments';
import { interactionNeighbours } from './neighbours';
import { peaksWindow } from './peaks-window';
import { getPlaybackPosition, savePlaybackPosition } from './playback';
import { getShortcuts, resetShortcuts, updateShortcuts } from './shortcuts';
import { createTag, listTags } from './tags';

export function reviewHandlers({ db }: BackendContext): HandlersFor<keyof typeof reviewMethods> {
  return {
    'moment.list': ({ interactionId }) => listMoments(db, interactionId),
    'moment.create': (moment, request) => createMoment(db, moment, authorOf(request)),
    'moment.update': (changes, request) => updateMoment(db, changes, authorOf(request)),
    'moment.delete': ({ id }, request) => deleteMoment(db, id, authorOf(request)),
    'moment.restore': ({ id }, request) => undeleteMoment(db, id, authorOf(request)),
    'tag.list': () => listTags(db),
    'tag.create': ({ name }) => createTag(db, name),
    'playback.get': ({ interactionId }) => getPlaybackPosition(db, interactionId),
    'playback.save': ({ interactionId, positionMs }) => savePlaybackPosition(db, interactionId, positionMs),
    'library.neighbours': ({ id, ...view }) => interactionNeighbours(db, id, view),
    'recording.peaksWindow': (window) => peaksWindow(db, window),
    'shortcuts.get': () => getShortcuts(db),
    'shortcuts.update': ({ bindings }) => updateShortcuts(db, bindings),
    'shortcuts.reset': ({ ids }) => resetShortcuts(db, ids),
  };
}
