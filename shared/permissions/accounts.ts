import type { MethodName } from '../api';
import type { Permission } from './roles';

/** Managing a team's accounts (who works there, their roles, logins) is for administrators only. */
export const accountPermissions = {
  'account.list': { roles: ['admin'], action: 'see the team accounts' },
  'account.create': { roles: ['admin'], action: 'create team accounts' },
  'account.update': { roles: ['admin'], action: 'change team accounts' },
  'account.resetPassword': { roles: ['admin'], action: "reset people's passwords" },
} as const satisfies Partial<Record<MethodName, Permission>>;
