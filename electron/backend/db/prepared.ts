import type { CompiledQuery, Compilable, DialectAdapter, QueryResult } from 'kysely';
import type { Query } from './schema';

/**
 * A placeholder for a value given at each run. Built into the query in place of a value (typed as the
 * value, so the query keeps its types); the compiled statement carries it as a parameter, swapped for
 * the run's value.
 */
class Slot {
  constructor(readonly name: string) {}
}

/**
 * Runs a compiled statement straight on the engine's connection, without Kysely's executor, when that is
 * safe now (on SQLite: inside a transaction, which holds the one connection, or while nobody holds it);
 * otherwise answers undefined and the query goes through Kysely.
 */
export type DirectRun = (
  sql: string,
  parameters: readonly unknown[],
  inTransaction: boolean,
) => QueryResult<unknown> | undefined;

const directRuns = new WeakMap<DialectAdapter, DirectRun>();

/**
 * A name for each compiled-once statement's SQL: PostgreSQL's connections (db/postgres/database.ts) run
 * these as named statements, parsed and planned once per connection instead of on every run. Planning
 * was most of PostgreSQL's time for a team server's per-request session lookup (test/bench/team-load.ts).
 */
const statementNames = new Map<string, string>();

/** The statement name of a `prepared` query's SQL; undefined for any other SQL. */
export const preparedName = (sql: string): string | undefined => statementNames.get(sql);

/** Makes `prepared` queries on `query` (and its transactions: they share its adapter) try `run` first. */
export function runPreparedDirectly(query: Query, run: DirectRun): void {
  directRuns.set(query.getExecutor().adapter, run);
}

/**
 * A query built and compiled once per engine, then run with new values: what a call on a hot path (the
 * autosave, a note, who acts) pays per statement drops from Kysely building and compiling the query
 * (a few dozen microseconds and most of the garbage) to handing over the parameters. On SQLite the
 * statement itself is also prepared once, and it runs straight on that statement (`runPreparedDirectly`)
 * inside a transaction, which holds the workstation's one connection, or when nobody holds it: Kysely's
 * executor (its connection hand-over and promises) would only add to a keystroke's save. While another
 * transaction holds the connection, the query waits its turn through Kysely. PostgreSQL runs the same
 * compiled query through Kysely's executor (the pool's client) as a named statement (`preparedName`).
 *
 * `build` gets slots (typed as `P`, the values) for the values that change from run to run and must use each only as a value
 * (a comparison, an inserted or set value), never as a column or table name. Values that pick a
 * different query shape (an optional column) need a prepared query per shape.
 */
export function prepared<P extends Record<string, unknown>, O>(
  build: (q: Query, slot: P) => Compilable<O>,
): (q: Query, values: P) => Promise<QueryResult<O>> {
  // Per dialect: the SQL differs between SQLite and PostgreSQL, a transaction shares its database's adapter.
  const compiled = new WeakMap<DialectAdapter, { query: CompiledQuery<O>; slots: (string | null)[] }>();
  return async (q, values) => {
    const adapter = q.getExecutor().adapter;
    let entry = compiled.get(adapter);
    if (!entry) {
      const slot = new Proxy({} as P, {
        get: (_, name) => new Slot(String(name)),
        // A spread (`{ ...p }`) would silently name no value at all.
        ownKeys: () => {
          throw new Error('prepared query: name each value (p.name); the slots cannot be spread');
        },
      });
      const query = build(q, slot).compile();
      // A named statement's result columns are fixed when it is planned: with `*`, a column a migration
      // adds while a server runs (another process migrated) changes them, and PostgreSQL refuses to run it.
      if (/(^|[\s,(])("[^"]+"\.)?\*\s*(,|from\b|$)/i.test(query.sql)) {
        throw new Error('prepared query: name its columns; `*` changes when a migration adds a column');
      }
      const slots = query.parameters.map((value) => (value instanceof Slot ? value.name : null));
      if (!statementNames.has(query.sql)) statementNames.set(query.sql, `earmark_${statementNames.size + 1}`);
      entry = { query, slots };
      compiled.set(adapter, entry);
    }
    const { query, slots } = entry;
    const parameters = query.parameters.map((value, i) => {
      const name = slots[i] ?? null;
      if (name === null) return value;
      const given = values[name];
      if (given === undefined) throw new Error(`prepared query: no value for ${name}`);
      return given;
    });
    const direct = directRuns.get(adapter)?.(query.sql, parameters, q.isTransaction);
    if (direct) return direct as QueryResult<O>;
    return q.executeQuery<O>({ ...query, parameters });
  };
}
