import type { MethodName, ParsedParams, Result } from '../../shared/api';
import type { Db } from './db/open';
import type { EventHub } from './events';

/** What every service area gets: the database, the folders, the event hub and the log. */
export interface BackendContext {
  readonly db: Db;
  readonly dataDir: string;
  readonly resourcesDir: string;
  readonly version: string;
  readonly events: EventHub;
  log(message: string): void;
}

/** Handlers for some of the contract's methods; each area's handlers.ts returns one of these. */
export type HandlersFor<M extends MethodName> = {
  [K in M]: (params: ParsedParams<K>) => Result<K> | Promise<Result<K>>;
};
