import type { reelMethods } from '../../../../shared/api/methods/reels';
import type { BackendContext, HandlersFor } from '../../context';
import { reelCandidates } from './candidates';
import { createReel, deleteReel, getReel, listReels, updateReel } from './reels';

/**
 * Reels are shared with the team: every profile reads them, and changing one needs a chosen (and, with a
 * passphrase, unlocked) profile (`actor: 'required'` in the contract), so nobody edits what a team
 * meeting will show while anonymous.
 */
export function reelHandlers({ db }: BackendContext): HandlersFor<keyof typeof reelMethods> {
  return {
    'reel.candidates': (query) => reelCandidates(db, query),
    'reel.list': () => listReels(db),
    'reel.get': ({ id }) => getReel(db, id),
    'reel.create': (params, { actorId }) => createReel(db, actorId, params),
    'reel.update': (params) => updateReel(db, params),
    'reel.delete': ({ id }) => deleteReel(db, id),
  };
}
