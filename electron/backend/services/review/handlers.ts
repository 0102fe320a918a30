import type { reviewMethods } from '../../../../shared/api/methods/review';
import type { BackendContext, HandlersFor } from '../../context';
import { actorUnlessLocked as authorOf } from '../../request';
import { createMoment, deleteMoment, listMoments, undeleteMoment, updateMoment } from './moments';
import { interactionNeighbours } from './neighbours';
import { peaksWindow } from './peaks-window';
import { getPlaybackPosition, savePlaybackPosition } from './playback';
import { getShortcuts, resetShortcuts, updateShortcuts } from './shortcuts';
import { createTag, listTags } from './tags';
import { agentSight, assertSeesInteraction, assertSeesRecording } from '../viewer';

const noInteraction = (id: number) => `interactionId: there is no interaction with id ${id}.`;
const noRecording = (id: number) => `recordingId: there is no recording with id ${id}.`;

export function reviewHandlers({ database }: BackendContext): HandlersFor<keyof typeof reviewMethods> {
  return {
    // A team lead's view of the review screen: only their teams' agents' calls and chats (../viewer.ts).
    'moment.list': async ({ interactionId }, { viewer }) => {
      await assertSeesInteraction(database.query, viewer, interactionId, noInteraction(interactionId));
      return listMoments(database.query, interactionId);
    },
    'moment.create': async (moment, request) => {
      const { interactionId } = moment;
      await assertSeesInteraction(
        database.query,
        request.viewer,
        interactionId,
        noInteraction(interactionId),
      );
      return createMoment(database, moment, authorOf(request));
    },
    'moment.update': (changes, request) => updateMoment(database, changes, authorOf(request)),
    'moment.delete': ({ id }, request) => deleteMoment(database, id, authorOf(request)),
    'moment.restore': ({ id }, request) => undeleteMoment(database, id, authorOf(request)),
    'tag.list': () => listTags(database.query),
    'tag.create': ({ name }) => createTag(database, name),
    'playback.get': async ({ interactionId }, { viewer }) => {
      await assertSeesInteraction(database.query, viewer, interactionId, noInteraction(interactionId));
      return getPlaybackPosition(database.query, interactionId);
    },
    'playback.save': async ({ interactionId, positionMs }, { viewer }) => {
      await assertSeesInteraction(database.query, viewer, interactionId, noInteraction(interactionId));
      return savePlaybackPosition(database, interactionId, positionMs);
    },
    'library.neighbours': async ({ id, ...view }, { viewer }) => {
      await assertSeesInteraction(database.query, viewer, id, `id: there is no interaction with id ${id}.`);
      return interactionNeighbours(database, id, { ...view, sight: agentSight(viewer) });
    },
    'recording.peaksWindow': async (window, { viewer }) => {
      await assertSeesRecording(database.query, viewer, window.recordingId, noRecording(window.recordingId));
      return peaksWindow(database.query, window);
    },
    'shortcuts.get': () => getShortcuts(database.query),
    'shortcuts.update': ({ bindings }) => updateShortcuts(database, bindings),
    'shortcuts.reset': ({ ids }) => resetShortcuts(database, ids),
  };
}
