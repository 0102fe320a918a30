import type { reelMethods } from '../../../../shared/api/methods/reels';
import type { BackendContext, HandlersFor } from '../../context';
import { reelCandidates } from './candidates';
import { createReel, deleteReel, getReel, listReels, updateReel } from './reels';

/**
 * Reels are shared with the team: every profile reads them, and changing one needs a chosen (and, with a
 * passphrase, unlocked) profile (`actor: 'required'` in the contract), so nobody edits what a team
 * meeting will show while anonymous.
 */
export function reelHandlers({ database }: BackendContext): HandlersFor<keyof typeof reelMethods> {
  return {
    'reel.candidates': (query) => reelCandidates(database.query, query),
    'reel.list': () => listReels(database.query),
    'reel.get': ({ id }) => getReel(database.query, id),
    'reel.create': (params, { actorId }) => createReel(database, actorId, params),
    'reel.update': (params) => updateReel(database, params),
    'reel.delete': ({ id }) => deleteReel(database.query, id),
  };
}
