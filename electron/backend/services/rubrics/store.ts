import { sql, type ExpressionBuilder } from 'kysely';
import type { RubricDraft } from '../../../../shared/api/methods/rubric-draft';
import type {
  RubricDetail,
  RubricSummary,
  RubricVersion,
  RubricVersionSummary,
} from '../../../../shared/api/methods/rubrics';
import { EarmarkError } from '../../../../shared/errors';
import type { Engine } from '../../db/database';
import type { Query, Schema } from '../../db/schema';
import { loadVersion } from './version-cache';

/** A version with its publisher and how many evaluations were scored on it. */
function selectVersions(q: Query) {
  return q
    .selectFrom('rubric_versions as v')
    .leftJoin('reviewer_profiles as p', 'p.id', 'v.published_by')
    .select((eb) => [
      'v.id',
      'v.rubric_id',
      'v.version',
      'v.published_at',
      'v.note',
      'v.published_by',
      'p.name as publisher_name',
      'p.role as publisher_role',
      eb
        .selectFrom('evaluations as e')
        .select((c) => c.fn.countAll().as('n'))
        .whereRef('e.rubric_version_id', '=', 'v.id')
        .as('evaluation_count'),
    ]);
}

type VersionRow = Awaited<ReturnType<ReturnType<typeof selectVersions>['executeTakeFirstOrThrow']>>;

const toVersionSummary = (row: VersionRow): RubricVersionSummary => ({
  id: row.id,
  rubricId: row.rubric_id,
  version: row.version,
  publishedAt: row.published_at,
  publishedBy:
    row.published_by === null || row.publisher_name === null || row.publisher_role === null
      ? null
      : { id: row.published_by, name: row.publisher_name, role: row.publisher_role },
  note: row.note,
  evaluationCount: Number(row.evaluation_count ?? 0),
});

/** Every version of a rubric, newest first. */
async function versionsOf(q: Query, rubricId: number): Promise<RubricVersionSummary[]> {
  const rows = await selectVersions(q)
    .where('v.rubric_id', '=', rubricId)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map(toVersionSummary);
}

/** How many evaluations were scored on any version of the rubric `r`. */
const evaluationCount = (eb: ExpressionBuilder<Schema & { r: Schema['rubrics'] }, 'r'>) =>
  eb
    .selectFrom('evaluations as e')
    .innerJoin('rubric_versions as ev', 'ev.id', 'e.rubric_version_id')
    .select((c) => c.fn.countAll().as('n'))
    .whereRef('ev.rubric_id', '=', 'r.id')
    .as('evaluation_count');

function selectRubrics(q: Query) {
  return q
    .selectFrom('rubrics as r')
    .select((eb) => [
      'r.id',
      'r.key',
      'r.builtin',
      'r.name',
      'r.kind',
      'r.language',
      sql<number>`case when ${eb.ref('r.draft')} is null then 0 else 1 end`.as('has_draft'),
      evaluationCount(eb),
    ]);
}

type RubricRow = Awaited<ReturnType<ReturnType<typeof selectRubrics>['executeTakeFirstOrThrow']>>;

function toSummary(row: RubricRow, latest: RubricVersionSummary | null): RubricSummary {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    kind: row.kind,
    language: row.language,
    builtin: row.builtin,
    latestVersion: latest,
    hasDraft: Number(row.has_draft) === 1,
    evaluationCount: Number(row.evaluation_count ?? 0),
  };
}

/** Built-in rubrics first, then by name (case folded the same way on both engines). */
export async function listRubrics(q: Query): Promise<RubricSummary[]> {
  const rows = await selectRubrics(q)
    .orderBy(sql`case when r.builtin is null then 1 else 0 end`)
    .orderBy(sql`lower(r.name)`)
    .orderBy('r.id')
    .execute();
  const latestRows = await selectVersions(q)
    .where('v.version', '=', (eb) =>
      eb
        .selectFrom('rubric_versions as lv')
        .select((c) => c.fn.max('lv.version').as('latest'))
        .whereRef('lv.rubric_id', '=', 'v.rubric_id'),
    )
    .execute();
  const latest = new Map(latestRows.map((row) => [row.rubric_id, toVersionSummary(row)]));
  return rows.map((row) => toSummary(row, latest.get(row.id) ?? null));
}

/**
 * The rubric's key; not_found naming `field` when there is none. With `lock` (inside a transaction that
 * is about to add a version) PostgreSQL holds the rubric's row, so two servers publishing at once take
 * turns; SQLite has one writer anyway.
 */
export async function rubricKey(
  q: Query,
  id: number,
  field = 'id',
  lock: Engine | null = null,
): Promise<string> {
  let select = q.selectFrom('rubrics').select('key').where('id', '=', id);
  if (lock === 'postgres') select = select.forUpdate();
  const row = await select.executeTakeFirst();
  if (row === undefined) throw noRubric(field, id);
  return row.key;
}

export const noRubric = (field: string, id: number) =>
  new EarmarkError('not_found', `${field}: there is no rubric with id ${id}.`);

export const noPublishedVersion = (field: string, rubricId: number) =>
  new EarmarkError(
    'conflict',
    `${field}: rubric ${rubricId} has no published version yet; publish it before scoring with it.`,
  );

export async function getRubric(q: Query, id: number): Promise<RubricDetail> {
  const row = await selectRubrics(q)
    .leftJoin('reviewer_profiles as changer', 'changer.id', 'r.draft_changed_by')
    .select([
      'r.draft',
      'r.draft_saved_at',
      'r.draft_version',
      'r.draft_changed_by',
      'r.draft_changed_at',
      'changer.name as changer_name',
      'changer.role as changer_role',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new EarmarkError('not_found', `id: there is no rubric with id ${id}.`);
  const versions = await versionsOf(q, id);
  const latest = versions[0] ?? null;
  return {
    ...toSummary(row, latest),
    versions,
    latest: latest ? (await loadVersion(q, latest.id)).rubric : null,
    draft: row.draft === null ? null : (JSON.parse(row.draft) as RubricDraft),
    draftSavedAt: row.draft_saved_at,
    draftVersion: Number(row.draft_version),
    draftChangedBy:
      row.draft_changed_by === null || row.changer_name === null || row.changer_role === null
        ? null
        : { id: row.draft_changed_by, name: row.changer_name, role: row.changer_role },
    draftChangedAt: row.draft_changed_at,
  };
}

export async function getVersion(q: Query, versionId: number): Promise<RubricVersion> {
  const row = await selectVersions(q).where('v.id', '=', versionId).executeTakeFirst();
  if (!row)
    throw new EarmarkError('not_found', `versionId: there is no rubric version with id ${versionId}.`);
  return { ...toVersionSummary(row), rubric: (await loadVersion(q, versionId)).rubric };
}

/** The version new evaluations are scored on; refused while the rubric was never published. */
export async function latestVersionId(q: Query, rubricId: number, field = 'rubricId'): Promise<number> {
  await rubricKey(q, rubricId, field);
  const row = await q
    .selectFrom('rubric_versions')
    .select('id')
    .where('rubric_id', '=', rubricId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (row === undefined) throw noPublishedVersion(field, rubricId);
  return row.id;
}
