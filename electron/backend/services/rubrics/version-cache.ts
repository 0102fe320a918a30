import { itemsById } from '../../../../shared/rubric/answers';
import { parseRubric } from '../../../../shared/rubric/json';
import type { Rubric, RubricItem } from '../../../../shared/rubric/schema';
import { EarmarkError } from '../../../../shared/errors';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';

export interface VersionContent {
  id: number;
  rubricId: number;
  version: number;
  rubric: Rubric;
  items: Map<string, { item: RubricItem; sectionId: string }>;
  /** Item ids in the order the form shows them. */
  itemOrder: Map<string, number>;
}

interface VersionRow {
  id: number;
  rubric_id: number;
  version: number;
  content: string;
  pass_mark: number;
}

/**
 * Published versions, parsed once per database. Safe to keep for good: a trigger makes versions
 * immutable (on both engines), so an autosave can check answers against its version without reading
 * or parsing it again. Kept per database (not per id alone): two databases number their versions alike.
 */
type Cache = Map<number, VersionContent>;
const caches = new WeakMap<object, Cache>();

function cacheOf(owner: object): Cache {
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = new Map()));
  return cache;
}

function toContent(row: VersionRow): VersionContent {
  // The column holds the pass mark: versions published before there were pass marks have none in their
  // content, and migration 011 gave them 80 % there rather than rewriting published content.
  const rubric = parseRubric({ ...(JSON.parse(row.content) as object), passMark: row.pass_mark });
  const items = itemsById(rubric);
  return {
    id: row.id,
    rubricId: row.rubric_id,
    version: row.version,
    rubric,
    items,
    itemOrder: new Map([...items.keys()].map((id, index) => [id, index])),
  };
}

const missing = (field: string, versionId: number) =>
  new EarmarkError('not_found', `${field}: there is no rubric version with id ${versionId}.`);

/**
 * A transaction of `database` whose `trx` reads versions through the database's cache: a transaction
 * is a new query object each time, and the autosave (one transaction per keystroke) must not parse its
 * version again on every save. Use it instead of `database.transaction` where versions are read.
 */
export function transactionWithVersions<T>(database: Database, fn: (trx: Query) => Promise<T>): Promise<T> {
  return database.transaction((trx) => {
    caches.set(trx, cacheOf(database.query));
    return fn(trx);
  });
}

/** A published version, parsed; not_found naming `field` when there is none. Either engine. */
export async function loadVersion(q: Query, versionId: number, field = 'versionId'): Promise<VersionContent> {
  const cache = cacheOf(q);
  const cached = cache.get(versionId);
  if (cached) return cached;
  const row = await q
    .selectFrom('rubric_versions')
    .select(['id', 'rubric_id', 'version', 'content', 'pass_mark'])
    .where('id', '=', versionId)
    .executeTakeFirst();
  if (!row) throw missing(field, versionId);
  const content = toContent(row);
  cache.set(versionId, content);
  return content;
}
