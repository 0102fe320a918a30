import { createHash } from 'node:crypto';
import { serializeRubric } from '../../../../shared/rubric/json';
import type { Rubric } from '../../../../shared/rubric/schema';
import type { Db } from '../../db/open';
import { versionContent } from './version-cache';

/**
 * Writes a rubric as the next version of `rubricId` and makes it the one lists show. The content is
 * stored as `serializeRubric` writes it, so the same rubric is always the same text and hash. Call
 * inside a transaction. Returns the new version's id.
 */
export function insertVersion(
  db: Db,
  rubricId: number,
  rubric: Rubric,
  publishedBy: number | null,
  note: string,
  at: string,
): number {
  const content = serializeRubric(rubric);
  const next =
    (db.prepare('SELECT max(version) FROM rubric_versions WHERE rubric_id = ?').pluck().get(rubricId) as
      number | null) ?? 0;
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO rubric_versions (rubric_id, version, content, sha256, note, published_by, published_at, pass_mark)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      rubricId,
      next + 1,
      content,
      createHash('sha256').update(content).digest('hex'),
      note,
      publishedBy,
      at,
      rubric.passMark,
    );
  db.prepare('UPDATE rubrics SET name = ?, kind = ?, language = ? WHERE id = ?').run(
    rubric.name,
    rubric.kind,
    rubric.language,
    rubricId,
  );
  return Number(lastInsertRowid);
}

/**
 * The latest version as `serializeRubric` writes it today, to tell whether a publish changes anything.
 * Written afresh rather than read as stored: a version published before pass marks existed has none in
 * its stored text, yet is the same rubric as a draft that keeps its 80 %.
 */
export function latestContent(db: Db, rubricId: number): { version: number; content: string } | undefined {
  const latest = db
    .prepare('SELECT id, version FROM rubric_versions WHERE rubric_id = ? ORDER BY version DESC LIMIT 1')
    .get(rubricId) as { id: number; version: number } | undefined;
  if (!latest) return undefined;
  return { version: latest.version, content: serializeRubric(versionContent(db, latest.id).rubric) };
}
