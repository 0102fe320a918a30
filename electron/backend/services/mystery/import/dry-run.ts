import type { MysteryChannel } from '../../../../../shared/rubric/mystery';
import type { EvaluationResult } from '../../../../../shared/rubric/outcome';
import type { Database } from '../../../db/database';
import { getShop } from '../store';
import { understood } from './rows';
import { fileCell, insertRowsRolledBack, noFolder, prepare, rolledBack } from './run';

/** Without importing anything: the file a row's recording would come from, or why there is none. */
export type EvidenceLocator = (
  wanted: { shopId: string; file: string | null }[],
) => Map<string, { path: string } | { error: string }>;

/** What a row would become, for the preview of a dry run. */
export interface ShopPreview {
  occurredAt: string;
  channel: MysteryChannel;
  team: string;
  scenario: string;
  percent: number | null;
  result: EvaluationResult;
}
export interface DryRunRow {
  row: number;
  shopId: string | null;
  outcome: 'import' | 'skip' | 'fail';
  column: string | null;
  problem: string | null;
  preview: ShopPreview | null;
}
export interface MysteryDryRun {
  rows: DryRunRow[];
  /** Per checklist column, the cell texts that are not an answer without help ("values" can map them). */
  unknownValues: { target: string; column: string; texts: string[] }[];
  /** Some date reads both as day/month and month/day (3/4/2025) and the mapping has no dateOrder. */
  ambiguousDates: boolean;
}

const SLASH = /^(\d{1,2})\/(\d{1,2})\/\d{4}/;
const PREVIEWED = 20;

/**
 * What importing the sheet with this mapping would do, row by row, without storing anything or
 * importing a recording: which rows import, which are already there, and each failing row's column
 * and problem; the first rows as they would import; the cell texts no checklist item understands.
 */
export async function dryRunMysteryImport(
  database: Database,
  input: { fileName: string; bytes: Buffer; mapping: unknown; locateEvidence?: EvidenceLocator },
): Promise<MysteryDryRun> {
  const prep = await prepare(database.query, input);
  const { ctx, report, table } = prep;
  const located = input.locateEvidence?.(
    prep.todo.map((t) => ({ shopId: t.shopId, file: fileCell(prep, t.cells) })),
  );
  const previews = new Map<number, ShopPreview>();
  const done = await rolledBack(database, prep, (trx, at) =>
    insertRowsRolledBack(
      database,
      trx,
      at,
      prep,
      prep.todo,
      located
        ? ({ shopId }) => {
            const found = located.get(shopId);
            return found && 'error' in found ? found : { recordingId: null };
          }
        : noFolder(prep),
      async (row, id, trx) => {
        if (previews.size >= PREVIEWED) return;
        const shop = await getShop(trx, id);
        previews.set(row, {
          occurredAt: shop.occurredAt,
          channel: shop.channel,
          team: shop.team,
          scenario: shop.scenario,
          percent: shop.percent,
          result: shop.result,
        });
      },
    ),
  );
  const rows: DryRunRow[] = [
    ...done.imported.map((r) => ({
      row: r.row,
      shopId: r.shopId,
      outcome: 'import' as const,
      column: null,
      problem: null,
      preview: previews.get(r.row) ?? null,
    })),
    ...report.skipped.map((r) => ({
      row: r.row,
      shopId: r.shopId,
      outcome: 'skip' as const,
      column: null,
      problem: r.reason,
      preview: null,
    })),
    ...[...report.failed, ...done.failed].map((r) => ({
      row: r.row,
      shopId: r.shopId,
      outcome: 'fail' as const,
      column: r.column,
      problem: r.error,
      preview: null,
    })),
  ].sort((a, b) => a.row - b.row);

  const unknownValues: MysteryDryRun['unknownValues'] = [];
  for (const [column, target] of ctx.targets) {
    if (!target.startsWith('item:')) continue;
    const item = ctx.items.get(target.slice(5))?.item;
    if (!item) continue;
    const texts = new Set<string>();
    for (const cells of table.rows) {
      const text = (cells[column] ?? '').trim();
      if (text !== '' && !understood(ctx, target, item, text)) texts.add(text);
    }
    if (texts.size) unknownValues.push({ target, column, texts: [...texts].slice(0, 50) });
  }
  const dateColumn = ctx.columnOf.get('occurredAt') ?? ctx.columnOf.get('date');
  const ambiguousDates =
    ctx.mapping.dateOrder === undefined &&
    dateColumn !== undefined &&
    table.rows.some((cells) => {
      const m = SLASH.exec((cells[dateColumn] ?? '').trim());
      return m !== null && Number(m[1]) <= 12 && Number(m[2]) <= 12;
    });
  return { rows, unknownValues, ambiguousDates };
}
