import type { evaluationMethods } from '../../../../shared/api/methods/evaluations';
import type { BackendContext, HandlersFor } from '../../context';
import { exportEvaluationsCsv } from './csv';
import { exportLibraryEvaluations } from './library-export';
import { discardDraft, saveDraft, startEvaluation } from './drafts';
import { reopenEvaluation, submitEvaluation } from './lifecycle';
import { getEvaluation, listEvaluations } from './read';

export function evaluationHandlers({
  db,
  profiles,
}: BackendContext): HandlersFor<keyof typeof evaluationMethods> {
  return {
    'evaluation.start': (params) => startEvaluation(db, profiles, params),
    'evaluation.get': ({ id }) => getEvaluation(db, id),
    'evaluation.list': (query) => listEvaluations(db, query),
    'evaluation.saveDraft': (params) => saveDraft(db, profiles, params),
    'evaluation.submit': ({ id, reviewerId }) => submitEvaluation(db, profiles, id, reviewerId),
    'evaluation.reopen': ({ id, reviewerId, reason }) =>
      reopenEvaluation(db, profiles, id, reviewerId, reason),
    'evaluation.discard': ({ id, reviewerId }) => discardDraft(db, profiles, id, reviewerId),
    'evaluation.exportCsv': (params) => exportEvaluationsCsv(db, params),
    'evaluation.exportLibrary': (params) => exportLibraryEvaluations(db, params),
  };
}
