import type { MethodName } from '../../shared/api';
import type { ReviewerRole } from '../../shared/api/methods/profiles';
import { EarmarkError } from '../../shared/errors';
import { mayCall, refusalText } from '../../shared/permissions/roles';
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
 * action; returns the actor's id for the write. The team server will run this in the dispatch for every
 * method; on the workstation the areas that have rows call it.
 */
export async function permit(q: Query, method: MethodName, actorId: number): Promise<number> {
  const role = await roleOf(q, actorId);
  if (!mayCall(role, method)) throw new EarmarkError('not_allowed', refusalText(role, method));
  return actorId;
}
