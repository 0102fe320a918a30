import { basename } from 'node:path';
import { EarmarkError } from '../../../../../shared/errors';
import type { Rubric } from '../../../../../shared/rubric/schema';
import { scoreEvaluation, type ScoreBreakdown } from '../../../../../shared/rubric/scoring';
import { fromDatabaseError } from '../../../database-errors';
import { sql, type SqlBool } from 'kysely';
import { nowIso } from '../../../clock';
import type { Database } from '../../../db/database';
import type { Query } from '../../../db/schema';
import { readTable } from '../../../import/formats/manifest/read-table';
import { findOrAddAgent } from '../../people';
import { loadVersion, transactionWithVersions } from '../../rubrics/version-cache';
import { scenarioByTitle } from '../scenarios';
import { checklistVersionId, incomplete, shopColumns, type ShopFields } from '../store';
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

async function rubricIdOf(q: Query, rubric: string | number, language: string): Promise<number> {
  const byId = typeof rubric === 'number' || /^\d+$/.test(rubric) ? Number(rubric) : null;
  const rubrics = q.selectFrom('rubrics').select('id');
  const id =
    byId !== null
      ? (await rubrics.where('id', '=', byId).executeTakeFirst())?.id
      : ((await rubrics.where('key', '=', String(rubric)).executeTakeFirst())?.id ??
        (
          await rubrics
            .where(sql<SqlBool>`builtin = ${String(rubric)}`)
            .orderBy(sql`CASE WHEN language = ${language} THEN 0 ELSE 1 END`)
            .orderBy('id')
            .limit(1)
            .executeTakeFirst()
        )?.id);
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
  /** The agent a row names when it is known already (cached, or in the database); creates none. */
  knownAgent(q: Query, name: string, team: string): Promise<number | undefined>;
}

/** Reads the sheet, checks the mapping fits it, and sorts the rows: empty, failed early, already there, to do. */
export async function prepare(
  q: Query,
  input: { fileName: string; bytes: Buffer; mapping: unknown },
): Promise<Prepared & { table: { columns: string[]; rows: Record<string, string>[] } }> {
  const parsed = MysteryMapping.safeParse(input.mapping);
  if (!parsed.success) refuse(describeZod(parsed.error));
  const mapping = parsed.data;
  const table = await readTable({ fileName: basename(input.fileName), bytes: input.bytes });

  const rubricId = await rubricIdOf(q, mapping.rubric, mapping.language);
  const versionId = await checklistVersionId(q, rubricId);
  const { rubric, items } = await loadVersion(q, versionId);

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
    scenarioIdByTitle: async (trx, title) => {
      const key = title.toLowerCase();
      if (!scenarios.has(key)) scenarios.set(key, (await scenarioByTitle(trx, title))?.id ?? null);
      return scenarios.get(key)!;
    },
    agentIdByName: async (trx, name, team) => {
      // An agent already known by that name is the one; else one is created in the shop's team.
      const id = (await knownAgent(trx, name, team)) ?? (await findOrAddAgent(trx, name, team || null));
      agents.set(agentKey(name, team), id);
      return id;
    },
  };
  const agentKey = (name: string, team: string) => `${name.toLowerCase()}\n${team.toLowerCase()}`;
  async function knownAgent(trx: Query, name: string, team: string): Promise<number | undefined> {
    const key = agentKey(name, team);
    const cached = agents.get(key);
    if (cached !== undefined) return cached;
    const known = await trx
      .selectFrom('agents')
      .select('id')
      .where(sql<SqlBool>`lower(name) = lower(${name})`)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (known) agents.set(key, known.id);
    return known?.id;
  }

  const report: MysteryImportReport = { imported: [], skipped: [], failed: [] };
  const shopColumn = columnOf.get('shopId')!;
  const firstRow = new Map<string, number>();
  const todo: Prepared['todo'] = [];
  const sheetIds = table.rows.map((cells) => (cells[shopColumn] ?? '').trim()).filter((id) => id !== '');
  const stored = await storedShops(q, [...new Set(sheetIds)]);
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
    if (stored.has(shopId)) {
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
    knownAgent,
  };
}

