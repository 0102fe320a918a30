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

  async function insertChunks<T extends TableName>(into: Query, table: T, rows: readonly NewRow<T>[]) {
    const columns = sharedColumns(table, rows);
    if (rows.length >= COPY_FROM_ROWS) {
      const { rows: found } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(into);
      const client = byProcess.get(found[0]!.pid);
      if (client) {
        await copyRows(client, table, columns, rows);
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
    return rows.length;
  }

  return {
    engine: 'postgres',
    query,
    transaction: (fn) => query.transaction().execute(fn),
    async insertMany(into, table, rows) {
      if (rows.length === 0) return 0;
      if (into.isTransaction) return insertChunks(into, table, rows);
      return query.transaction().execute((trx) => insertChunks(trx, table, rows));
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
 * The pool as Kysely sees it: a statement compiled once (db/prepared.ts) runs as a named statement, so
 * each connection parses and plans it once and then only binds and executes it; any other SQL runs as
 * before (unnamed: parsed and planned each time, so a one-off query leaves nothing behind).
 */
function namingStatements(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    // Kysely calls it with SQL and parameters only (no cursor is configured).
    query: ((text: string, values: readonly unknown[]) => {
      const name = preparedName(text);
      return client.query({ name, text, values: [...values] });
    }) as unknown as PostgresPoolClient['query'],
    release: (destroy?: boolean) => client.release(destroy),
  });
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
