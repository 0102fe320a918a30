import type { evaluationMethods } from '../../../../shared/api/methods/evaluations';
import type { BackendContext, HandlersFor } from '../../context';
import { exportEvaluationsCsv } from './csv';
import { exportLibraryEvaluations } from './library-export';
import { discardDraft, saveDraft, startEvaluation } from './drafts';
import { reopenEvaluation, submitEvaluation } from './lifecycle';
import { getEvaluation, listEvaluations } from './read';

/** Every write is made as the request's actor, who is recorded on the evaluation and in its audit trail. */
export function evaluationHandlers({ db }: BackendContext): HandlersFor<keyof typeof evaluationMethods> {
  return {
    'evaluation.start': (params, { actorId }) => startEvaluation(db, actorId, params),
    'evaluation.get': ({ id }) => getEvaluation(db, id),
    'evaluation.list': (query) => listEvaluations(db, query),
    'evaluation.saveDraft': (params, { actorId }) => saveDraft(db, actorId, params),
    'evaluation.submit': ({ id }, { actorId }) => submitEvaluation(db, id, actorId),
    'evaluation.reopen': ({ id, reason }, { actorId }) => reopenEvaluation(db, id, actorId, reason),
    'evaluation.discard': ({ id }) => discardDraft(db, id),
    'evaluation.exportCsv': (params) => exportEvaluationsCsv(db, params),
    'evaluation.exportLibrary': (params) => exportLibraryEvaluations(db, params),
  };
}
