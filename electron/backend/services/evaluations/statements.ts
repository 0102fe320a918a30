import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/open';

/**
 * Prepared statements kept per connection. The autosave path runs many small statements per keystroke;
 * compiling them once keeps each save to the cost of the write itself.
 */
const cache = new WeakMap<Db, Map<string, Statement>>();

export function statement(db: Db, sql: string): Statement {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let prepared = statements.get(sql);
  if (!prepared) statements.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}
