import type { MethodName } from '../../shared/api';
import type { ReviewerRole } from '../../shared/api/methods/profiles';
import { EarmarkError } from '../../shared/errors';
import { mayCall, refusalText } from '../../shared/permissions/roles';
import type { Db } from './db/open';

/** The acting profile's role, read per call: a role changed a moment ago counts at once. */
export function roleOf(db: Db, profileId: number): ReviewerRole {
  const role = db.prepare('SELECT role FROM reviewer_profiles WHERE id = ?').pluck().get(profileId) as
    ReviewerRole | undefined;
  if (!role) throw new EarmarkError('not_allowed', 'Choose or create your reviewer profile first.');
  return role;
}

/**
 * Refuses a call the acting profile's role may not make (shared/permissions), naming the role and the
 * action; returns the actor's id for the write. The team server will run this in the dispatch for every
 * method; on the workstation the areas that have rows call it.
 */
export function permit(db: Db, method: MethodName, actorId: number): number {
  const role = roleOf(db, actorId);
  if (!mayCall(role, method)) throw new EarmarkError('not_allowed', refusalText(role, method));
  return actorId;
}
