import { describe, expect, it } from 'vitest';
import type { SessionAccount } from '../../../shared/api/methods/session';
import { EarmarkError } from '../../../shared/errors';
import { decideStartup, findStartup, mayMeanLoggedOut } from '../../../renderer/src/features/account/startup';

const alice: SessionAccount = {
  profileId: 3,
  name: 'Alice Example',
  username: 'alice',
  role: 'qa_supervisor',
  agent: null,
  teams: [],
};

describe('how the app starts', () => {
  it('starts a workstation as always when session.me answers unavailable', async () => {
    const unavailable = new EarmarkError('unavailable', 'Team accounts are for a team server; …');
    expect(decideStartup({ ok: false, error: unavailable })).toEqual({ kind: 'workstation' });
    await expect(findStartup(() => Promise.reject(unavailable))).resolves.toEqual({ kind: 'workstation' });
  });

  it('shows the login screen on a team server with nobody logged in', async () => {
    expect(decideStartup({ ok: true, account: null })).toEqual({ kind: 'login' });
    await expect(findStartup(() => Promise.resolve({ account: null }))).resolves.toEqual({ kind: 'login' });
  });

  it('opens the app as the logged-in account', async () => {
    await expect(findStartup(() => Promise.resolve({ account: alice }))).resolves.toEqual({
      kind: 'team',
      account: alice,
    });
  });

  it('reports any other failure as the start-up failing, with its message', async () => {
    const down = new EarmarkError('internal', 'The Earmark host did not answer: TypeError');
    expect(decideStartup({ ok: false, error: down })).toEqual({ kind: 'failed', message: down.message });
    await expect(findStartup(() => Promise.reject(new Error('boom')))).resolves.toEqual({
      kind: 'failed',
      message: 'boom',
    });
    // A refusal is not a workstation: only `unavailable` is.
    expect(decideStartup({ ok: false, error: new EarmarkError('not_allowed', 'no') }).kind).toBe('failed');
  });
});

describe('noticing an ended login', () => {
  it('asks again after a not_allowed refusal only', () => {
    expect(mayMeanLoggedOut(new EarmarkError('not_allowed', 'Log in again: your session has ended.'))).toBe(
      true,
    );
    expect(mayMeanLoggedOut(new EarmarkError('invalid_params', 'name: too long'))).toBe(false);
    expect(mayMeanLoggedOut(new EarmarkError('locked', 'unlock first'))).toBe(false);
    expect(mayMeanLoggedOut(new Error('network'))).toBe(false);
  });
});
