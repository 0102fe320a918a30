import { sql, type Expression, type SqlBool } from 'kysely';
import type { Query, Schema } from '../db/schema';

/**
 * Small helpers for copying rows from a workstation's SQLite into a team's PostgreSQL: the two have the
 * same tables and columns (schema parity), so a row read from one is written to the other with its id
 * left out and its references translated through the maps built on the way.
 */

/** Workstation id → team id, per table. */
export type IdMap = Map<number, number>;

export type TableName = keyof Schema & string;

/** The team id of a workstation id that must have been mapped already (a programming error otherwise). */
export function mapped(map: IdMap, id: number, what: string): number {
  const to = map.get(id);
  if (to === undefined) throw new Error(`The import has no team ${what} for workstation id ${id}.`);
  return to;
}

/** The team id of a nullable reference. */
export const mappedOrNull = (map: IdMap, id: number | null, what: string) =>
  id === null ? null : mapped(map, id, what);

/** A row without its own id, as a new row of the team database. */
export function withoutId<T extends { id?: unknown }>(row: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = row;
  return rest;
}

/** `column = value`, or `column IS NULL` for a null: how a natural key with optional parts is compared. */
export function same(column: string, value: unknown): Expression<SqlBool> {
  return value === null
    ? sql<SqlBool>`${sql.ref(column)} IS NULL`
    : sql<SqlBool>`${sql.ref(column)} = ${value}`;
}

/** Inserts `rows` of a table in batches (a call's segments, a recording's peaks). */
export async function insertMany(q: Query, table: TableName, rows: readonly object[]): Promise<void> {
  for (let at = 0; at < rows.length; at += 500) {
    // Rows read from the same table of the other engine: their columns are the table's.
    await q
      .insertInto(table)
      .values(rows.slice(at, at + 500) as never)
      .execute();
  }
}

/** Inserts one row and returns its new id. */
export async function insertReturningId(q: Query, table: TableName, row: object): Promise<number> {
  const inserted = (await q
    .insertInto(table)
    .values(row as never)
    .returning(sql<number>`id`.as('id'))
    .executeTakeFirstOrThrow()) as { id: number };
  return inserted.id;
}
