import { Kysely } from 'kysely';
import type { Db } from '../open';
import { sharedColumns, type Database } from '../database';
import { runPreparedDirectly } from '../prepared';
import { WorkstationDialect, WorkstationDriver } from './driver';
import type { NewRow, Query, Schema, TableName } from '../schema';

const ROWS_PER_STATEMENT = 100;
const PARAMETERS = 999;

/**
 * The query layer on the better-sqlite3 connection the backend already has (`ctx.db`): converted and
 * not yet converted services share one connection, so one transaction state and one view of the data.
 */
export function sqliteDatabase(db: Db): Database {
  const driver = new WorkstationDriver(db);
  const query = new Kysely<Schema>({ dialect: new WorkstationDialect(driver) });
  runPreparedDirectly(query, (text, parameters, inTransaction) =>
    inTransaction || driver.free ? driver.connection.run(text, parameters) : undefined,
  );

  async function transaction<T>(fn: (trx: Query) => Promise<T>): Promise<T> {
    return query.transaction().execute(async (trx) => {
      // Code not on this layer yet writes to the same connection synchronously, between two turns of
      // the event loop. A transaction that lives only on microtasks (database calls) finishes before any
      // such code can run; one that waited on a file or timer might have taken its writes in, or lost
      // them on a rollback. Refused rather than risked.
      let waited = false;
      const turn = setImmediate(() => (waited = true));
      try {
        const result = await fn(trx);
        if (waited) throw new TransactionWaitedError();
        return result;
      } finally {
        clearImmediate(turn);
      }
    });
  }

  // Prepared once per table, columns and row count: preparing per call cost a tenth of a bulk import.
  const inserts = new Map<string, ReturnType<Db['prepare']>>();
  function insertStatement(table: string, columns: readonly string[], rows: number) {
    const key = `${table}\u0000${columns.join('\u0000')}\u0000${rows}`;
    let statement = inserts.get(key);
    if (!statement) {
      const quoted = columns.map((c) => `"${c.replaceAll('"', '""')}"`);
      const row = `(${columns.map(() => '?').join(', ')})`;
      statement = db.prepare(
        `INSERT INTO "${table}" (${quoted.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}`,
      );
      inserts.set(key, statement);
    }
    return statement;
  }

  function insertRows<T extends TableName>(table: T, rows: readonly NewRow<T>[]): number {
    const columns = sharedColumns(table, rows);
    // Many rows a statement cost a third less than one a row (measured on 1M segments); SQLite allows
    // 32,766 parameters a statement, far above this.
    const perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(PARAMETERS / columns.length)));
    for (let from = 0; from < rows.length; from += perStatement) {
      const to = Math.min(rows.length, from + perStatement);
      const params: unknown[] = [];
      for (let i = from; i < to; i++) {
        const row = rows[i] as Record<string, unknown>;
        for (const column of columns) params.push(row[column]);
      }
      insertStatement(table, columns, to - from).run(params);
    }
    return rows.length;
  }

  return {
    engine: 'sqlite',
    query,
    transaction,
    async insertMany(into, table, rows, sent) {
      // Inside a transaction of this layer the connection is already ours and in BEGIN: the rows join it.
      const count =
        rows.length === 0
          ? 0
          : into.isTransaction
            ? insertRows(table, rows)
            : transaction(async () => insertRows(table, rows));
      const inserted = await count;
      sent?.();
      return inserted;
    },
    schemaVersion: async () => db.pragma('user_version', { simple: true }) as number,
    async close() {
      // The connection belongs to the backend, which closes it after everything else.
    },
  };
}

export class TransactionWaitedError extends Error {
  constructor() {
    super(
      'A database transaction waited on something other than the database (a file, a timer, the network) ' +
        'and was rolled back: on SQLite it shares the one connection with code that is not on the query ' +
        'layer yet. Read files and compute before the transaction, then write in it.',
    );
  }
}
