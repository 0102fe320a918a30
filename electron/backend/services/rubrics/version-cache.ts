import { itemsById } from '../../../../shared/rubric/answers';
import { parseRubric } from '../../../../shared/rubric/json';
import type { Rubric, RubricItem } from '../../../../shared/rubric/schema';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';

export interface VersionContent {
  id: number;
  rubricId: number;
  version: number;
  rubric: Rubric;
  items: Map<string, { item: RubricItem; sectionId: string }>;
  /** Item ids in the order the form shows them. */
  itemOrder: Map<string, number>;
}

/**
 * Published versions, parsed once per process. Safe to keep for good: a trigger makes versions
 * immutable, so an autosave can check answers against its version without reading or parsing it again.
 */
const cache = new WeakMap<Db, Map<number, VersionContent>>();

export function versionContent(db: Db, versionId: number, field = 'versionId'): VersionContent {
  let versions = cache.get(db);
  if (!versions) cache.set(db, (versions = new Map()));
  const cached = versions.get(versionId);
  if (cached) return cached;
  const row = db
    .prepare('SELECT id, rubric_id, version, content, pass_mark FROM rubric_versions WHERE id = ?')
    .get(versionId) as
    { id: number; rubric_id: number; version: number; content: string; pass_mark: number } | undefined;
  if (!row) throw new EarmarkError('not_found', `${field}: there is no rubric version with id ${versionId}.`);
  // The column holds the pass mark: versions published before there were pass marks have none in their
  // content, and migration 011 gave them 80 % there rather than rewriting published content.
  const rubric = parseRubric({ ...(JSON.parse(row.content) as object), passMark: row.pass_mark });
  const items = itemsById(rubric);
  const content: VersionContent = {
    id: row.id,
    rubricId: row.rubric_id,
    version: row.version,
    rubric,
    items,
    itemOrder: new Map([...items.keys()].map((id, index) => [id, index])),
  };
  versions.set(versionId, content);
  return content;
}
