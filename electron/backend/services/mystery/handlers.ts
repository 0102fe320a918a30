import type { mysteryMethods } from '../../../../shared/api/methods/mystery';
import type { BackendContext, HandlersFor } from '../../context';
import { confirmShop, correctShop, queryShop, saveDraft, submitShop } from './lifecycle';
import { listScenarios, saveScenario } from './scenarios';
import { getShop, listShops } from './store';

export function mysteryHandlers({ db, profiles }: BackendContext): HandlersFor<keyof typeof mysteryMethods> {
  // Who acted goes into the audit trail; a command-line import has no profile.
  const actor = () => profiles.actingProfileIdOrNull();
  return {
    'mystery.list': (filter) => listShops(db, filter),
    'mystery.get': ({ id }) => getShop(db, id),
    'mystery.saveDraft': (params) => saveDraft(db, params, actor()),
    'mystery.submit': ({ id }) => submitShop(db, id, actor()),
    'mystery.query': ({ id, reason }) => queryShop(db, id, reason, actor()),
    'mystery.confirm': ({ id }) => confirmShop(db, id, actor()),
    'mystery.correct': (params) => correctShop(db, params, actor()),
    'scenario.list': () => listScenarios(db),
    'scenario.save': (params) => saveScenario(db, params),
  };
}
