import type { ParsedParams } from '../../../../shared/api';
import type { LibraryFilters } from '../../../../shared/api';
import { MAX_EXPORT_EVALUATIONS, type ExportDates } from '../../../../shared/api/methods/evaluations';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { libraryQuery } from '../library-view';
import { tableToCsv, tableToXlsx } from './export-files';
import { EXPORT_COLUMNS, EXPORT_JOINS, EXPORT_ORDER, evaluationTable, type ExportRow } from './table';
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

export function selectLibraryEvaluations(db: Db, filters: LibraryFilters, dates: ExportDates): ExportRow[] {
  const { view, where, args } = narrowed(filters, dates);
  // Newest first needs no search ranking: only which interactions match counts here.
  const q = libraryQuery({ filters: view, sort: 'startedAt', order: 'desc' });
  if (!q) return [];
  const sql = `${q.with}
    SELECT ${EXPORT_COLUMNS} FROM ${EXPORT_JOINS}
    WHERE e.state = 'submitted' AND e.interaction_id IN (SELECT i.id FROM ${q.from} ${q.where})
      ${where.map((w) => `AND ${w}`).join(' ')}
    ORDER BY ${EXPORT_ORDER} LIMIT ?`;
  const rows = db.prepare(sql).all(...q.args, ...args, MAX_EXPORT_EVALUATIONS + 1) as ExportRow[];
  if (rows.length > MAX_EXPORT_EVALUATIONS) {
    throw new EarmarkError(
      'invalid_params',
      `More than ${MAX_EXPORT_EVALUATIONS.toLocaleString('en')} evaluations match: narrow the filters or the dates and export in parts.`,
    );
  }
  return rows;
}

/**
 * Columns for every version the rows were scored on: rubrics with the most evaluations first, each
 * version's items newest version first, so the usual rubric's latest order leads.
 */
function versionOrder(db: Db, rows: readonly ExportRow[]): number[] {
  const used = [...new Set(rows.map((row) => row.rubric_version_id))];
  if (used.length === 0) return [];
  const versions = db
    .prepare(
      `SELECT v.id, v.rubric_id AS rubricId, v.version FROM rubric_versions v
       WHERE v.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(used)) as { id: number; rubricId: number; version: number }[];
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

export async function exportLibraryEvaluations(
  db: Db,
  params: ParsedParams<'evaluation.exportLibrary'>,
): Promise<{ fileName: string; format: 'csv' | 'xlsx'; content: string; rows: number }> {
  const rows = selectLibraryEvaluations(db, params.filters, params.dates);
  const table = evaluationTable(db, rows, versionOrder(db, rows), params.labels);
  const content =
    params.format === 'csv'
      ? tableToCsv(table, { delimiter: params.delimiter, decimalComma: params.decimalComma })
      : (await tableToXlsx(table, params.labels?.sheet ?? 'Evaluations')).toString('base64');
  return {
    fileName: fileName(params.dates, params.format, nowIso(db).slice(0, 10)),
    format: params.format,
    content,
    rows: rows.length,
  };
}