export type Evidence = { recordingId: number | null } | { error: string };

/** Rows a transaction takes: a wave of 10,000 shops goes in ten of them. */
const CHUNK = 1000;

/** Which of these shop ids are stored, and as which row: a thousand a query rather than one query a shop. */
async function storedShops(q: Query, shopIds: readonly string[]): Promise<Map<string, number>> {
  const stored = new Map<string, number>();
  for (let start = 0; start < shopIds.length; start += CHUNK) {
    const found = await q
      .selectFrom('mystery_shops')
      .select(['id', 'shop_id'])
      .where('shop_id', 'in', shopIds.slice(start, start + CHUNK))
      .execute();
    for (const row of found) stored.set(row.shop_id, row.id);
  }
  return stored;
}

/** What a row that imported tells the caller: its row, its new id, and the transaction it is in. */
export type OnImported = (row: number, id: number, trx: Query) => Promise<void> | void;

type Todo = Prepared['todo'][number];
export type EvidenceOf = (todo: Todo) => Evidence;
export interface Written {
  imported: ImportedShop[];
  failed: FailedShop[];
}

/** A row's shop as the sheet has it, linked to the recording its evidence became (or failed, naming why). */
async function readRow(ctx: RowContext, trx: Query, prep: Prepared, todo: Todo, evidenceOf: EvidenceOf) {
  const found = evidenceOf(todo);
  if ('error' in found) throw new RowProblem(prep.evidenceColumn ?? 'evidenceFile', found.error);
  return shopFromRow(ctx, trx, todo.cells, found.recordingId);
}

/** A row's problem as the report names it (row, shop id, column); any other error is thrown on. */
function failedRow({ row, shopId }: Todo, error: unknown): FailedShop {
  if (!(error instanceof RowProblem) && !(error instanceof EarmarkError)) throw error;
  const column = error instanceof RowProblem ? error.column : null;
  return { row, shopId, column, error: `row ${row}: ${error.message}` };
}

/** Undoes what was written since the savepoint, and what the row context cached of it (agents). */
async function rollBackTo(trx: Query, prep: Prepared, savepoint: 'shop_row' | 'shop_chunk') {
  await sql`ROLLBACK TO SAVEPOINT ${sql.raw(savepoint)}`.execute(trx);
  await sql`RELEASE SAVEPOINT ${sql.raw(savepoint)}`.execute(trx);
  prep.forget();
}

/** An imported shop's row: submitted at once, created and last changed when the import ran. */
const importedShop = (fields: ShopFields, versionId: number, breakdown: ScoreBreakdown, at: string) => ({
  ...shopColumns(fields, versionId, breakdown),
  status: 'submitted' as const,
  created_at: at,
  updated_at: at,
});

/** Writes the rows a thousand at a time and puts together what each thousand reports. */
async function byChunk(rows: Prepared['todo'], write: (chunk: Prepared['todo']) => Promise<Written>) {
  const done: Written = { imported: [], failed: [] };
  for (let start = 0; start < rows.length; start += CHUNK) {
    const { imported, failed } = await write(rows.slice(start, start + CHUNK));
    done.imported.push(...imported);
    done.failed.push(...failed);
  }
  return done;
}

/**
 * Writes the rows into `trx`, a savepoint each, so a bad row leaves nothing (not even the agent it
 * created); `evidenceOf` says which recording a row links, or why it cannot.
 */
async function insertRowsInto(
  database: Database,
  trx: Query,
  at: string,
  prep: Prepared,
  rows: Prepared['todo'],
  evidenceOf: EvidenceOf,
  onImported?: OnImported,
): Promise<Written> {
  const { ctx, versionId } = prep;
  const version = await loadVersion(trx, versionId);
  const imported: ImportedShop[] = [];
  const failed: FailedShop[] = [];
  for (const todo of rows) {
    const { row, shopId } = todo;
    await sql`SAVEPOINT shop_row`.execute(trx);
    try {
      const fields = await readRow(ctx, trx, prep, todo, evidenceOf);
      const id = await insertImportedShop(trx, at, fields, versionId, version.rubric);
      await sql`RELEASE SAVEPOINT shop_row`.execute(trx);
      imported.push({ row, shopId, id });
      await onImported?.(row, id, trx);
    } catch (thrown) {
      await rollBackTo(trx, prep, 'shop_row');
      // A refusal of the database (a shop id another import stored meanwhile) fails the row, named.
      failed.push(
        failedRow(todo, thrown instanceof RowProblem ? thrown : (fromDatabaseError(thrown) ?? thrown)),
      );
    }
  }
  await writeTrail(database, trx, at, imported);
  return { imported, failed };
}

