import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';

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
