import type { Statement } from 'better-sqlite3';
import type { Db } from '../../electron/backend/db/open';
import pg from 'pg';

const RUNS = new Set(['all', 'get', 'iterate', 'run']);

/**
 * Counts the statements run on `db` whose SQL matches `pattern`, from now on: each statement prepared
 * later is wrapped, so a statement the services keep prepared is counted every time it runs. Call it
 * before the statements are first prepared (on a fresh backend), or those prepared before go uncounted.
 */
export function countQueries(db: Db, pattern: RegExp): { readonly count: number; reset(): void } {
  let count = 0;
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const statement = prepare(sql);
    if (!pattern.test(sql)) return statement;
    const counted: Statement = new Proxy(statement, {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (RUNS.has(String(property))) count++;
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          // pluck(), raw(), bind() … return the statement itself: keep counting through them.
          return result === target ? counted : result;
        };
      },
    });
    return counted;
  }) as Db['prepare'];
  return {
    get count() {
      return count;
    },
    reset: () => void (count = 0),
  };
}

const postgresCounters = new Set<{ pattern: RegExp; count: number }>();

/**
 * countQueries on the backend's engine: on SQLite through its connection's prepare, on PostgreSQL by
 * watching every statement the pg driver sends (from this test process, which is the backend's).
 */
export function countEngineQueries(
  backend: { db: Db; database: { engine: string } },
  pattern: RegExp,
): { readonly count: number; reset(): void } {
  if (backend.database.engine === 'sqlite') return countQueries(backend.db, pattern);
  watchPostgres();
  const counter = { pattern, count: 0 };
  postgresCounters.add(counter);
  return {
    get count() {
      return counter.count;
    },
    reset: () => void (counter.count = 0),
  };
}

let watching = false;
function watchPostgres(): void {
  if (watching) return;
  watching = true;
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [config] = args;
    const text = typeof config === 'string' ? config : (config as { text?: string } | null)?.text;
    if (text) for (const counter of postgresCounters) if (counter.pattern.test(text)) counter.count++;
    return original.apply(this, args);
  } as typeof pg.Client.prototype.query;
}
