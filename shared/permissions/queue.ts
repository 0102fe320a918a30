import type { MethodName } from '../api';
import { managers, qa } from './groups';
import type { Permission } from './roles';

/**
 * The weekly review queue: QA managers (and administrators) plan and draw and watch completion; the
 * reviewers (QA supervisors, and managers who review too) work their own queue. Which items a reviewer
 * may replace (their own) is the service's rule.
 */
export const queuePermissions = {
  'queue.plans': { roles: managers, action: 'see review plans' },
  'queue.options': { roles: managers, action: 'see review plans' },
  'queue.savePlan': { roles: managers, action: 'change review plans' },
  'queue.draw': { roles: managers, action: 'draw the review queue' },
  'queue.topUp': { roles: managers, action: 'draw the review queue' },
  'queue.progress': { roles: managers, action: 'see review queue completion' },
  'queue.mine': { roles: qa, action: 'work a review queue' },
  'queue.replace': { roles: qa, action: 'replace review queue items' },
  'queue.why': { roles: qa, action: 'see why a call is in the review queue' },
} as const satisfies Partial<Record<MethodName, Permission>>;
