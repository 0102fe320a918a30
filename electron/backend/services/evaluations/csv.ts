import type { ParsedParams } from '../../../../shared/api';
import type { Db } from '../../db/open';
import { rubricKey } from '../rubrics/store';
import { tableToCsv } from './export-files';
import { EXPORT_COLUMNS, EXPORT_JOINS, EXPORT_ORDER, evaluationTable, type ExportRow } from './table';
import { nowIso } from '../../clock';

/**
 * One rubric's evaluations as CSV for Excel (under Rubrics): items are the union over all versions of
 * the rubric, in the latest version's order. The library exports by filter (./library-export).
 */
export function exportEvaluationsCsv(
  db: Db,
  params: ParsedParams<'evaluation.exportCsv'>,
): { fileName: string; csv: string; rows: number } {
  const key = rubricKey(db, params.rubricId, 'rubricId');
  // Newest version first, so its order and titles lead.
  const versionIds = db
    .prepare('SELECT id FROM rubric_versions WHERE rubric_id = ? ORDER BY version DESC')
    .pluck()
    .all(params.rubricId) as number[];
  const rows = db
    .prepare(
      `SELECT ${EXPORT_COLUMNS} FROM ${EXPORT_JOINS}
       WHERE v.rubric_id = ? AND (e.state = 'submitted' OR ?)
       ORDER BY ${EXPORT_ORDER}`,
    )
    .all(params.rubricId, params.includeDrafts ? 1 : 0) as ExportRow[];
  const table = evaluationTable(db, rows, versionIds, params.labels);
  const day = nowIso(db).slice(0, 10);
  return {
    fileName: `evaluations-${key}-${day}.csv`,
    csv: tableToCsv(table, { delimiter: params.delimiter, decimalComma: params.decimalComma }),
    rows: rows.length,
  };
}
