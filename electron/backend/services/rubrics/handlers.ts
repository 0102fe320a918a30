import type { rubricMethods } from '../../../../shared/api/methods/rubrics';
import type { BackendContext, HandlersFor } from '../../context';
import { createRubric, discardRubricDraft, importRubric, publishRubric, saveRubricDraft } from './authoring';
import { previewRescore } from './rescore';
import { getRubric, getVersion, listRubrics } from './store';

export function rubricHandlers({ db, profiles }: BackendContext): HandlersFor<keyof typeof rubricMethods> {
  return {
    'rubric.list': () => listRubrics(db),
    'rubric.get': ({ id }) => getRubric(db, id),
    'rubric.version': ({ versionId }) => getVersion(db, versionId),
    'rubric.create': (params) => createRubric(db, profiles, params),
    'rubric.saveDraft': ({ id, draft }) => saveRubricDraft(db, id, draft),
    'rubric.discardDraft': ({ id }) => discardRubricDraft(db, id),
    'rubric.publish': (params) => publishRubric(db, profiles, params),
    'rubric.previewRescore': (params) => previewRescore(db, params),
    'rubric.import': ({ reviewerId, json }) => importRubric(db, profiles, reviewerId, json),
  };
}
