import type { mysteryMethods } from '../../../../shared/api/methods/mystery';
import type { mysteryFigureMethods } from '../../../../shared/api/methods/mystery-figures';
import type { MysteryMethod } from '../../../../shared/permissions/mystery';
import type { ActingRequest, BackendContext, HandlersFor } from '../../context';
import { permit } from '../../permissions';
import { agentShops, teamFigures } from './figures';
import { confirmShop, correctShop, queryShop, saveDraft, submitShop } from './lifecycle';
import { mysteryReport } from './report';
import { listScenarios, saveScenario } from './scenarios';
import { assertShopSeen, getShop, listShops } from './store';

/**
 * Every call is checked against the role table first (shared/permissions/mystery.ts): shops are kept
 * apart from QA and never public. The permitted actor is who the audit trail records. (A command-line
 * import runs as the computer's user, has no profile and does not come through here.)
 */
export function mysteryHandlers({
  database,
}: BackendContext): HandlersFor<keyof typeof mysteryMethods | keyof typeof mysteryFigureMethods> {
  const as = (method: MysteryMethod, request: ActingRequest) =>
    permit(database.query, method, request.actorId);
  return {
    'mystery.list': async (filter, request) => {
      await as('mystery.list', request);
      return listShops(database.query, filter, request.viewer);
    },
    'mystery.report': async (params, request) => {
      await as('mystery.report', request);
      return mysteryReport(database.query, params, request.viewer);
    },
    'mystery.get': async ({ id }, request) => {
      await as('mystery.get', request);
      return getShop(database.query, id, request.viewer);
    },
    'mystery.saveDraft': async (params, request) =>
      saveDraft(database, params, await as('mystery.saveDraft', request)),
    'mystery.submit': async ({ id }, request) =>
      submitShop(database, id, await as('mystery.submit', request)),
    'mystery.query': async ({ id, reason }, request) => {
      const actor = await as('mystery.query', request);
      // A team lead queries their own teams' results only; another team's is not_found (services/viewer.ts).
      await assertShopSeen(database.query, id, request.viewer);
      return queryShop(database, id, reason, actor);
    },
    'mystery.confirm': async ({ id }, request) =>
      confirmShop(database, id, await as('mystery.confirm', request)),
    'mystery.correct': async (params, request) =>
      correctShop(database, params, await as('mystery.correct', request)),
    'mystery.agentShops': async ({ agentId }, request) => {
      await as('mystery.agentShops', request);
      return agentShops(database.query, agentId, request.viewer);
    },
    'mystery.teamFigures': async (_params, request) => {
      await as('mystery.teamFigures', request);
      return teamFigures(database.query, request.viewer);
    },
    'scenario.list': async (_params, request) => {
      await as('scenario.list', request);
      return listScenarios(database.query);
    },
    'scenario.save': async (params, request) => {
      await as('scenario.save', request);
      return saveScenario(database, params);
    },
  };
}
