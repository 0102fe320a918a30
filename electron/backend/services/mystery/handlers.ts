import type { mysteryMethods } from '../../../../shared/api/methods/mystery';
import type { BackendContext, HandlersFor } from '../../context';
import { actorUnlessLocked } from '../../request';
import { confirmShop, correctShop, queryShop, saveDraft, submitShop } from './lifecycle';
import { mysteryReport } from './report';
import { listScenarios, saveScenario } from './scenarios';
import { getShop, listShops } from './store';

export function mysteryHandlers({ db }: BackendContext): HandlersFor<keyof typeof mysteryMethods> {
  // Who acted goes into the audit trail (the request's actor; a command-line import has no profile).
  return {
    'mystery.list': (filter) => listShops(db, filter),
    'mystery.report': (params) => mysteryReport(db, params),
    'mystery.get': ({ id }) => getShop(db, id),
    'mystery.saveDraft': (params, request) => saveDraft(db, params, actorUnlessLocked(request)),
    'mystery.submit': ({ id }, request) => submitShop(db, id, actorUnlessLocked(request)),
    'mystery.query': ({ id, reason }, request) => queryShop(db, id, reason, actorUnlessLocked(request)),
    'mystery.confirm': ({ id }, request) => confirmShop(db, id, actorUnlessLocked(request)),
    'mystery.correct': (params, request) => correctShop(db, params, actorUnlessLocked(request)),
    'scenario.list': () => listScenarios(db),
    'scenario.save': (params) => saveScenario(db, params),
  };
}
