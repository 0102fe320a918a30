import type { evaluationMethods } from '../../../../shared/api/methods/evaluations';
import type { BackendContext, HandlersFor } from '../../context';
import { exportEvaluationsCsv } from './csv';
import { exportLibraryEvaluations } from './library-export';
import { discardDraft, saveDraft, startEvaluation } from './drafts';
import { reopenEvaluation, submitEvaluation } from './lifecycle';
import { getEvaluation, listEvaluations } from './read';
import { answerEvaluation } from './responses';

/** Every write is made as the request's actor, who is recorded on the evaluation and in its audit trail. */
export function evaluationHandlers({
  database,
  clock,
}: BackendContext): HandlersFor<keyof typeof evaluationMethods> {
  return {
    'evaluation.start': (params, { actorId }) => startEvaluation(database, actorId, params),
    // Row rules by who is looking (a team server's agent or team lead): services/viewer.ts.
    'evaluation.get': ({ id }, { viewer }) => getEvaluation(database.query, id, viewer),
    'evaluation.list': (query, { viewer }) => listEvaluations(database.query, query, viewer),
    'evaluation.acknowledge': ({ id }, { viewer }) =>
      answerEvaluation(database, clock, viewer, id, { response: 'acknowledged' }),
    'evaluation.dispute': ({ id, reason }, { viewer }) =>
      answerEvaluation(database, clock, viewer, id, { response: 'disputed', reason }),
    'evaluation.saveDraft': (params, { actorId }) => saveDraft(database, actorId, params),
    'evaluation.submit': ({ id }, { actorId }) => submitEvaluation(database, id, actorId),
    'evaluation.reopen': ({ id, reason }, { actorId }) => reopenEvaluation(database, id, actorId, reason),
    'evaluation.discard': ({ id }) => discardDraft(database, id),
    'evaluation.exportCsv': (params) => exportEvaluationsCsv(database, params),
    'evaluation.exportLibrary': (params) => exportLibraryEvaluations(database, params),
  };
}
