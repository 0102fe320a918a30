import type { Tag } from '../../../../shared/api/methods/review';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { nowIso } from '../../clock';

interface TagRow {
  id: number;
  builtin: Tag['builtin'];
  name: string;
}

/** Built-in tags first (in the order they were seeded), then the reviewers' own, alphabetically. */
export function listTags(db: Db): Tag[] {
  return db
    .prepare(
      'SELECT id, builtin, name FROM tags ORDER BY builtin IS NULL, CASE WHEN builtin IS NULL THEN name END COLLATE NOCASE, id',
    )
    .all() as TagRow[];
}

/** Creates a reviewer's tag, or returns the one of that name (ignoring case) that is there already. */
export function createTag(db: Db, name: string): Tag {
  const find = db.prepare(
    'SELECT id, builtin, name FROM tags WHERE builtin IS NULL AND name = ? COLLATE NOCASE',
  );
  return db.transaction(() => {
    const existing = find.get(name) as TagRow | undefined;
    if (existing) return existing;
    const { lastInsertRowid } = db
      .prepare('INSERT INTO tags (name, created_at) VALUES (?, ?)')
      .run(name, nowIso(db));
    return { id: Number(lastInsertRowid), builtin: null, name };
  })();
}

/** Refuses tag ids that do not exist, naming them, before anything is written. */
export function assertTags(db: Db, tagIds: readonly number[]): void {
  if (tagIds.length === 0) return;
  const known = new Set(
    (
      db
        .prepare('SELECT id FROM tags WHERE id IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(tagIds)) as {
        id: number;
      }[]
    ).map((row) => row.id),
  );
  const unknown = tagIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new EarmarkError('invalid_params', `tagIds: there is no tag with id ${unknown.join(', ')}.`);
  }
}
