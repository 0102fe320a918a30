import { createHash } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import { ADDRESS_BACKOFF, USER_BACKOFF } from '../../../electron/backend/services/accounts/login-backoff';
import { hashPassword } from '../../../electron/backend/services/accounts/password-hash';
import {
  ABSOLUTE_LIMIT_MS,
  IDLE_LIMIT_MS,
  SEEN_REFRESH_MS,
} from '../../../electron/backend/services/accounts/sessions';
import { describeEachEngine } from '../../support/engines';
import type { TestClock } from '../../support/clock';
import { addAccount, Browser, teamServer } from './team-fixture';

/**
 * Logging in to a team server: who acts comes from the session token alone, which only the transport
 * holds; the database keeps its hash. Time moves on the test's clock, never by sleeping.
 */
describeEachEngine('team login sessions', () => {
  let backend: Backend;
  let clock: TestClock;
  let cleanup: () => Promise<void>;
  const ANNA = 'correct horse battery staple';

  beforeEach(async () => {
    ({ backend, clock, cleanup } = await teamServer());
    await addAccount(backend, 'anna', 'qa_supervisor', ANNA, { name: 'Anna Berg' });
  });
  afterEach(() => cleanup());

  const sessionRows = () =>
    backend.database.query.selectFrom('team_sessions').selectAll().orderBy('created_at').execute();
  const failureRows = () =>
    backend.database.query.selectFrom('login_failures').selectAll().orderBy('key').execute();

  it('a login hands the token to the transport, not the reply, and the database keeps only its SHA-256', async () => {
    const browser = new Browser(backend);
    const reply = await browser.send('session.login', { username: 'ANNA', password: ANNA });
    expect(reply).toEqual({
      ok: true,
      value: {
        profileId: 1,
        name: 'Anna Berg',
        username: 'anna',
        role: 'qa_supervisor',
        agent: null,
        teams: [],
      },
    });
    expect(browser.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    expect(JSON.stringify(reply)).not.toContain(browser.token);
    expect(browser.expiresAt).toEqual(new Date(clock.now().getTime() + ABSOLUTE_LIMIT_MS));
    const [row] = await sessionRows();
    expect(row!.token_hash).toBe(createHash('sha256').update(browser.token!).digest('hex'));
    expect(row!.profile_id).toBe(1);
    expect(row!.address).toBe('192.0.2.10');
    expect((await browser.ok('session.me')).account?.username).toBe('anna');
  });

  it('a wrong password and an unknown username get the same answer, and nobody is logged in', async () => {
    const browser = new Browser(backend);
    const wrong = await browser.refused('session.login', { username: 'anna', password: 'not her password' });
    const unknown = await browser.refused('session.login', { username: 'nobody', password: ANNA });
    expect(wrong).toEqual({
      code: 'not_allowed',
      message: 'The username or password is wrong.',
      reason: 'wrong_login',
    });
    expect(unknown).toEqual(wrong);
    expect(browser.token).toBeNull();
    expect(await browser.ok('session.me')).toEqual({ account: null });
    expect(await browser.refused('library.list', {})).toMatchObject({
      code: 'not_allowed',
      message: /^Log in first/,
    });
  });

  it('backs off per username: free tries, then a growing block naming when to try again; success clears it', async () => {
    const browser = new Browser(backend);
    const wrong = { username: 'anna', password: 'wrong password!' };
    for (let i = 0; i <= USER_BACKOFF.freeFailures; i++) {
      expect((await browser.refused('session.login', wrong)).code).toBe('not_allowed');
    }
    // Blocked for 2 s after the first failure past the free ones: even the right password waits.
    const blocked = await browser.refused('session.login', { username: 'Anna', password: ANNA });
    const until = new Date(clock.now().getTime() + 2_000).toISOString();
    expect(blocked).toEqual({
      code: 'rate_limited',
      message: `Too many failed logins for this username: try again in 2 seconds (at ${until}).`,
      reason: 'too_many_logins',
      retryAt: until,
    });
    // Another address does not help: the username is what is guessed.
    expect((await new Browser(backend, '198.51.100.7').refused('session.login', wrong)).code).toBe(
      'rate_limited',
    );
    clock.advance(2_000);
    expect((await browser.refused('session.login', wrong)).code).toBe('not_allowed');
    expect((await browser.refused('session.login', wrong)).message).toMatch(/try again in 4 seconds/);
    clock.advance(4_000);
    await browser.login('anna', ANNA);
    expect((await failureRows()).map((row) => row.key)).toEqual(['address:192.0.2.10']);
  });

  it('backs off per address across usernames, without blocking the same people elsewhere', async () => {
    const office = new Browser(backend, '203.0.113.5');
    for (let i = 0; i <= ADDRESS_BACKOFF.freeFailures; i++) {
      await office.refused('session.login', { username: `guess${i}`, password: 'some password' });
    }
    expect(await office.refused('session.login', { username: 'anna', password: ANNA })).toMatchObject({
      code: 'rate_limited',
      message: /^Too many failed logins for this network address: try again in 2 seconds/,
    });
    await new Browser(backend, '198.51.100.7').login('anna', ANNA);
    clock.advance(2_000);
    await office.login('anna', ANNA);
    // The address keeps its count (one's own account does not reset a guessing run): the next failure blocks again.
    await office.refused('session.login', { username: 'guess-again', password: 'some password' });
    expect((await office.refused('session.login', { username: 'anna', password: ANNA })).code).toBe(
      'rate_limited',
    );
  });

  it('rotates the token on every login: the old one is dead at once', async () => {
    const browser = new Browser(backend);
    await browser.login('anna', ANNA);
    const first = browser.token!;
    await browser.login('anna', ANNA);
    expect(browser.token).not.toBe(first);
    expect(await sessionRows()).toHaveLength(1);
    const stale = new Browser(backend);
    stale.token = first;
    expect(await stale.ok('session.me')).toEqual({ account: null });
    expect(await stale.refused('library.list')).toMatchObject({
      code: 'not_allowed',
      message: /^Log in again/,
    });
    expect((await browser.ok('session.me')).account?.profileId).toBe(1);
  });

  it('ends a session after the idle limit, and counts each use (written at most once a minute)', async () => {
    const browser = new Browser(backend);
    await browser.login('anna', ANNA);
    const loggedInAt = (await sessionRows())[0]!.last_seen_at;
    clock.advance(SEEN_REFRESH_MS / 2);
    await browser.ok('library.list', {});
    expect((await sessionRows())[0]!.last_seen_at).toBe(loggedInAt);
    clock.advance(IDLE_LIMIT_MS - SEEN_REFRESH_MS / 2 - 1_000);
    await browser.ok('library.list', {});
    expect((await sessionRows())[0]!.last_seen_at).toBe(clock.now().toISOString());
    // Used just in time, so a second idle stretch short of the limit is fine too.
    clock.advance(IDLE_LIMIT_MS - 1_000);
    await browser.ok('library.list', {});
    clock.advance(IDLE_LIMIT_MS);
    expect(await browser.refused('library.list', {})).toEqual({
      code: 'not_allowed',
      message: 'Log in again: your session ended after a quiet spell.',
    });
    expect(await sessionRows()).toEqual([]);
  });

  it('ends a session at its absolute limit however busy it is', async () => {
    const browser = new Browser(backend);
    await browser.login('anna', ANNA);
    for (let hour = 1; hour < ABSOLUTE_LIMIT_MS / 3_600_000; hour++) {
      clock.advance(3_600_000);
      await browser.ok('library.list', {});
    }
    clock.advance(3_600_000);
    expect(await browser.refused('library.list', {})).toEqual({
      code: 'not_allowed',
      message: 'Log in again: your session has reached its time limit.',
    });
  });

  it('logout deletes the session and clears the cookie', async () => {
    const browser = new Browser(backend);
    await browser.login('anna', ANNA);
    const token = browser.token;
    expect(await browser.ok('session.logout')).toEqual({ loggedOut: true });
    expect(browser.token).toBeNull();
    expect(browser.cleared).toBe(1);
    expect(await sessionRows()).toEqual([]);
    const replay = new Browser(backend);
    replay.token = token;
    expect((await replay.refused('library.list', {})).code).toBe('not_allowed');
    expect(await browser.ok('session.logout')).toEqual({ loggedOut: false });
  });

  it('a password change ends every other session of that person and keeps the changer logged in', async () => {
    const laptop = new Browser(backend);
    const phone = new Browser(backend, '198.51.100.7');
    await laptop.login('anna', ANNA);
    await phone.login('anna', ANNA);
    const before = laptop.token;
    expect(
      await laptop.refused('session.changePassword', {
        current: 'not my password',
        next: 'a brand new password',
      }),
    ).toEqual({
      code: 'not_allowed',
      message: 'current: that is not your current password.',
      reason: 'wrong_current_password',
    });
    expect(await laptop.refused('session.changePassword', { current: ANNA, next: 'short' })).toMatchObject({
      code: 'invalid_params',
      message: /next: a password has at least 12 characters/,
    });
    await laptop.ok('session.changePassword', { current: ANNA, next: 'a brand new password' });
    expect(laptop.token).not.toBe(before);
    expect((await laptop.ok('session.me')).account?.username).toBe('anna');
    expect((await phone.refused('library.list', {})).message).toMatch(/^Log in again/);
    expect(await sessionRows()).toHaveLength(1);
    expect((await phone.refused('session.login', { username: 'anna', password: ANNA })).code).toBe(
      'not_allowed',
    );
    await phone.login('anna', 'a brand new password');
  });

  it('rehashes a password stored at an older, cheaper cost on the next login', async () => {
    const cheaper = await hashPassword(ANNA, { N: 1024, r: 1, p: 1 });
    await backend.database.query.updateTable('accounts').set({ password_hash: cheaper }).execute();
    await new Browser(backend).login('anna', ANNA);
    const row = await backend.database.query
      .selectFrom('accounts')
      .select('password_hash')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$1024\$8\$1\$/); // today's (the test server's) cost
    await new Browser(backend).login('anna', ANNA);
  });
});
