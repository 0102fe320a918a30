import type { reelMethods } from '../../../../shared/api/methods/reels';
import type { BackendContext, HandlersFor } from '../../context';
import { reelCandidates } from './candidates';
import { createReel, deleteReel, getReel, listReels, updateReel } from './reels';

/**
 * Reels are shared with the team: every profile reads them, and changing one needs a chosen (and, with a
 * passphrase, unlocked) profile, so nobody edits what a team meeting will show while anonymous.
 */
export function reelHandlers({ db, profiles }: BackendContext): HandlersFor<keyof typeof reelMethods> {
  return {
    'reel.candidates': (query) => reelCandidates(db, query),
    'reel.list': () => listReels(db),
    'reel.get': ({ id }) => getReel(db, id),
    'reel.create': (params) => createReel(db, profiles.actingProfileId(), params),
    'reel.update': (params) => {
      profiles.actingProfileId();
      return updateReel(db, params);
    },
    'reel.delete': ({ id }) => {
      profiles.actingProfileId();
      return deleteReel(db, id);
    },
  };
}