/** What the database would otherwise refuse of an imported row, checked before anything is written. */
function checkImported(fields: ShopFields, rubric: Rubric) {
  if (fields.scenarioId === null && fields.scenarioText.trim() === '') {
    throw new EarmarkError('invalid_params', 'scenario: pick a scenario from the library or write one.');
  }
  const breakdown = scoreEvaluation(rubric, fields.answers);
  if (!breakdown.complete) throw incomplete(fields.shopId, breakdown);
  return breakdown;
}

async function insertImportedShop(
  trx: Query,
  at: string,
  fields: ShopFields,
  versionId: number,
  rubric: Rubric,
): Promise<number> {
  const breakdown = checkImported(fields, rubric);
  const { id } = await trx
    .insertInto('mystery_shops')
    .values(importedShop(fields, versionId, breakdown, at))
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * The rows of one chunk the fast way: every row is read and checked first (nothing written for a row
 * that fails), then the agents the good rows name are created, and the shops and their trail go in
 * with the bulk path (one prepared statement on SQLite, multi-row INSERTs on PostgreSQL). Should the
 * database still refuse something, the chunk is done again row by row (insertRowsInto), which names
 * the row; the savepoint around the fast attempt keeps the transaction usable on PostgreSQL.
 */
async function insertChunk(
  database: Database,
  trx: Query,
  at: string,
  prep: Prepared,
  rows: Prepared['todo'],
  evidenceOf: EvidenceOf,
  onImported?: OnImported,
): Promise<Written> {
  const { ctx, versionId } = prep;
  const { rubric } = await loadVersion(trx, versionId);
  const failed: FailedShop[] = [];
  const good: {
    todo: Todo;
    fields: ShopFields;
    breakdown: ScoreBreakdown;
    newAgent: [string, string] | null;
  }[] = [];
  // A placeholder for an agent that does not exist yet: created below only for the rows that are good.
  const NEW_AGENT = -1;
  let newAgent: [string, string] | null;
  // Names looked up and not found in this chunk: the next row naming one need not ask again.
  const pending = new Set<string>();
  const lookingUp: RowContext = {
    ...ctx,
    agentIdByName: async (q, name, team) => {
      const key = `${name.toLowerCase()}\n${team.toLowerCase()}`;
      const known = pending.has(key) ? undefined : await prep.knownAgent(q, name, team);
      if (known !== undefined) return known;
      pending.add(key);
      newAgent = [name, team];
      return NEW_AGENT;
    },
  };
  for (const todo of rows) {
    newAgent = null;
    try {
      const fields = await readRow(lookingUp, trx, prep, todo, evidenceOf);
      const breakdown = checkImported(fields, rubric);
      good.push({ todo, fields, breakdown, newAgent });
    } catch (error) {
      failed.push(failedRow(todo, error));
    }
  }
  await sql`SAVEPOINT shop_chunk`.execute(trx);
  try {
    for (const entry of good) {
      if (entry.newAgent) entry.fields.agentId = await ctx.agentIdByName(trx, ...entry.newAgent);
    }
    await database.insertMany(
      trx,
      'mystery_shops',
      good.map(({ fields, breakdown }) => importedShop(fields, versionId, breakdown, at)),
    );
    const ids = await storedShops(
      trx,
      good.map(({ fields }) => fields.shopId),
    );
    const imported = good.map(({ todo }) => ({
      row: todo.row,
      shopId: todo.shopId,
      id: ids.get(todo.shopId)!,
    }));
    await writeTrail(database, trx, at, imported);
    await sql`RELEASE SAVEPOINT shop_chunk`.execute(trx);
    for (const { row, id } of imported) await onImported?.(row, id, trx);
    return { imported, failed };
  } catch (error) {
    if (fromDatabaseError(error) === null) throw error;
    await rollBackTo(trx, prep, 'shop_chunk');
    return insertRowsInto(database, trx, at, prep, rows, evidenceOf, onImported);
  }
}

/** The import's line in each shop's audit trail, the bulk way. */
async function writeTrail(database: Database, trx: Query, at: string, imported: readonly ImportedShop[]) {
  await database.insertMany(
    trx,
    'mystery_shop_audit',
    imported.map(({ id }) => ({
      shop_row_id: id,
      action: 'imported' as const,
      profile_id: null,
      at,
      reason: null,
      changes: '[]',
    })),
  );
}

/** Inserts the rows into a transaction, a chunk at a time (see insertChunk). */
async function insertChunks(
  database: Database,
  trx: Query,
  at: string,
  prep: Prepared,
  rows: Prepared['todo'],
  evidenceOf: EvidenceOf,
  onImported?: OnImported,
): Promise<Written> {
  return byChunk(rows, (chunk) => insertChunk(database, trx, at, prep, chunk, evidenceOf, onImported));
}

/** Writes the rows, by the thousand in one transaction each (see insertChunk). */
export async function insertRows(
  database: Database,
  prep: Prepared,
  rows: Prepared['todo'],
  evidenceOf: EvidenceOf,
  onImported?: OnImported,
): Promise<Written> {
  const at = nowIso(database);
  return byChunk(rows, async (chunk) => {
    try {
      return await transactionWithVersions(database, (trx) =>
        insertChunk(database, trx, at, prep, chunk, evidenceOf, onImported),
      );
    } catch (error) {
      // The chunk's rows are not stored: what the cache learnt of them goes too.
      prep.forget();
      throw error;
    }
  });
}

/** Runs `work` in one transaction that is always rolled back: a dry run stores nothing. */
export async function rolledBack<T>(
  database: Database,
  prep: Prepared,
  work: (trx: Query, at: string) => Promise<T>,
): Promise<T> {
  const undo = new Error('roll back');
  let result: T | undefined;
  try {
    await transactionWithVersions(database, async (trx) => {
      result = await work(trx, nowIso(database));
      throw undo;
    });
  } catch (error) {
    if (error !== undo) throw error;
  } finally {
    prep.forget();
  }
  return result!;
}

/** Inserts the rows into a transaction of `rolledBack` (a check or a dry run). */
export const insertRowsRolledBack = insertChunks;

export const fileCell = (prep: Prepared, cells: Record<string, string>) =>
  prep.evidenceColumn ? (cells[prep.evidenceColumn] ?? '').trim() || null : null;

/** A row naming a recording when no folder was given cannot import its evidence. */
export function noFolder(prep: Prepared): EvidenceOf {
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
  database: Database,
  input: { fileName: string; bytes: Buffer; mapping: unknown; findEvidence?: EvidenceFinder },
): Promise<MysteryImportReport> {
  const prep = await prepare(database.query, input);
  const { report } = prep;
  let done: Written;
  if (!input.findEvidence) done = await insertRows(database, prep, prep.todo, noFolder(prep));
  else {
    // Rows are checked first and only the rows that will import have their recordings imported, so
    // a wrong row leaves no recording behind in the library.
    const checked = await rolledBack(database, prep, (trx, at) =>
      insertChunks(database, trx, at, prep, prep.todo, () => ({ recordingId: null })),
    );
    const good = new Set(checked.imported.map((r) => r.row));
    const rows = prep.todo.filter((t) => good.has(t.row));
    const evidence = await input.findEvidence(
      rows.map((t) => ({ shopId: t.shopId, file: fileCell(prep, t.cells) })),
    );
    done = await insertRows(
      database,
      prep,
      rows,
      ({ shopId }) => evidence.get(shopId) ?? { recordingId: null },
    );
    done.failed.push(...checked.failed);
  }
  report.imported.push(...done.imported);
  report.failed.push(...done.failed);
  report.imported.sort((a, b) => a.row - b.row);
  report.failed.sort((a, b) => a.row - b.row);
  return report;
}
