import type { MethodName } from '../../shared/api';
import { EarmarkError } from '../../shared/errors';
import { notLoggedIn } from './services/accounts/sessions';
import type { DispatchOptions } from './dispatch';

/**
 * The two ways the one backend runs (ARCHITECTURE.md): a workstation (one person at a time chooses a
 * reviewer profile; SQLite or, for tests, PostgreSQL) and a team server (many people log in to their
 * accounts). Same contract; each answers `unavailable` to the methods that belong to the other.
 */
export type BackendMode = 'workstation' | 'team';

/** Choosing, making and locking workstation profiles: on a team server, people are accounts. */
const workstationProfileMethods = new Set<MethodName>([
  'profile.create',
  'profile.update',
  'profile.select',
  'profile.lock',
  'profile.setPassphrase',
]);

/** What a team server answers before login; everything else needs a logged-in account. */
export const OPEN_WITHOUT_LOGIN: ReadonlySet<MethodName> = new Set<MethodName>([
  'session.login',
  'session.logout',
  'session.me',
]);

const isAccountMethod = (method: MethodName) =>
  method.startsWith('session.') || method.startsWith('account.');

/** The dispatch's rules for a mode: which methods are closed, and (team) that everything else needs a login. */
export function modeRules(
  mode: BackendMode,
): Pick<DispatchOptions, 'closed' | 'loginRequired' | 'roleTable'> {
  if (mode === 'workstation') {
    return {
      closed: (method) =>
        isAccountMethod(method)
          ? new EarmarkError(
              'unavailable',
              'Team accounts are for a team server; this is a workstation (choose your reviewer profile instead).',
            )
          : undefined,
    };
  }
  return {
    closed: (method) =>
      workstationProfileMethods.has(method)
        ? new EarmarkError(
            'unavailable',
            `${method} is for a workstation; on a team server people log in to their accounts, which an administrator manages.`,
          )
        : undefined,
    loginRequired: { except: OPEN_WITHOUT_LOGIN, refusal: notLoggedIn },
    roleTable: true,
  };
}
