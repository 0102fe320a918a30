import {
  SqliteAdapter,
  type CompiledQuery,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import type { Db } from '../open';

const STATEMENT_CACHE_SIZE = 500;

type Statement = ReturnType<Db['prepare']>;

/**
 * The workstation's one better-sqlite3 connection as Kysely's: Kysely's own SQLite driver, but with
 * every statement prepared once (Kysely prepares each query afresh) and with the connection's state in
 * view, so a query compiled once (`db/prepared.ts`) can run straight on its statement when nothing
 * else holds the connection, skipping the executor's hand-over on the autosave's path.
 */
export class WorkstationConnection implements DatabaseConnection {
  readonly #db: Db;
  readonly #cache = new Map<string, Statement>();

  constructor(db: Db) {
    this.#db = db;
  }

  /** Runs one statement now, synchronously; only for whoever holds the connection (or when it is free). */
  run(sql: string, parameters: readonly unknown[]): QueryResult<unknown> {
    const statement = this.#statement(sql);
    if (statement.reader) return { rows: statement.all(parameters) };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  }

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return Promise.resolve(this.run(compiled.sql, compiled.parameters) as QueryResult<R>);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    for (const row of this.#db.prepare(compiled.sql).iterate(compiled.parameters)) yield { rows: [row as R] };
  }

  #statement(sql: string): Statement {
    const cached = this.#cache.get(sql);
    // A statement still iterating (a stream) cannot run again; a fresh one is prepared for the time being.
    if (cached && !cached.busy) return cached;
    const statement = this.#db.prepare(sql);
    if (this.#cache.size >= STATEMENT_CACHE_SIZE) this.#cache.clear();
    if (!cached) this.#cache.set(sql, statement);
    return statement;
  }
}

/** Hands the one connection to one Kysely user (a query, a transaction) at a time, in turn. */
export class WorkstationDriver implements Driver {
  readonly connection: WorkstationConnection;
  #held: Promise<void> | null = null;
  #release: (() => void) | null = null;

  constructor(db: Db) {
    this.connection = new WorkstationConnection(db);
  }

  /** Nobody holds the connection: a statement run now, synchronously, cannot land inside a transaction. */
  get free(): boolean {
    return this.#held === null;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    while (this.#held) await this.#held;
    this.#held = new Promise((resolve) => (this.#release = resolve));
    return this.connection;
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#held = null;
    this.#release = null;
    release?.();
  }

  async beginTransaction(): Promise<void> {
    this.connection.run('begin', []);
  }

  async commitTransaction(): Promise<void> {
    this.connection.run('commit', []);
  }

  async rollbackTransaction(): Promise<void> {
    this.connection.run('rollback', []);
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    this.connection.run(`savepoint "${name.replaceAll('"', '""')}"`, []);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    this.connection.run(`rollback to "${name.replaceAll('"', '""')}"`, []);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    this.connection.run(`release "${name.replaceAll('"', '""')}"`, []);
  }

  async destroy(): Promise<void> {
    // The connection belongs to the backend, which closes it after everything else.
  }
}

export class WorkstationDialect implements Dialect {
  constructor(readonly driver: WorkstationDriver) {}
  createDriver = (): Driver => this.driver;
  createQueryCompiler = () => new SqliteQueryCompiler();
  createAdapter = () => new SqliteAdapter();
  createIntrospector = (db: Kysely<unknown>) => new SqliteIntrospector(db);
}
