import { basename } from 'node:path';
import { EarmarkError } from '../../../../../shared/errors';
import type { Db } from '../../../db/open';
import { readTable } from '../../../import/formats/manifest/read-table';
import { upsertAgent } from '../../people';
import { versionContent } from '../../rubrics/version-cache';
import { scenarioByTitle } from '../scenarios';
import { checklistVersionId, insertShop, shopRowIdOf } from '../store';
import { MysteryMapping, type PlainTarget } from './mapping';
import { RowProblem, shopFromRow, type RowContext } from './rows';

export interface ImportedShop {
  row: number;
  shopId: string;
  id: number;
}
export interface SkippedShop {
  row: number;
  shopId: string;
  reason: string;
}
export interface FailedShop {
  row: number;
  shopId: string | null;
  column: string | null;
  error: string;
}
export interface MysteryImportReport {
  imported: ImportedShop[];
  skipped: SkippedShop[];
  failed: FailedShop[];
}

/** A row's evidence: the file the sheet names (or null) → the recording it became, or why not. */
export type EvidenceFinder = (
  wanted: { shopId: string; file: string | null }[],
) => Promise<Map<string, { recordingId: number } | { error: string }>>;

const SINGLE: PlainTarget[] = [
  'shopId',
  'date',
  'time',
  'occurredAt',
  'team',
  'agent',
  'channel',
  'scenario',
  'answeredBy',
  'evidenceFile',
];

function refuse(problem: string): never {
  // A hostile mapping or sheet can make the problem very long; the start of it says enough.
  const shown = problem.length > 1500 ? `${problem.slice(0, 1500)}…` : problem;
  throw new EarmarkError('invalid_params', `The mapping does not fit: ${shown}`);
}

function rubricIdOf(db: Db, rubric: string | number, language: string): number {
  const byId = typeof rubric === 'number' || /^\d+$/.test(rubric) ? Number(rubric) : null;
  const id = (
    byId !== null
      ? db.prepare('SELECT id FROM rubrics WHERE id = ?').pluck().get(byId)
      : (db.prepare('SELECT id FROM rubrics WHERE key = ?').pluck().get(rubric) ??
        db
          .prepare('SELECT id FROM rubrics WHERE builtin = ? ORDER BY language = ? DESC, id LIMIT 1')
          .pluck()
          .get(rubric, language))
  ) as number | undefined;
  if (id === undefined)
    refuse(
      `there is no rubric "${rubric}" (give a built-in key such as mystery-call, a rubric key or an id)`,
    );
  return id;
}

