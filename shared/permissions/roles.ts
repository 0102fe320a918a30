import type { MethodName } from '../api';
import { reviewerRoles, type ReviewerRole } from '../api/methods/profiles';
import { accountPermissions } from './accounts';
import { mysteryPermissions } from './mystery';

/**
 * Who may call what: one row per API method, the roles allowed and the action in the users' words
 * (for the refusal). Pure data, so the backend enforces it and the renderer can hide what a role may
 * not do from the same table. Only the mystery methods are listed so far; a method without a row is
 * open to every profile, as before. The team server will fill in the other methods; the account
 * methods are listed (administrators only) and exist only on a team server.
 */
export interface Permission {
  readonly roles: readonly ReviewerRole[];
  /** What the method does, as the refusal says it: "submit mystery shops". */
  readonly action: string;
}

export type PermissionTable = Partial<Record<MethodName, Permission>>;

export const permissions: PermissionTable = { ...mysteryPermissions, ...accountPermissions };

/** Whether a role may call a method (methods without a row are open to every role). */
export function mayCall(
  role: ReviewerRole,
  method: MethodName,
  table: PermissionTable = permissions,
): boolean {
  const row = table[method];
  return row === undefined || row.roles.includes(role);
}

const roleWords: Record<ReviewerRole, string> = {
  admin: 'an administrator',
  qa_manager: 'a QA manager',
  qa_supervisor: 'a QA supervisor',
  team_lead: 'a team lead',
  mystery_shopper: 'a mystery shopper',
  agent: 'an agent',
};

/** The refusal's sentence: who is refused, what, and who may do it instead. */
export function refusalText(
  role: ReviewerRole,
  method: MethodName,
  table: PermissionTable = permissions,
): string {
  const row = table[method];
  if (!row) return '';
  const who = row.roles.map((allowed) => roleWords[allowed]);
  const others = who.length > 1 ? `${who.slice(0, -1).join(', ')} or ${who[who.length - 1]}` : who[0];
  const what = capitalised(roleWords[role]);
  return `${what} (role ${role}) may not ${row.action} (${method}); that is for ${others}.`;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Every role, for tables that allow everyone who works at the workstation. */
export const everyRole = reviewerRoles;
