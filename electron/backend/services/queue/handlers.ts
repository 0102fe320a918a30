import type { queueMethods } from '../../../../shared/api/methods/queue';
import type { BackendContext, HandlersFor } from '../../context';
import { permit } from '../../permissions';
import { drawProgress, drawWeek, myQueue, whyQueued } from './draws';
import { listPlans, planOptions, savePlan } from './plans';
import { replaceItem } from './replace';
import { topUpWeek } from './top-up';

/**
 * The review queue. Writes are checked against the role table on the workstation too (`permit`), as
 * the mystery and account areas are: a plan and its draw are a QA manager's, and a reviewer's queue
 * is worked by a reviewer. A team server has checked every call already in the dispatch.
 */
export function queueHandlers({ database }: BackendContext): HandlersFor<keyof typeof queueMethods> {
  const q = database.query;
  return {
    'queue.plans': () => listPlans(q),
    'queue.options': () => planOptions(q),
    'queue.savePlan': async (params, { actorId }) =>
      savePlan(database, await permit(q, 'queue.savePlan', actorId), params),
    'queue.draw': async ({ planId, week }, { actorId }) =>
      drawWeek(database, await permit(q, 'queue.draw', actorId), planId, week),
    'queue.topUp': async ({ planId, week }, { actorId }) =>
      topUpWeek(database, await permit(q, 'queue.topUp', actorId), planId, week),
    'queue.progress': async ({ planId, week }) => ({ draw: await drawProgress(q, planId, week) }),
    'queue.mine': async ({ week }, { actorId }) => myQueue(q, await permit(q, 'queue.mine', actorId), week),
    'queue.replace': async ({ itemId, reason }, { actorId }) =>
      replaceItem(database, await permit(q, 'queue.replace', actorId), itemId, reason),
    'queue.why': ({ interactionId }) => whyQueued(q, interactionId),
  };
}