function describeZod(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export interface Prepared {
  ctx: RowContext;
  versionId: number;
  report: MysteryImportReport;
  todo: { row: number; shopId: string; cells: Record<string, string> }[];
  evidenceColumn: string | undefined;
  /** Forgets what the row context cached of rows rolled back (agents they created). */
  forget(): void;
}

/** Reads the sheet, checks the mapping fits it, and sorts the rows: empty, failed early, already there, to do. */
export async function prepare(
  db: Db,
  input: { fileName: string; bytes: Buffer; mapping: unknown },
): Promise<Prepared & { table: { columns: string[]; rows: Record<string, string>[] } }> {
  const parsed = MysteryMapping.safeParse(input.mapping);
  if (!parsed.success) refuse(describeZod(parsed.error));
  const mapping = parsed.data;
  const table = await readTable({ fileName: basename(input.fileName), bytes: input.bytes });

  const rubricId = rubricIdOf(db, mapping.rubric, mapping.language);
  const versionId = checklistVersionId(db, rubricId);
  const { rubric, items } = versionContent(db, versionId);

  const missing = Object.keys(mapping.columns).filter((header) => !table.columns.includes(header));
  if (missing.length) {
    refuse(
      `no column ${missing.map((h) => `"${h}"`).join(', ')} in the file (it has ${table.columns.map((h) => `"${h}"`).join(', ')})`,
    );
  }
  const targets = new Map(table.columns.map((header) => [header, mapping.columns[header] ?? 'extra']));
  const columnOf = new Map<string, string>();
  for (const [header, target] of targets) {
    if (!(SINGLE as string[]).includes(target) && !/^(item|comment):/.test(target)) continue;
    const earlier = columnOf.get(target);
    if (earlier !== undefined) refuse(`"${earlier}" and "${header}" are both mapped to ${target}`);
    columnOf.set(target, header);
    const itemId = /^(?:item|comment):(.+)$/.exec(target)?.[1];
    if (itemId !== undefined && !items.has(itemId)) {
      refuse(`column "${header}": the checklist "${rubric.name}" has no item "${itemId}"`);
    }
  }
  if (!columnOf.has('shopId')) refuse('no column is mapped to shopId');
  if (!columnOf.has('scenario')) refuse('no column is mapped to scenario');
  if (!columnOf.has('occurredAt') && !columnOf.has('date'))
    refuse('no column is mapped to date or occurredAt');
  const unmapped = [...items.keys()].filter((id) => !columnOf.has(`item:${id}`));
  if (unmapped.length)
    refuse(`no column is mapped to the checklist item(s) ${unmapped.map((id) => `item:${id}`).join(', ')}`);

  const agents = new Map<string, number>();
  const scenarios = new Map<string, number | null>();
  const ctx: RowContext = {
    mapping,
    rubricId,
    items,
    targets,
    columnOf,
    scenarioIdByTitle: (title) => {
      const key = title.toLowerCase();
      if (!scenarios.has(key)) scenarios.set(key, scenarioByTitle(db, title)?.id ?? null);
      return scenarios.get(key)!;
    },
    agentIdByName: (name, team) => {
      const key = `${name.toLowerCase()}\n${team.toLowerCase()}`;
      let id = agents.get(key);
      if (id === undefined) {
        // An agent already known by that name is the one; else one is created in the shop's team.
        id =
          (db
            .prepare('SELECT id FROM agents WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1')
            .pluck()
            .get(name) as number | undefined) ?? upsertAgent(db, name, team || null);
        agents.set(key, id);
      }
      return id;
    },
  };

  const report: MysteryImportReport = { imported: [], skipped: [], failed: [] };
  const shopColumn = columnOf.get('shopId')!;
  const firstRow = new Map<string, number>();
  const todo: Prepared['todo'] = [];
  table.rows.forEach((cells, index) => {
    const row = index + 2;
    if (Object.values(cells).every((c) => c.trim() === '')) return;
    const shopId = (cells[shopColumn] ?? '').trim();
    if (shopId === '') {
      report.failed.push({
        row,
        shopId: null,
        column: shopColumn,
        error: `row ${row}: column "${shopColumn}": no shop id`,
      });
      return;
    }
    const earlier = firstRow.get(shopId);
    if (earlier !== undefined) {
      report.failed.push({
        row,
        shopId,
        column: shopColumn,
        error: `row ${row}: shop "${shopId}" is also on row ${earlier}`,
      });
      return;
    }
    firstRow.set(shopId, row);
    if (shopRowIdOf(db, shopId) !== undefined) {
      report.skipped.push({ row, shopId, reason: 'already imported' });
      return;
    }
    todo.push({ row, shopId, cells });
  });
  return {
    ctx,
    versionId,
    report,
    todo,
    table,
    evidenceColumn: columnOf.get('evidenceFile'),
    forget: () => agents.clear(),
  };
}

export type Evidence = { recordingId: number | null } | { error: string };

/**
 * Writes the rows, by the thousand in one transaction and a savepoint each, so a bad row leaves
 * nothing; `evidenceOf` says which recording a row links, or why it cannot.
 */
export function insertRows(
  db: Db,
  prep: Prepared,
  rows: Prepared['todo'],
  evidenceOf: (todo: Prepared['todo'][number]) => Evidence,
  onImported?: (row: number, id: number) => void,
): { imported: ImportedShop[]; failed: FailedShop[] } {
  const { ctx, versionId, evidenceColumn } = prep;
  const imported: ImportedShop[] = [];
  const failed: FailedShop[] = [];
  // The agent a row creates goes with the row; a row that fails takes it back out, and the cache forgets it.
  const insertRow = db.transaction((cells: Record<string, string>, recordingId: number | null) =>
    insertShop(db, shopFromRow(ctx, cells, recordingId), 'submitted', 'imported', null, versionId),
  );
  const insertChunk = db.transaction((chunk: typeof rows) => {
    for (const todo of chunk) {
      const { row, shopId, cells } = todo;
      try {
        const found = evidenceOf(todo);
        if ('error' in found) throw new RowProblem(evidenceColumn ?? 'evidenceFile', found.error);
        const id = insertRow(cells, found.recordingId);
        imported.push({ row, shopId, id });
        onImported?.(row, id);
      } catch (error) {
        prep.forget();
        if (!(error instanceof RowProblem) && !(error instanceof EarmarkError)) throw error;
        const column = error instanceof RowProblem ? error.column : null;
        failed.push({ row, shopId, column, error: `row ${row}: ${error.message}` });
      }
    }
  });
  for (let at = 0; at < rows.length; at += 1000) insertChunk(rows.slice(at, at + 1000));
  return { imported, failed };
}

/** Runs `work` in a transaction that is always rolled back: a dry run stores nothing. */
export function rolledBack<T>(db: Db, prep: Prepared, work: () => T): T {
  const undo = new Error('roll back');
  let result: T | undefined;
  try {
    db.transaction(() => {
      result = work();
      throw undo;
    })();
  } catch (error) {
    if (error !== undo) throw error;
  } finally {
    prep.forget();
  }
  return result!;
}

export const fileCell = (prep: Prepared, cells: Record<string, string>) =>
  prep.evidenceColumn ? (cells[prep.evidenceColumn] ?? '').trim() || null : null;

/** A row naming a recording when no folder was given cannot import its evidence. */
export function noFolder(prep: Prepared): (todo: Prepared['todo'][number]) => Evidence {
  return ({ cells }) =>
    fileCell(prep, cells) !== null
      ? { error: 'names a recording, but no --recordings folder was given' }
      : { recordingId: null };
}

/**
 * Imports an agency's spreadsheet, one shop a row, as submitted shops. Each row goes in whole or not
 * at all; a row that is wrong is reported with its row number, shop id, column and problem and the
 * others still import. A shop id already stored is skipped, so the same file imported again adds
 * nothing and a corrected file adds only what was missing.
 */
export async function importMysteryShops(
  db: Db,
  input: { fileName: string; bytes: Buffer; mapping: unknown; findEvidence?: EvidenceFinder },
): Promise<MysteryImportReport> {
  const prep = await prepare(db, input);
  const { report } = prep;
  let done: { imported: ImportedShop[]; failed: FailedShop[] };
  if (!input.findEvidence) done = insertRows(db, prep, prep.todo, noFolder(prep));
  else {
    // Rows are checked first and only the rows that will import have their recordings imported, so
    // a wrong row leaves no recording behind in the library.
    const checked = rolledBack(db, prep, () =>
      insertRows(db, prep, prep.todo, () => ({ recordingId: null })),
    );
    const good = new Set(checked.imported.map((r) => r.row));
    const rows = prep.todo.filter((t) => good.has(t.row));
    const evidence = await input.findEvidence(
      rows.map((t) => ({ shopId: t.shopId, file: fileCell(prep, t.cells) })),
    );
    done = insertRows(db, prep, rows, ({ shopId }) => evidence.get(shopId) ?? { recordingId: null });
    done.failed.push(...checked.failed);
  }
  report.imported.push(...done.imported);
  report.failed.push(...done.failed);
  report.imported.sort((a, b) => a.row - b.row);
  report.failed.sort((a, b) => a.row - b.row);
  return report;
}
