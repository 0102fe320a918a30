import type { MethodName } from '../api';
import { evidence, managers, qa, readers } from './groups';
import type { Permission } from './roles';

/**
 * Scoring and the rubrics it scores against. QA reviews, scores and exports; team leads read their
 * teams' evaluations to coach from; an agent reads their own submitted evaluations and acknowledges
 * or disputes them (the rows each may see are the services' row rules, services/viewer.ts). Rubrics
 * are read by whoever scores, coaches or enters mystery shops (their checklists are rubrics). QA
 * drafts changes to them (a supervisor knows where the form pinches); only QA managers and
 * administrators publish a version, or import a rubric file (which publishes it).
 */
export const evaluationPermissions = {
  'evaluation.start': { roles: qa, action: 'score calls and chats' },
  'evaluation.saveDraft': { roles: qa, action: 'score calls and chats' },
  'evaluation.submit': { roles: qa, action: 'submit evaluations' },
  'evaluation.discard': { roles: qa, action: 'discard evaluation drafts' },
  'evaluation.reopen': { roles: qa, action: 'reopen evaluations' },
  'evaluation.get': { roles: [...readers, 'agent'], action: 'read evaluations' },
  'evaluation.list': { roles: [...readers, 'agent'], action: 'read evaluations' },
  'evaluation.acknowledge': { roles: ['agent'], action: 'acknowledge their own evaluations' },
  'evaluation.dispute': { roles: ['agent'], action: 'dispute their own evaluations' },
  'evaluation.exportCsv': { roles: qa, action: 'export evaluations' },
  'evaluation.exportLibrary': { roles: qa, action: 'export evaluations' },
  'rubric.list': { roles: evidence, action: 'see the rubrics' },
  'rubric.get': { roles: evidence, action: 'see the rubrics' },
  'rubric.version': { roles: evidence, action: 'see the rubrics' },
  'rubric.create': { roles: qa, action: 'create rubrics' },
  'rubric.saveDraft': { roles: qa, action: 'edit rubrics' },
  'rubric.discardDraft': { roles: qa, action: 'edit rubrics' },
  'rubric.previewRescore': { roles: qa, action: 'edit rubrics' },
  'rubric.publish': { roles: managers, action: 'publish rubrics' },
  'rubric.import': { roles: managers, action: 'import rubrics' },
} as const satisfies Partial<Record<MethodName, Permission>>;
