import type { MethodName } from '../../shared/api';
import type { ReviewerRole } from '../../shared/api/methods/profiles';
import { EarmarkError } from '../../shared/errors';
import { mayCall, refusalText } from '../../shared/permissions/roles';
import { routePermissions, type RouteName } from '../../shared/permissions/routes';
import type { Viewer } from './context';
import type { Query } from './db/schema';

/** The acting profile's role, read per call: a role changed a moment ago counts at once. */
export async function roleOf(q: Query, profileId: number): Promise<ReviewerRole> {
  const row = await q
    .selectFrom('reviewer_profiles')
    .select('role')
    .where('id', '=', profileId)
    .executeTakeFirst();
  if (!row) throw new EarmarkError('not_allowed', 'Choose or create your reviewer profile first.');
  return row.role;
}

/**
 * Refuses a call the acting profile's role may not make (shared/permissions), naming the role and the
 * action; returns the actor's id for the write. On the workstation the mystery and account handlers
 * call it (a team server has already checked every call in the dispatch, so there it agrees).
 */
export async function permit(q: Query, method: MethodName, actorId: number): Promise<number> {
  const role = await roleOf(q, actorId);
  if (!mayCall(role, method)) throw new EarmarkError('not_allowed', refusalText(role, method));
  return actorId;
}

/**
 * A team server's check of every logged-in call (the dispatch runs it before the handler): refused with
 * `not_allowed`, naming the role and the action, unless the viewer's role has the method's row.
 * Returns the viewer for the request.
 */
export function checkRole(method: MethodName, viewer: Viewer | undefined): Viewer {
  if (!viewer)
    throw new EarmarkError('not_allowed', 'Log in first: this team server serves only its team members.');
  if (!mayCall(viewer.role, method)) throw new EarmarkError('not_allowed', refusalText(viewer.role, method));
  return viewer;
}

/** The same check for a team server's HTTP route (shared/permissions/routes.ts). */
export function checkRoute(route: RouteName, viewer: Viewer | undefined): Viewer {
  if (!viewer)
    throw new EarmarkError('not_allowed', 'Log in first: this team server serves only its team members.');
  if (!routePermissions[route].roles.includes(viewer.role))
    throw new EarmarkError('not_allowed', refusalText(viewer.role, route, routePermissions));
  return viewer;
}
