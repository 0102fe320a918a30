import { sql } from 'kysely';
import type { Tag } from '../../../../shared/api/methods/review';
import { EarmarkError } from '../../../../shared/errors';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';
import { fromDatabaseError } from '../../database-errors';
import { nowIso } from '../../clock';

/** Built-in tags first (in the order they were seeded), then the reviewers' own, alphabetically. */
export async function listTags(q: Query): Promise<Tag[]> {
  return q
    .selectFrom('tags')
    .select(['id', 'builtin', 'name'])
    .orderBy(sql`builtin IS NULL`)
    .orderBy(sql`CASE WHEN builtin IS NULL THEN lower(name) END`)
    .orderBy('id')
    .execute();
}

/** A reviewer's own tag of that name, ignoring case (built-in tags are apart: people see them translated). */
function ownTagNamed(q: Query, name: string) {
  return q
    .selectFrom('tags')
    .select(['id', 'builtin', 'name'])
    .where('builtin', 'is', null)
    .where(sql`lower(name)`, '=', sql`lower(${name})`)
    .executeTakeFirst();
}

/** Creates a reviewer's tag, or returns the one of that name (ignoring case) that is there already. */
export async function createTag(database: Database, name: string): Promise<Tag> {
  try {
    return await database.transaction(async (trx) => {
      const existing = await ownTagNamed(trx, name);
      if (existing) return existing;
      const { id } = await trx
        .insertInto('tags')
        .values({ name, created_at: nowIso(database) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id, builtin: null, name };
    });
  } catch (error) {
    // Two reviewers on one server typing the same new tag: the second gets the first one's.
    const raced =
      fromDatabaseError(error)?.code === 'conflict' ? await ownTagNamed(database.query, name) : undefined;
    if (raced) return raced;
    throw error;
  }
}

/** Refuses tag ids that do not exist, naming them, before anything is written. */
export async function assertTags(q: Query, tagIds: readonly number[]): Promise<void> {
  if (tagIds.length === 0) return;
  const known = new Set(
    (
      await q
        .selectFrom('tags')
        .select('id')
        .where('id', 'in', [...tagIds])
        .execute()
    ).map((row) => row.id),
  );
  const unknown = tagIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new EarmarkError('invalid_params', `tagIds: there is no tag with id ${unknown.join(', ')}.`);
  }
}
