import { sql } from 'kysely';
import type { ParsedParams } from '../../../../shared/api';
import type { LibraryFilters } from '../../../../shared/api';
import { MAX_EXPORT_EVALUATIONS, type ExportDates } from '../../../../shared/api/methods/evaluations';
import { EarmarkError } from '../../../../shared/errors';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';
import { librarySql } from '../library-view';
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

/**
 * The submitted evaluations the library's view and the export's dates hold, as the export writes them,
 * oldest first. The export's days replace the library's date filter, on the interaction or on the
 * evaluation; the score and outcome filters hold for each evaluation as for the interaction's latest.
 */
export async function selectLibraryEvaluations(
  database: Database,
  filters: LibraryFilters,
  dates: ExportDates,
): Promise<ExportRow[]> {
  const viewFilters: LibraryFilters = {
    ...filters,
    from: dates.of === 'interaction' ? dates.from : undefined,
    to: dates.of === 'interaction' ? dates.to : undefined,
  };
  // Newest first needs no search ranking: only which interactions match counts here.
  const view = librarySql(database.engine, {
    filters: Object.fromEntries(Object.entries(viewFilters).filter(([, v]) => v !== undefined)),
    sort: 'startedAt',
    order: 'desc',
  });
  if (!view) return [];
  let select = selectExportRows(database.query)
    .where('e.state', '=', 'submitted')
    .where('e.interaction_id', 'in', sql<number>`(${view.with} SELECT i.id FROM ${view.from} ${view.where})`);
  if (dates.of === 'evaluation' && dates.from) select = select.where('e.submitted_at', '>=', dates.from);
  if (dates.of === 'evaluation' && dates.to) select = select.where('e.submitted_at', '<', nextDay(dates.to));
  if (filters.scoreMin !== undefined) select = select.where('e.score_percent', '>=', filters.scoreMin);
  if (filters.scoreMax !== undefined) select = select.where('e.score_percent', '<=', filters.scoreMax);
  if (filters.outcomes?.length) select = select.where('e.score_outcome', 'in', filters.outcomes);
  const rows = await select.limit(MAX_EXPORT_EVALUATIONS + 1).execute();
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

export async function exportLibraryEvaluations(
  database: Database,
  params: ParsedParams<'evaluation.exportLibrary'>,
): Promise<{ fileName: string; format: 'csv' | 'xlsx'; content: string; rows: number }> {
  const rows = await selectLibraryEvaluations(database, params.filters, params.dates);
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
