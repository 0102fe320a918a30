import { EarmarkError } from '../../../../shared/errors';
import type { Query } from '../../db/schema';

/**
 * Only its author changes, deletes or brings back a moment: reviewers pin comments in their own name, and
 * a supervisor must not silently rewrite someone else's. A moment pinned before any profile was chosen
 * has no author and stays open to whoever works at the workstation.
 */
export async function assertMomentAuthor(
  q: Query,
  moment: { id: number; authorId: number | null },
  actorId: number | null,
): Promise<void> {
  if (moment.authorId === null || moment.authorId === actorId) return;
  const author = await q
    .selectFrom('reviewer_profiles')
    .select('name')
    .where('id', '=', moment.authorId)
    .executeTakeFirst();
  throw new EarmarkError(
    'not_allowed',
    `Moment ${moment.id} was pinned by ${author?.name ?? `profile ${moment.authorId}`}: only they can change or delete it.`,
  );
}
