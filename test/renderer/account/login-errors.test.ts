import { describe, expect, it } from 'vitest';
import { EarmarkError } from '../../../shared/errors';
import { loginProblem } from '../../../renderer/src/features/account/login-errors';

describe("the login screen's reading of a refusal", () => {
  it('tells a wrong username or password by its reason, whatever the words', () => {
    const wrong = new EarmarkError('not_allowed', 'Anything at all', { reason: 'wrong_login' });
    expect(loginProblem(wrong)).toEqual({ kind: 'wrong' });
    // The English words alone no longer decide: without the reason it is the server's message.
    expect(loginProblem(new EarmarkError('not_allowed', 'The username or password is wrong.'))).toEqual({
      kind: 'other',
      message: 'The username or password is wrong.',
    });
  });

  it('tells a disabled account', () => {
    const disabled = new EarmarkError('not_allowed', 'Konto gesperrt', { reason: 'account_disabled' });
    expect(loginProblem(disabled)).toEqual({ kind: 'disabled' });
  });

  it('reads when to try again from a back-off', () => {
    const message = 'Too many failed logins for this username: try again in 2 minutes.';
    const blocked = new EarmarkError('rate_limited', message, {
      reason: 'too_many_logins',
      retryAt: '2031-05-04T10:02:03.000Z',
    });
    expect(loginProblem(blocked)).toEqual({
      kind: 'rateLimited',
      until: new Date('2031-05-04T10:02:03.000Z'),
      message,
    });
    // Without a moment it can read, the server's own words still say it.
    expect(
      loginProblem(
        new EarmarkError('rate_limited', 'Too many failed logins.', { reason: 'too_many_logins' }),
      ),
    ).toEqual({ kind: 'rateLimited', until: null, message: 'Too many failed logins.' });
  });

  it("shows any other failure in the server's words", () => {
    expect(loginProblem(new EarmarkError('invalid_params', 'username: enter your username'))).toEqual({
      kind: 'other',
      message: 'username: enter your username',
    });
    expect(loginProblem(new Error('The Earmark host did not answer'))).toEqual({
      kind: 'other',
      message: 'The Earmark host did not answer',
    });
  });

  it('keeps the reason across the transport: a reply body becomes the same error', () => {
    const sent = new EarmarkError('rate_limited', 'Wait.', {
      reason: 'too_many_logins',
      retryAt: '2031-05-04T10:02:03.000Z',
    });
    const body = JSON.parse(JSON.stringify(sent.toBody())) as Parameters<typeof EarmarkError.fromBody>[0];
    const received = EarmarkError.fromBody(body);
    expect([received.code, received.reason, received.retryAt]).toEqual([
      'rate_limited',
      'too_many_logins',
      '2031-05-04T10:02:03.000Z',
    ]);
    // A reason this renderer does not know (a newer server) is left out, not passed on as a wrong one.
    expect(
      EarmarkError.fromBody({ code: 'not_allowed', message: 'x', reason: 'from_the_future' }).reason,
    ).toBe(undefined);
  });
});
