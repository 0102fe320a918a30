import { sql } from 'kysely';
import { EarmarkError } from '../../../../shared/errors';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';

/**
 * The back-off after failed logins, per username and per address, kept in `login_failures` so every
 * server process on the database counts the same failures. A username's first few failures cost
 * nothing (typos); after them each failure blocks the next try for a growing time. An address gets more
 * free failures, since a whole office may share one. A success clears the username's row; the address
 * keeps its count until it goes quiet, so one account of one's own cannot reset a guessing run.
 */
export interface BackoffRule {
  /** Failures in a row that block nothing. */
  readonly freeFailures: number;
  /** The block after the first failure past the free ones; each further failure doubles it. */
  readonly firstBlockMs: number;
  readonly maxBlockMs: number;
}

export const USER_BACKOFF: BackoffRule = { freeFailures: 5, firstBlockMs: 2_000, maxBlockMs: 15 * 60_000 };
export const ADDRESS_BACKOFF: BackoffRule = {
  freeFailures: 20,
  firstBlockMs: 2_000,
  maxBlockMs: 15 * 60_000,
};
/** Failures older than this are forgotten: the count starts again. */
export const FAILURE_MEMORY_MS = 24 * 60 * 60_000;

const MAX_ADDRESS_CHARS = 100;

/** The rows a login attempt counts against: its username (case-blind) and, when known, its address. */
export function failureKeys(username: string, address: string | null): { key: string; rule: BackoffRule }[] {
  const keys = [{ key: `user:${username.toLowerCase()}`, rule: USER_BACKOFF }];
  if (address) keys.push({ key: `address:${address.slice(0, MAX_ADDRESS_CHARS)}`, rule: ADDRESS_BACKOFF });
  return keys;
}

/** The block after the `failures`-th failure in a row, in ms (0 while free). */
export function blockAfter(failures: number, rule: BackoffRule): number {
  const past = failures - rule.freeFailures;
  if (past < 1) return 0;
  return Math.min(rule.maxBlockMs, rule.firstBlockMs * 2 ** Math.min(past - 1, 30));
}

/** Refuses with `rate_limited` while either key is blocked, naming when to try again. */
export async function assertNotBlocked(q: Query, keys: readonly { key: string }[], now: Date): Promise<void> {
  const rows = await q
    .selectFrom('login_failures')
    .select(['key', 'blocked_until'])
    .where(
      'key',
      'in',
      keys.map((k) => k.key),
    )
    .where('blocked_until', '>', now.toISOString())
    .execute();
  if (rows.length === 0) return;
  const until = rows.map((row) => row.blocked_until!).sort()[rows.length - 1]!;
  const seconds = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000));
  const who = rows.some((row) => row.key.startsWith('user:')) ? 'this username' : 'this network address';
  throw new EarmarkError(
    'rate_limited',
    `Too many failed logins for ${who}: try again in ${waitWords(seconds)} (at ${until}).`,
    { reason: 'too_many_logins', retryAt: until },
  );
}

/** Counts one failure against each key (in one statement each, so processes racing add up). */
export async function recordFailure(
  database: Database,
  keys: readonly { key: string; rule: BackoffRule }[],
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const forgetBefore = new Date(now.getTime() - FAILURE_MEMORY_MS).toISOString();
  await database.transaction(async (trx) => {
    for (const { key, rule } of keys) {
      const row = await trx
        .insertInto('login_failures')
        .values({ key, failures: 1, last_failure_at: at, blocked_until: null })
        .onConflict((conflict) =>
          conflict.column('key').doUpdateSet({
            failures: sql<number>`CASE WHEN ${sql.ref('login_failures.last_failure_at')} < ${forgetBefore} THEN 1 ELSE ${sql.ref('login_failures.failures')} + 1 END`,
            last_failure_at: at,
          }),
        )
        .returning('failures')
        .executeTakeFirstOrThrow();
      const block = blockAfter(Number(row.failures), rule);
      await trx
        .updateTable('login_failures')
        .set({ blocked_until: block > 0 ? new Date(now.getTime() + block).toISOString() : null })
        .where('key', '=', key)
        .execute();
    }
  });
}

/** A successful login: the username's failures are forgiven. */
export async function clearUserFailures(q: Query, username: string): Promise<void> {
  await q.deleteFrom('login_failures').where('key', '=', `user:${username.toLowerCase()}`).execute();
}

/** Drops failures nobody remembers any more (a stream of made-up usernames must not grow the table). */
export async function forgetOldFailures(q: Query, now: Date): Promise<void> {
  const forgetBefore = new Date(now.getTime() - FAILURE_MEMORY_MS).toISOString();
  await q
    .deleteFrom('login_failures')
    .where('last_failure_at', '<', forgetBefore)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', now.toISOString())]))
    .execute();
}

function waitWords(seconds: number): string {
  if (seconds < 120) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
