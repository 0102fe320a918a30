import type { mysteryMethods } from '../../../../shared/api/methods/mystery';
import type { mysteryFigureMethods } from '../../../../shared/api/methods/mystery-figures';
import type { MysteryMethod } from '../../../../shared/permissions/mystery';
import type { BackendContext, HandlersFor } from '../../context';
import { permit } from '../../permissions';
import { agentShops, teamFigures } from './figures';
import { confirmShop, correctShop, queryShop, saveDraft, submitShop } from './lifecycle';
import { mysteryReport } from './report';
import { listScenarios, saveScenario } from './scenarios';
import { getShop, listShops } from './store';

/**
 * Every call is checked against the role table first (shared/permissions/mystery.ts): shops are kept
 * apart from QA and never public. The permitted actor is who the audit trail records. (A command-line
 * import runs as the computer's user, has no profile and does not come through here.)
 */
export function mysteryHandlers({
  db,
}: BackendContext): HandlersFor<keyof typeof mysteryMethods | keyof typeof mysteryFigureMethods> {
  const as = (method: MysteryMethod, request: { actorId: number }) => permit(db, method, request.actorId);
  return {
    'mystery.list': (filter, request) => {
      as('mystery.list', request);
      return listShops(db, filter);
    },
    'mystery.report': (params, request) => {
      as('mystery.report', request);
      return mysteryReport(db, params);
    },
    'mystery.get': ({ id }, request) => {
      as('mystery.get', request);
      return getShop(db, id);
    },
    'mystery.saveDraft': (params, request) => saveDraft(db, params, as('mystery.saveDraft', request)),
    'mystery.submit': ({ id }, request) => submitShop(db, id, as('mystery.submit', request)),
    'mystery.query': ({ id, reason }, request) => queryShop(db, id, reason, as('mystery.query', request)),
    'mystery.confirm': ({ id }, request) => confirmShop(db, id, as('mystery.confirm', request)),
    'mystery.correct': (params, request) => correctShop(db, params, as('mystery.correct', request)),
    'mystery.agentShops': ({ agentId }, request) => {
      as('mystery.agentShops', request);
      return agentShops(db, agentId);
    },
    'mystery.teamFigures': (_params, request) => {
      as('mystery.teamFigures', request);
      return teamFigures(db);
    },
    'scenario.list': (_params, request) => {
      as('scenario.list', request);
      return listScenarios(db);
    },
    'scenario.save': (params, request) => {
      as('scenario.save', request);
      return saveScenario(db, params);
    },
  };
}
