import { EarmarkError } from '../../../../shared/errors';
import type { MaybeActingRequest } from '../../context';
import type { Db } from '../../db/open';

/**
 * Who pins or changes a moment: the acting profile, or nobody (null) while no profile is chosen, so a
 * person can review before making one. While the chosen profile is locked nothing is written (`locked`):
 * a moment pinned then would be nobody's, and so anybody's to change.
 */
export function authorOf(request: MaybeActingRequest): number | null {
  if (request.actorId === null && request.lockedProfileId !== null) request.actorOrThrow();
  return request.actorId;
}

/**
 * Only its author changes, deletes or brings back a moment: reviewers pin comments in their own name, and
 * a supervisor must not silently rewrite someone else's. A moment pinned before any profile was chosen
 * has no author and stays open to whoever works at the workstation.
 */
export function assertMomentAuthor(
  db: Db,
  moment: { id: number; authorId: number | null },
  actorId: number | null,
): void {
  if (moment.authorId === null || moment.authorId === actorId) return;
  const name = db.prepare('SELECT name FROM reviewer_profiles WHERE id = ?').pluck().get(moment.authorId) as
    string | undefined;
  throw new EarmarkError(
    'not_allowed',
    `Moment ${moment.id} was pinned by ${name ?? `profile ${moment.authorId}`}: only they can change or delete it.`,
  );
}
