import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Db } from '../open';
import { sharedColumns, type Database } from '../database';
import type { NewRow, Query, Schema, TableName } from '../schema';

const STATEMENT_CACHE_SIZE = 500;

/**
 * The query layer on the better-sqlite3 connection the backend already has (`ctx.db`): converted and
 * not yet converted services share one connection, so one transaction state and one view of the data.
 */
export function sqliteDatabase(db: Db): Database {
  const query = new Kysely<Schema>({ dialect: new SqliteDialect({ database: cachingStatements(db) }) });

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

  function insertRows<T extends TableName>(table: T, rows: readonly NewRow<T>[]): number {
    const columns = sharedColumns(table, rows);
    const quoted = columns.map((c) => `"${c.replaceAll('"', '""')}"`);
    const insert = db.prepare(
      `INSERT INTO "${table}" (${quoted.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    for (const row of rows) insert.run(columns.map((c) => (row as Record<string, unknown>)[c]));
    return rows.length;
  }

  return {
    engine: 'sqlite',
    query,
    transaction,
    async insertMany(into, table, rows) {
      if (rows.length === 0) return 0;
      // Inside a transaction of this layer the connection is already ours and in BEGIN: the rows join it.
      if (into.isTransaction) return insertRows(table, rows);
      return transaction(async () => insertRows(table, rows));
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

/** Kysely prepares every query afresh; the hot ones (an autosave, a list) reuse their statement instead. */
function cachingStatements(db: Db): SqliteDatabase {
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  return {
    prepare(sql) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) return cached;
      const statement = db.prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
      if (!cached) cache.set(sql, statement);
      return statement;
    },
    close() {
      // Not Kysely's to close: see sqliteDatabase.
    },
  };
}
