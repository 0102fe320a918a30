import type { NewRow, Query, TableName } from './schema';

export type Engine = 'sqlite' | 'postgres';

/**
 * The one async query layer every service moves onto (docs/data-layer.md): the same Kysely queries run
 * on SQLite (the workstation's file, through the very better-sqlite3 connection the not yet converted
 * services use) and on PostgreSQL (a team's server, through a pg pool).
 */
export interface Database {
  readonly engine: Engine;
  /** Typed queries outside a transaction; services take it (or a transaction's) as `Query`. */
  readonly query: Query;
  /**
   * Runs `fn` in one transaction: all of it is written, or none of it (fn throws). On SQLite the
   * transaction must not wait on anything but the database (a file, a timer): the connection is the
   * workstation's only one, shared with code that is not on this layer yet, so it is refused.
   */
  transaction<T>(fn: (trx: Query) => Promise<T>): Promise<T>;
  /**
   * Inserts many rows the engine's fastest way: prepared multi-row statements in one transaction on
   * SQLite, COPY on PostgreSQL (multi-row INSERTs for a few rows). Every row names the same columns. Inside `transaction(fn)`
   * pass its `trx` as `into`, so the rows are part of it; with `database.query` the rows get a
   * transaction of their own. Returns how many rows were inserted. `sent`, when given, is called once
   * the rows are all on their way and only the server's work on them is left (on SQLite: once they are
   * in): the caller's moment to prepare its next rows while the server is busy with these.
   */
  insertMany<T extends TableName>(
    into: Query,
    table: T,
    rows: readonly NewRow<T>[],
    sent?: () => void,
  ): Promise<number>;
  /** The newest migration applied (SQLite's user_version; PostgreSQL's schema_migrations). */
  schemaVersion(): Promise<number>;
  /** Releases the layer (the PostgreSQL pool). The SQLite connection stays with whoever opened it. */
  close(): Promise<void>;
}

/** The column names every row must share, in the first row's order; a row that differs is refused. */
export function sharedColumns(table: string, rows: readonly object[]): string[] {
  const columns = Object.keys(rows[0] ?? {});
  // Compared key by key, not joined: this runs for every row of a bulk import.
  rows.forEach((row, index) => {
    const keys = Object.keys(row);
    if (keys.length === columns.length && keys.every((key, i) => key === columns[i])) return;
    throw new Error(
      `insertMany into ${table}: row ${index} names the columns ${keys.join(', ')}, ` +
        `not ${columns.join(', ')} as row 0 does; every row must name the same columns.`,
    );
  });
  return columns;
}
