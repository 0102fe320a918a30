import type { calibrationMethods } from '../../../../shared/api/methods/calibration';
import type { BackendContext, HandlersFor } from '../../context';
import { permit } from '../../permissions';
import { revealSession, saveAnswers, submitAnswers } from './answers';
import { agreeAnswer, sessionResults } from './results';
import { calibrationOptions, createSession, getSession, listSessions } from './sessions';

/**
 * Calibration sessions. Every call is checked against the role table on the workstation too
 * (`permit`), as the queue's are: setting up and revealing is a QA manager's, scoring a reviewer's. A
 * team server has checked every call in the dispatch already. Which sessions and answers a caller sees
 * is the services' row rule (./sessions.ts).
 */
export function calibrationHandlers({
  database,
}: BackendContext): HandlersFor<keyof typeof calibrationMethods> {
  const q = database.query;
  return {
    'calibration.list': async (_params, { actorId }) =>
      listSessions(q, await permit(q, 'calibration.list', actorId)),
    'calibration.options': async (_params, { actorId }) => {
      await permit(q, 'calibration.options', actorId);
      return calibrationOptions(q);
    },
    'calibration.create': async (params, { actorId }) =>
      createSession(database, await permit(q, 'calibration.create', actorId), params),
    'calibration.get': async ({ id }, { actorId }) =>
      getSession(q, await permit(q, 'calibration.get', actorId), id),
    'calibration.saveAnswers': async (params, { actorId }) =>
      saveAnswers(database, await permit(q, 'calibration.saveAnswers', actorId), params),
    'calibration.submit': async ({ id }, { actorId }) =>
      submitAnswers(database, await permit(q, 'calibration.submit', actorId), id),
    'calibration.reveal': async (params, { actorId }) =>
      revealSession(database, await permit(q, 'calibration.reveal', actorId), params),
    'calibration.results': async ({ id }, { actorId }) =>
      sessionResults(q, await permit(q, 'calibration.results', actorId), id),
    'calibration.agree': async (params, { actorId }) =>
      agreeAnswer(database, await permit(q, 'calibration.agree', actorId), params),
  };
}
