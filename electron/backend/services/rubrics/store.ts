import type { ReviewerRole } from '../../../../shared/api/methods/profiles';
import type { RubricDraft } from '../../../../shared/api/methods/rubric-draft';
import type {
  RubricDetail,
  RubricSummary,
  RubricVersion,
  RubricVersionSummary,
} from '../../../../shared/api/methods/rubrics';
import type { RubricKind } from '../../../../shared/rubric/schema';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { versionContent } from './version-cache';

interface RubricRow {
  id: number;
  key: string;
  builtin: RubricSummary['builtin'];
  name: string;
  kind: RubricKind;
  language: string;
  has_draft: number;
  evaluation_count: number;
}

interface VersionRow {
  id: number;
  rubric_id: number;
  version: number;
  published_at: string;
  note: string;
  published_by: number | null;
  publisher_name: string | null;
  publisher_role: ReviewerRole | null;
  evaluation_count: number;
}

const SELECT_VERSION = `SELECT v.id, v.rubric_id, v.version, v.published_at, v.note, v.published_by,
    p.name AS publisher_name, p.role AS publisher_role,
    (SELECT count(*) FROM evaluations e WHERE e.rubric_version_id = v.id) AS evaluation_count
  FROM rubric_versions v LEFT JOIN reviewer_profiles p ON p.id = v.published_by`;

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
  evaluationCount: row.evaluation_count,
});

/** Every version of a rubric, newest first. */
function versionsOf(db: Db, rubricId: number): RubricVersionSummary[] {
  const rows = db
    .prepare(`${SELECT_VERSION} WHERE v.rubric_id = ? ORDER BY v.version DESC`)
    .all(rubricId) as VersionRow[];
  return rows.map(toVersionSummary);
}

const SELECT_RUBRIC = `SELECT r.id, r.key, r.builtin, r.name, r.kind, r.language, r.draft IS NOT NULL AS has_draft,
    (SELECT count(*) FROM evaluations e JOIN rubric_versions v ON v.id = e.rubric_version_id
      WHERE v.rubric_id = r.id) AS evaluation_count
  FROM rubrics r`;

function toSummary(row: RubricRow, latest: RubricVersionSummary | null): RubricSummary {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    kind: row.kind,
    language: row.language,
    builtin: row.builtin,
    latestVersion: latest,
    hasDraft: row.has_draft === 1,
    evaluationCount: row.evaluation_count,
  };
}

/** Built-in rubrics first, then by name. */
export function listRubrics(db: Db): RubricSummary[] {
  const rows = db
    .prepare(`${SELECT_RUBRIC} ORDER BY r.builtin IS NULL, r.name COLLATE NOCASE, r.id`)
    .all() as RubricRow[];
  const latest = new Map(
    (
      db
        .prepare(
          `${SELECT_VERSION} WHERE v.version = (SELECT max(version) FROM rubric_versions WHERE rubric_id = v.rubric_id)`,
        )
        .all() as VersionRow[]
    ).map((row) => [row.rubric_id, toVersionSummary(row)]),
  );
  return rows.map((row) => toSummary(row, latest.get(row.id) ?? null));
}

export function rubricKey(db: Db, id: number, field = 'id'): string {
  const key = db.prepare('SELECT key FROM rubrics WHERE id = ?').pluck().get(id) as string | undefined;
  if (key === undefined) throw new EarmarkError('not_found', `${field}: there is no rubric with id ${id}.`);
  return key;
}

export function getRubric(db: Db, id: number): RubricDetail {
  const row = db.prepare(`${SELECT_RUBRIC} WHERE r.id = ?`).get(id) as RubricRow | undefined;
  if (!row) throw new EarmarkError('not_found', `id: there is no rubric with id ${id}.`);
  const versions = versionsOf(db, id);
  const latest = versions[0] ?? null;
  const draft = db.prepare('SELECT draft, draft_saved_at FROM rubrics WHERE id = ?').get(id) as {
    draft: string | null;
    draft_saved_at: string | null;
  };
  return {
    ...toSummary(row, latest),
    versions,
    latest: latest ? versionContent(db, latest.id).rubric : null,
    draft: draft.draft === null ? null : (JSON.parse(draft.draft) as RubricDraft),
    draftSavedAt: draft.draft_saved_at,
  };
}

export function getVersion(db: Db, versionId: number): RubricVersion {
  const row = db.prepare(`${SELECT_VERSION} WHERE v.id = ?`).get(versionId) as VersionRow | undefined;
  if (!row)
    throw new EarmarkError('not_found', `versionId: there is no rubric version with id ${versionId}.`);
  return { ...toVersionSummary(row), rubric: versionContent(db, versionId).rubric };
}

/** The version new evaluations are scored on; refused while the rubric was never published. */
export function latestVersionId(db: Db, rubricId: number, field = 'rubricId'): number {
  rubricKey(db, rubricId, field);
  const id = db
    .prepare('SELECT id FROM rubric_versions WHERE rubric_id = ? ORDER BY version DESC LIMIT 1')
    .pluck()
    .get(rubricId) as number | undefined;
  if (id === undefined) {
    throw new EarmarkError(
      'conflict',
      `${field}: rubric ${rubricId} has no published version yet; publish it before scoring with it.`,
    );
  }
  return id;
}
