import type { Statement } from 'better-sqlite3';
import type { Db } from '../../electron/backend/db/open';

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
