import type { MethodName } from '../api';
import type { ReviewerRole } from '../api/methods/profiles';
import { accountPermissions } from './accounts';
import { appPermissions } from './app';
import { calibrationPermissions } from './calibration';
import { coachingPermissions } from './coaching';
import { evaluationPermissions } from './evaluations';
import { libraryPermissions } from './library';
import { mysteryPermissions } from './mystery';
import { queuePermissions } from './queue';

/**
 * Who may call what: one row per API method, the roles allowed and the action in the users' words
 * (for the refusal). Pure data, so the backend enforces it and the renderer can hide what a role may
 * not do from the same table. The rows live per area (./app, ./library, ./evaluations, ./coaching,
 * ./mystery, ./accounts, ./queue, ./calibration); the table's type makes a method without a row a compile error.
 *
 * A team server checks every call against it in the dispatch (electron/backend/permissions.ts). The
 * workstation checks only the mystery and account rows, in their handlers, as it always has: there a
 * profile's role was a label until team mode, and the workstation stays as it is. Which rows a role
 * sees inside a method it may call (their own evaluations, their teams' agents) is the services' row
 * rules, from the request's viewer.
 */
export interface Permission {
  readonly roles: readonly ReviewerRole[];
  /** What the method does, as the refusal says it: "submit mystery shops". */
  readonly action: string;
}

export type PermissionTable = Record<MethodName, Permission>;

export const permissions: PermissionTable = {
  ...appPermissions,
  ...libraryPermissions,
  ...evaluationPermissions,
  ...coachingPermissions,
  ...mysteryPermissions,
  ...accountPermissions,
  ...queuePermissions,
  ...calibrationPermissions,
};

/** Whether a role may call a method. */
export function mayCall(
  role: ReviewerRole,
  method: MethodName,
  table: Partial<PermissionTable> = permissions,
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
  method: string,
  table: Partial<Record<string, Permission>> = permissions,
): string {
  const row = table[method];
  if (!row) return '';
  const who = row.roles.map((allowed) => roleWords[allowed]);
  const others = who.length > 1 ? `${who.slice(0, -1).join(', ')} or ${who[who.length - 1]}` : who[0];
  const what = capitalised(roleWords[role]);
  return `${what} (role ${role}) may not ${row.action} (${method}); that is for ${others}.`;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
