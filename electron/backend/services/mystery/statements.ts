import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/open';

const cache = new WeakMap<Db, Map<string, Statement>>();

/** A prepared statement, prepared once per database: a 10,000-row import runs each one per row. */
export function statement(db: Db, sql: string): Statement {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let prepared = statements.get(sql);
  if (!prepared) statements.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}
