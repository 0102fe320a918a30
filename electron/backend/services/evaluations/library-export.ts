import type { ParsedParams } from '../../../../shared/api';
import type { LibraryFilters } from '../../../../shared/api';
import { MAX_EXPORT_EVALUATIONS, type ExportDates } from '../../../../shared/api/methods/evaluations';
import { EarmarkError } from '../../../../shared/errors';
import type { Database } from '../../db/database';
import type { Db } from '../../db/open';
import type { Query } from '../../db/schema';
import { libraryQuery } from '../library-view';
import { tableToCsv, tableToXlsx } from './export-files';
import { evaluationTable, selectExportRows, type ExportRow } from './table';
import { nowIso } from '../../clock';

/**
 * Evaluations where people look for them: from the library's current view. The interactions are the
 * ones the library lists for the filters (the same SQL, so the export and the list never disagree);
 * each brings its submitted evaluations, on whatever rubric. The library's score and outcome filters
 * judge an interaction by its latest evaluation; the export holds each evaluation to them as well, so
 * "below target" never exports an earlier pass of the same call. Drafts are unfinished work and stay
 * out, and so does everything of coaching.
 */

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The export's days replace the library's date filter, on the interaction or on the evaluation. */
function narrowed(filters: LibraryFilters, dates: ExportDates) {
  const view: LibraryFilters = {
    ...filters,
    from: dates.of === 'interaction' ? dates.from : undefined,
    to: dates.of === 'interaction' ? dates.to : undefined,
  };
  const where: string[] = [];
  const args: unknown[] = [];
  if (dates.of === 'evaluation' && dates.from) {
    where.push('e.submitted_at >= ?');
    args.push(dates.from);
  }
  if (dates.of === 'evaluation' && dates.to) {
    where.push('e.submitted_at < ?');
    args.push(nextDay(dates.to));
  }
  if (filters.scoreMin !== undefined) {
    where.push('e.score_percent >= ?');
    args.push(filters.scoreMin);
  }
  if (filters.scoreMax !== undefined) {
    where.push('e.score_percent <= ?');
    args.push(filters.scoreMax);
  }
  if (filters.outcomes?.length) {
    where.push('e.score_outcome IN (SELECT value FROM json_each(?))');
    args.push(JSON.stringify(filters.outcomes));
  }
  return { view: Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined)), where, args };
}

/**
 * Which submitted evaluations the view and dates hold, oldest first: their ids, chosen with the
 * library's own SQL on the workstation's connection (SQLite only until the library view is on the
 * query layer; on PostgreSQL `db` answers unavailable).
 */
function libraryEvaluationIds(db: Db, filters: LibraryFilters, dates: ExportDates): number[] {
  const { view, where, args } = narrowed(filters, dates);
  // Newest first needs no search ranking: only which interactions match counts here.
  const q = libraryQuery({ filters: view, sort: 'startedAt', order: 'desc' });
  if (!q) return [];
  const sql = `${q.with}
    SELECT e.id FROM evaluations e
    WHERE e.state = 'submitted' AND e.interaction_id IN (SELECT i.id FROM ${q.from} ${q.where})
      ${where.map((w) => `AND ${w}`).join(' ')}
    ORDER BY coalesce(e.submitted_at, e.updated_at), e.id LIMIT ?`;
  const ids = db
    .prepare(sql)
    .pluck()
    .all(...q.args, ...args, MAX_EXPORT_EVALUATIONS + 1) as number[];
  if (ids.length > MAX_EXPORT_EVALUATIONS) {
    throw new EarmarkError(
      'invalid_params',
      `More than ${MAX_EXPORT_EVALUATIONS.toLocaleString('en')} evaluations match: narrow the filters or the dates and export in parts.`,
    );
  }
  return ids;
}

/** The evaluations the library's view and the dates hold, as the export writes them, oldest first. */
export async function selectLibraryEvaluations(
  q: Query,
  db: Db,
  filters: LibraryFilters,
  dates: ExportDates,
): Promise<ExportRow[]> {
  const ids = libraryEvaluationIds(db, filters, dates);
  const rows: ExportRow[] = [];
  for (let start = 0; start < ids.length; start += CHUNK) {
    rows.push(
      ...(await selectExportRows(q)
        .where('e.id', 'in', ids.slice(start, start + CHUNK))
        .execute()),
    );
  }
  // In chunks, each in order: merged back into the one order the ids came in.
  const position = new Map(ids.map((id, index) => [id, index]));
  return rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
}

const CHUNK = 5_000;

/**
 * Columns for every version the rows were scored on: rubrics with the most evaluations first, each
 * version's items newest version first, so the usual rubric's latest order leads.
 */
async function versionOrder(q: Query, rows: readonly ExportRow[]): Promise<number[]> {
  const used = [...new Set(rows.map((row) => row.rubric_version_id))];
  if (used.length === 0) return [];
  const versions = await q
    .selectFrom('rubric_versions')
    .select(['id', 'rubric_id as rubricId', 'version'])
    .where('id', 'in', used)
    .execute();
  const perRubric = new Map<number, number>();
  const rubricOf = new Map(versions.map((v) => [v.id, v.rubricId]));
  for (const row of rows) {
    const rubric = rubricOf.get(row.rubric_version_id)!;
    perRubric.set(rubric, (perRubric.get(rubric) ?? 0) + 1);
  }
  const count = (rubricId: number) => perRubric.get(rubricId) ?? 0;
  return versions
    .sort((a, b) => count(b.rubricId) - count(a.rubricId) || a.rubricId - b.rubricId || b.version - a.version)
    .map((v) => v.id);
}

function fileName(dates: ExportDates, format: string, today: string): string {
  const span = dates.from || dates.to ? `${dates.from ?? 'start'}-to-${dates.to ?? today}` : today;
  return `evaluations-${span}.${format}`;
}

/**
 * The rows are chosen with the library's own SQL (SQLite only until the library view is on the query
 * layer: on PostgreSQL `db` answers unavailable); the table is built on the query layer.
 */
export async function exportLibraryEvaluations(
  database: Database,
  db: Db,
  params: ParsedParams<'evaluation.exportLibrary'>,
): Promise<{ fileName: string; format: 'csv' | 'xlsx'; content: string; rows: number }> {
  const rows = await selectLibraryEvaluations(database.query, db, params.filters, params.dates);
  const table = await evaluationTable(
    database.query,
    rows,
    await versionOrder(database.query, rows),
    params.labels,
  );
  const content =
    params.format === 'csv'
      ? tableToCsv(table, { delimiter: params.delimiter, decimalComma: params.decimalComma })
      : (await tableToXlsx(table, params.labels?.sheet ?? 'Evaluations')).toString('base64');
  return {
    fileName: fileName(params.dates, params.format, nowIso(database).slice(0, 10)),
    format: params.format,
    content,
    rows: rows.length,
  };
}
