import type { rubricMethods } from '../../../../shared/api/methods/rubrics';
import type { BackendContext, HandlersFor } from '../../context';
import { createRubric, discardRubricDraft, importRubric, publishRubric, saveRubricDraft } from './authoring';
import { previewRescore } from './rescore';
import { getRubric, getVersion, listRubrics } from './store';

/**
 * Creating, editing and publishing rubrics are made as the request's actor (`actor: 'required'` in the
 * contract): nobody changes the yardstick of everyone's scores without a chosen, unlocked profile.
 */
export function rubricHandlers({ database }: BackendContext): HandlersFor<keyof typeof rubricMethods> {
  return {
    'rubric.list': () => listRubrics(database.query),
    'rubric.get': ({ id }) => getRubric(database.query, id),
    'rubric.version': ({ versionId }) => getVersion(database.query, versionId),
    'rubric.create': (params, { actorId }) => createRubric(database, actorId, params),
    'rubric.saveDraft': (params, { actorId }) => saveRubricDraft(database, actorId, params),
    'rubric.discardDraft': ({ id }, { actorId }) => discardRubricDraft(database, actorId, id),
    'rubric.publish': (params, { actorId }) => publishRubric(database, actorId, params),
    'rubric.previewRescore': (params) => previewRescore(database.query, params),
    'rubric.import': ({ json }, { actorId }) => importRubric(database, actorId, json),
  };
}
