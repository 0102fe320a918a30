import type { reelMethods } from '../../../../shared/api/methods/reels';
import type { BackendContext, HandlersFor } from '../../context';
import { reelCandidates } from './candidates';
import { agentSight } from '../viewer';
import { createReel, deleteReel, getReel, listReels, updateReel } from './reels';

/**
 * Reels are shared with the team: every profile reads them (a team lead the moments of their teams'
 * agents in them, services/viewer.ts), and changing one needs a chosen (and, with a
 * passphrase, unlocked) profile (`actor: 'required'` in the contract), so nobody edits what a team
 * meeting will show while anonymous.
 */
export function reelHandlers({ database }: BackendContext): HandlersFor<keyof typeof reelMethods> {
  return {
    'reel.candidates': (query, { viewer }) => reelCandidates(database.query, query, agentSight(viewer)),
    'reel.list': (_params, { viewer }) => listReels(database.query, agentSight(viewer)),
    'reel.get': ({ id }, { viewer }) => getReel(database.query, id, agentSight(viewer)),
    'reel.create': (params, { actorId, viewer }) => createReel(database, actorId, params, agentSight(viewer)),
    'reel.update': (params, { viewer }) => updateReel(database, params, agentSight(viewer)),
    'reel.delete': ({ id }, { viewer }) => deleteReel(database.query, id, agentSight(viewer)),
  };
}
