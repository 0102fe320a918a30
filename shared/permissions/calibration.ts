import type { MethodName } from '../api';
import { managers, qa } from './groups';
import type { Permission } from './roles';

/**
 * Calibration: QA managers (and administrators) set sessions up, reveal them and record the agreed
 * answers; reviewers score blind in the sessions they take part in and read the result after the
 * reveal. Which sessions and answers each sees (their own, and nobody's before the reveal) is the
 * service's row rule (electron/backend/services/calibration/sessions.ts).
 */
export const calibrationPermissions = {
  'calibration.list': { roles: qa, action: 'take part in calibration sessions' },
  'calibration.options': { roles: managers, action: 'set up calibration sessions' },
  'calibration.create': { roles: managers, action: 'set up calibration sessions' },
  'calibration.get': { roles: qa, action: 'take part in calibration sessions' },
  'calibration.saveAnswers': { roles: qa, action: 'score in calibration sessions' },
  'calibration.submit': { roles: qa, action: 'score in calibration sessions' },
  'calibration.reveal': { roles: managers, action: 'reveal calibration sessions' },
  'calibration.results': { roles: qa, action: 'read calibration results' },
  'calibration.agree': { roles: managers, action: 'record agreed calibration answers' },
} as const satisfies Partial<Record<MethodName, Permission>>;
