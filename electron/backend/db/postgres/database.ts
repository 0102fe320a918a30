import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { sharedColumns, type Database } from '../database';
import type { Migration } from '../open';
import { preparedName } from '../prepared';
import type { NewRow, Query, Schema, TableName } from '../schema';
import { copyRows } from './copy';
import { migratePostgres } from './migrate';

/** PostgreSQL allows 65,535 parameters in one statement; a few thousand rows a statement is as fast. */
const MAX_PARAMETERS = 60_000;
const MAX_ROWS_PER_INSERT = 5_000;
/** From this many rows on, COPY beats a multi-row INSERT (its extra round trip pays off). */
const COPY_FROM_ROWS = 50;

export interface PostgresOptions {
  /** Overrides the migration list (tests). */
  migrations?: readonly Migration[];
  /** Connections the pool may open (10 by default). */
  maxConnections?: number;
  log?: (message: string) => void;
}

/**
 * Connects to a team's PostgreSQL (`postgres://user:password@host:port/database`), migrates it (once,
 * however many servers start together) and returns the query layer on a pool of connections.
 */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const pool = createPool(url, options.maxConnections ?? 10);
  pool.on('error', (error) => options.log?.(`[earmark] PostgreSQL connection lost: ${error.message}`));
  try {
    await migratePostgres(pool, url, options.migrations);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return postgresDatabase(pool);
}

/** A pool whose numbers read as SQLite's do: bigint and numeric come back as JavaScript numbers. */
export function createPool(url: string, max = 10): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max,
    types: { getTypeParser: typeParser } as pg.CustomTypesConfig,
  });
}

const INT8 = 20;
const NUMERIC = 1700;

function typeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === INT8) return parseInteger;
  if (oid === NUMERIC) return Number;
  return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
}

function parseInteger(text: string): number {
  const value = Number(text);
  // An id or a count past 2^53 would silently lose digits as a number; none comes near it.
  if (!Number.isSafeInteger(value)) throw new Error(`The database returned ${text}, too big for a number.`);
  return value;
}

export function postgresDatabase(pool: pg.Pool): Database {
  const query = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: namingStatements(pool) }) });
  // Kysely does not hand out a transaction's connection; COPY needs it. Each connection is found by
  // its server process id, which the transaction itself reports.
  const byProcess = new Map<number, pg.PoolClient>();
  pool.on('acquire', (client) => byProcess.set(processId(client), client));
  pool.on('remove', (client) => byProcess.delete(processId(client as pg.PoolClient)));

  async function insertChunks<T extends TableName>(
    into: Query,
    table: T,
    rows: readonly NewRow<T>[],
    sent?: () => void,
  ) {
    const columns = sharedColumns(table, rows);
    if (rows.length >= COPY_FROM_ROWS) {
      const { rows: found } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(into);
      const client = byProcess.get(found[0]!.pid);
      if (client) {
        await copyRows(client, table, columns, rows, sent);
        return rows.length;
      }
    }
    const perInsert = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / columns.length)));
    for (let start = 0; start < rows.length; start += perInsert) {
      // The rows' types are the table's; Kysely's overloads cannot see that through the generic T.
      await into
        .insertInto(table)
        .values(rows.slice(start, start + perInsert) as never)
        .execute();
    }
    sent?.();
    return rows.length;
  }

  return {
    engine: 'postgres',
    query,
    transaction: (fn) =>
      query
        .transaction()
        .execute(fn)
        // A named statement the schema changed under ran in it: the transaction is rolled back whole and
        // the statement is parsed again under a new name (namingStatements), so it runs once more, anew.
        .catch((error: unknown) => {
          if (!planChanged(error)) throw error;
          return query.transaction().execute(fn);
        }),
    async insertMany(into, table, rows, sent) {
      if (rows.length === 0) {
        sent?.();
        return 0;
      }
      if (into.isTransaction) return insertChunks(into, table, rows, sent);
      return query.transaction().execute((trx) => insertChunks(trx, table, rows, sent));
    },
    async schemaVersion() {
      const row = await query
        .selectFrom('schema_migrations')
        .select((eb) => eb.fn.max('version').as('version'))
        .executeTakeFirst();
      return Number(row?.version ?? 0);
    },
    close: () => query.destroy(),
  };
}

const processId = (client: pg.PoolClient | pg.Client) =>
  (client as unknown as { processID: number }).processID;

/**
 * PostgreSQL's answer when a named statement's planned result columns no longer match its tables (a
 * migration another process ran changed a column it returns): feature_not_supported, "cached plan must
 * not change result type". The statement stays broken on that connection until parsed again.
 */
export function planChanged(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; depth++) {
    const { code } = cause as { code?: unknown };
    if (code === '0A000' && /cached plan must not change result type/i.test(cause.message)) return true;
    cause = cause.cause;
  }
  return false;
}

/**
 * The pool as Kysely sees it: a statement compiled once (db/prepared.ts) runs as a named statement, so
 * each connection parses and plans it once and then only binds and executes it; any other SQL runs as
 * before (unnamed: parsed and planned each time, so a one-off query leaves nothing behind).
 *
 * A rolling upgrade migrates while older servers still run: a named statement whose result columns a
 * migration changed fails once on each connection that planned it. It is then parsed again under a new
 * name on that connection (the old one cannot be dropped inside a failed transaction; it goes with the
 * connection) and, outside a transaction, run again at once; inside one, the transaction is retried
 * (postgresDatabase's `transaction`).
 */
function namingStatements(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    // How often each statement was parsed again on this connection, its plan gone stale (earmark_3_1 …).
    const reparsed = new Map<string, number>();
    const run = (name: string | undefined, text: string, values: readonly unknown[]) => {
      const times = name && reparsed.get(name);
      return client.query({ name: times ? `${name}_${times}` : name, text, values: [...values] });
    };
    return {
      // Kysely calls it with SQL and parameters only (no cursor is configured).
      query: (async (text: string, values: readonly unknown[]) => {
        const name = preparedName(text);
        try {
          return await run(name, text, values);
        } catch (error) {
          if (!name || !planChanged(error)) throw error;
          reparsed.set(name, (reparsed.get(name) ?? 0) + 1);
          if (client.getTransactionStatus() !== 'I') throw error;
          return run(name, text, values);
        }
      }) as unknown as PostgresPoolClient['query'],
      release: (destroy?: boolean) => client.release(destroy),
    };
  };
  return {
    async connect() {
      const client = await pool.connect();
      let named = clients.get(client);
      if (!named) clients.set(client, (named = wrap(client)));
      return named;
    },
    end: () => pool.end(),
  };
}
