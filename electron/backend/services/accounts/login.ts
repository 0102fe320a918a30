import type { Account } from '../../../../shared/api/methods/accounts';
import type { SessionAccount } from '../../../../shared/api/methods/session';
import { EarmarkError } from '../../../../shared/errors';
import type { Clock } from '../../clock';
import type { SessionChannel } from '../../context';
import type { Database } from '../../db/database';
import { findLogin, getAccount, passwordHashOf, sessionAccountOf, setPasswordHash } from './accounts';
import {
  assertNotBlocked,
  clearUserFailures,
  failureKeys,
  forgetOldFailures,
  recordFailure,
} from './login-backoff';
import { deleteWrappedKey, writeWrappedKey } from '../../privacy/key-store';
import { openNoteKey, rewrapNoteKey } from './note-key';
import { dummyVerify, hashPassword, verifyPassword, type ScryptCost } from './password-hash';
import { endSession, forgetEndedSessions, startSession } from './sessions';

/** What the login flows need beside the database: the clock and today's hashing cost. */
export interface LoginSettings {
  readonly clock: Clock;
  readonly passwordCost: ScryptCost;
  readonly log: (message: string) => void;
}

const WRONG = () =>
  new EarmarkError('not_allowed', 'The username or password is wrong.', { reason: 'wrong_login' });

/**
 * Logs in. The same words and the same work (one scrypt) whether the username exists or not, so neither
 * the answer nor its time tells who has an account. The request's old session ends (a new token every
 * login: a token planted before login is worth nothing after it).
 */
export async function login(
  database: Database,
  settings: LoginSettings,
  channel: SessionChannel,
  username: string,
  password: string,
): Promise<SessionAccount> {
  const keys = failureKeys(username, channel.address);
  await assertNotBlocked(database.query, keys, settings.clock.now());
  const found = await findLogin(database.query, username);
  if (!found) {
    await dummyVerify(password, settings.passwordCost);
    await recordFailure(database, keys, settings.clock.now());
    throw WRONG();
  }
  const verified = await verifyPassword(password, found.passwordHash, settings.passwordCost);
  if (!verified.ok) {
    await recordFailure(database, keys, settings.clock.now());
    throw WRONG();
  }
  if (found.disabled) {
    throw new EarmarkError('not_allowed', 'This account is disabled: ask an administrator of the team.', {
      reason: 'account_disabled',
    });
  }
  // Hashed before the transaction, which must wait on nothing but the database.
  const rehashed = verified.needsRehash ? await hashPassword(password, settings.passwordCost) : null;
  // The password unlocks the note key for the length of the session (note-key.ts).
  const noteKey = await openNoteKey(database, settings.passwordCost, found.profileId, password, settings.log);
  const now = settings.clock.now();
  const started = await database
    .transaction(async (trx) => {
      if (channel.token) await endSession(trx, channel.token);
      await clearUserFailures(trx, username);
      if (rehashed) {
        await trx
          .updateTable('accounts')
          .set({ password_hash: rehashed })
          .where('profile_id', '=', found.profileId)
          .execute();
      }
      return startSession(trx, found.profileId, now, channel.address, noteKey);
    })
    .finally(() => noteKey?.fill(0));
  channel.setToken(started.token, started.expiresAt);
  await tidyUp(database, now);
  return sessionAccountOf(database.query, found.profileId);
}

/** Ends the request's session; the transport forgets the token either way. */
export async function logout(database: Database, channel: SessionChannel): Promise<{ loggedOut: boolean }> {
  const loggedOut = channel.token ? await endSession(database.query, channel.token) : false;
  channel.clear();
  return { loggedOut };
}

/**
 * A new password for the logged-in person, who must know the current one (wrong tries count towards
 * the username's back-off, so a borrowed session cannot be used to guess it). Every session of theirs
 * ends; this request gets a new one.
 */
export async function changePassword(
  database: Database,
  settings: LoginSettings,
  channel: SessionChannel,
  profileId: number,
  current: string,
  next: string,
): Promise<SessionAccount> {
  const account = await getAccount(database.query, profileId);
  const keys = failureKeys(account.username, channel.address);
  await assertNotBlocked(database.query, keys, settings.clock.now());
  const verified = await verifyPassword(
    current,
    await passwordHashOf(database.query, profileId),
    settings.passwordCost,
  );
  if (!verified.ok) {
    await recordFailure(database, keys, settings.clock.now());
    throw new EarmarkError('not_allowed', 'current: that is not your current password.', {
      reason: 'wrong_current_password',
    });
  }
  if (current === next)
    throw new EarmarkError('invalid_params', 'next: the new password must differ from the current one.');
  const hash = await hashPassword(next, settings.passwordCost);
  // The same note key, wrapped for the new password: private notes stay readable, never re-encrypted.
  const noteKey = await openNoteKey(database, settings.passwordCost, profileId, current, settings.log);
  const now = settings.clock.now();
  const started = await (async () => {
    const rewrapped = await rewrapNoteKey(noteKey, settings.passwordCost, profileId, next);
    return database.transaction(async (trx) => {
      await setPasswordHash(trx, profileId, hash, now.toISOString());
      if (rewrapped) await writeWrappedKey(trx, profileId, rewrapped, now.toISOString());
      await clearUserFailures(trx, account.username);
      return startSession(trx, profileId, now, channel.address, noteKey);
    });
  })().finally(() => noteKey?.fill(0));
  channel.setToken(started.token, started.expiresAt);
  return sessionAccountOf(database.query, profileId);
}

/**
 * An administrator sets someone's password; every session of theirs ends. Their note key goes too: it
 * was wrapped by the old password, which nobody else knows, so no one can open it again (the reset
 * dialog says so first). Their next login makes a new one; notes sealed with the old key stay
 * unreadable (privacy/team-note-key.ts: LostNoteKey).
 */
export async function resetPassword(
  database: Database,
  settings: LoginSettings,
  profileId: number,
  password: string,
): Promise<Account> {
  await getAccount(database.query, profileId);
  const hash = await hashPassword(password, settings.passwordCost);
  const at = settings.clock.now().toISOString();
  return database.transaction(async (trx) => {
    await setPasswordHash(trx, profileId, hash, at);
    await deleteWrappedKey(trx, profileId);
    return getAccount(trx, profileId);
  });
}

const TIDY_EVERY_MS = 10 * 60_000;
const lastTidy = new WeakMap<Database, number>();

/** Now and then (per process), ended sessions and forgotten failures leave their tables. */
async function tidyUp(database: Database, now: Date): Promise<void> {
  const last = lastTidy.get(database);
  if (last !== undefined && Math.abs(now.getTime() - last) < TIDY_EVERY_MS) return;
  lastTidy.set(database, now.getTime());
  await forgetEndedSessions(database.query, now);
  await forgetOldFailures(database.query, now);
}
