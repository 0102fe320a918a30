import type { ParsedParams } from '../../../../shared/api';
import type { Database } from '../../db/database';
import { rubricKey } from '../rubrics/store';
import { tableToCsv } from './export-files';
import { evaluationTable, selectExportRows } from './table';
import { nowIso } from '../../clock';

/**
 * One rubric's evaluations as CSV for Excel (under Rubrics): items are the union over all versions of
 * the rubric, in the latest version's order. The library exports by filter (./library-export).
 */
export async function exportEvaluationsCsv(
  database: Database,
  params: ParsedParams<'evaluation.exportCsv'>,
): Promise<{ fileName: string; csv: string; rows: number }> {
  const q = database.query;
  const key = await rubricKey(q, params.rubricId, 'rubricId');
  // Newest version first, so its order and titles lead.
  const versionIds = (
    await q
      .selectFrom('rubric_versions')
      .select('id')
      .where('rubric_id', '=', params.rubricId)
      .orderBy('version', 'desc')
      .execute()
  ).map((row) => row.id);
  let select = selectExportRows(q).where('v.rubric_id', '=', params.rubricId);
  if (!params.includeDrafts) select = select.where('e.state', '=', 'submitted');
  const rows = await select.execute();
  const table = await evaluationTable(q, rows, versionIds, params.labels);
  const day = nowIso(database).slice(0, 10);
  return {
    fileName: `evaluations-${key}-${day}.csv`,
    csv: tableToCsv(table, { delimiter: params.delimiter, decimalComma: params.decimalComma }),
    rows: rows.length,
  };
}
