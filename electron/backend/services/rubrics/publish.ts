import { createHash } from 'node:crypto';
import { serializeRubric } from '../../../../shared/rubric/json';
import type { Rubric } from '../../../../shared/rubric/schema';
import type { Query } from '../../db/schema';
import { loadVersion } from './version-cache';

/**
 * Writes a rubric as the next version of `rubricId` and makes it the one lists show. The content is
 * stored as `serializeRubric` writes it, so the same rubric is always the same text and hash. Call
 * inside a transaction (holding the rubric's row on PostgreSQL: see rubricKey). Returns the new
 * version's id.
 */
export async function insertVersion(
  trx: Query,
  rubricId: number,
  rubric: Rubric,
  publishedBy: number | null,
  note: string,
  at: string,
): Promise<number> {
  const content = serializeRubric(rubric);
  const latest = await trx
    .selectFrom('rubric_versions')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('rubric_id', '=', rubricId)
    .executeTakeFirst();
  const { id } = await trx
    .insertInto('rubric_versions')
    .values({
      rubric_id: rubricId,
      version: Number(latest?.version ?? 0) + 1,
      content,
      sha256: createHash('sha256').update(content).digest('hex'),
      note,
      published_by: publishedBy,
      published_at: at,
      pass_mark: rubric.passMark,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('rubrics')
    .set({ name: rubric.name, kind: rubric.kind, language: rubric.language })
    .where('id', '=', rubricId)
    .execute();
  return id;
}

/**
 * The latest version as `serializeRubric` writes it today, to tell whether a publish changes anything.
 * Written afresh rather than read as stored: a version published before pass marks existed has none in
 * its stored text, yet is the same rubric as a draft that keeps its 80 %.
 */
export async function latestContent(
  q: Query,
  rubricId: number,
): Promise<{ version: number; content: string } | undefined> {
  const latest = await q
    .selectFrom('rubric_versions')
    .select(['id', 'version'])
    .where('rubric_id', '=', rubricId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest) return undefined;
  return { version: latest.version, content: serializeRubric((await loadVersion(q, latest.id)).rubric) };
}
