import { EarmarkError } from '../../../shared/errors';
import type { Engine } from './database';
import type { Db } from './open';

/**
 * What `ctx.db` is on PostgreSQL while services move onto the query layer one area at a time: every
 * use says plainly that this part runs on the workstation's SQLite only so far, and the call fails with
 * `unavailable` instead of crashing the server or quietly reading nothing.
 */
export function sqliteOnlyDb(engine: Exclude<Engine, 'sqlite'>): Db {
  const refuse = (): never => {
    throw new EarmarkError(
      'unavailable',
      `This part of Earmark does not run on ${engine === 'postgres' ? 'PostgreSQL' : engine} yet: it still ` +
        'needs the workstation database (SQLite). Start Earmark without --database to use it.',
    );
  };
  return new Proxy({} as Db, {
    get: (_target, property) => {
      // Not a promise, and printable in a log, without counting as a use.
      if (property === 'then' || property === Symbol.toStringTag || property === 'toJSON') return undefined;
      return refuse();
    },
    set: refuse,
    has: refuse,
  });
}
