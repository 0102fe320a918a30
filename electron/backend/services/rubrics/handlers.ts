import type { rubricMethods } from '../../../../shared/api/methods/rubrics';
import type { BackendContext, HandlersFor } from '../../context';
import { createRubric, discardRubricDraft, importRubric, publishRubric, saveRubricDraft } from './authoring';
import { previewRescore } from './rescore';
import { getRubric, getVersion, listRubrics } from './store';

/**
 * Creating, editing and publishing rubrics are made as the request's actor (`actor: 'required'` in the
 * contract): nobody changes the yardstick of everyone's scores without a chosen, unlocked profile.
 */
export function rubricHandlers({ db }: BackendContext): HandlersFor<keyof typeof rubricMethods> {
  return {
    'rubric.list': () => listRubrics(db),
    'rubric.get': ({ id }) => getRubric(db, id),
    'rubric.version': ({ versionId }) => getVersion(db, versionId),
    'rubric.create': (params, { actorId }) => createRubric(db, actorId, params),
    'rubric.saveDraft': ({ id, draft }) => saveRubricDraft(db, id, draft),
    'rubric.discardDraft': ({ id }) => discardRubricDraft(db, id),
    'rubric.publish': (params, { actorId }) => publishRubric(db, actorId, params),
    'rubric.previewRescore': (params) => previewRescore(db, params),
    'rubric.import': ({ json }, { actorId }) => importRubric(db, actorId, json),
  };
}
