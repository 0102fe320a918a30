import { describe, expect, it } from 'vitest';
import { EarmarkError } from '../../../shared/errors';
import { loginProblem } from '../../../renderer/src/features/account/login-errors';

describe("the login screen's reading of a refusal", () => {
  it('tells a wrong username or password', () => {
    expect(loginProblem(new EarmarkError('not_allowed', 'The username or password is wrong.'))).toEqual({
      kind: 'wrong',
    });
  });

  it('tells a disabled account', () => {
    const disabled = new EarmarkError(
      'not_allowed',
      'This account is disabled: ask an administrator of the team.',
    );
    expect(loginProblem(disabled)).toEqual({ kind: 'disabled' });
  });

  it('reads when to try again from a back-off', () => {
    const message =
      'Too many failed logins for this username: try again in 2 minutes (at 2031-05-04T10:02:03.000Z).';
    expect(loginProblem(new EarmarkError('rate_limited', message))).toEqual({
      kind: 'rateLimited',
      until: new Date('2031-05-04T10:02:03.000Z'),
      message,
    });
    // Without a moment it can read, the server's own words still say it.
    expect(loginProblem(new EarmarkError('rate_limited', 'Too many failed logins.'))).toEqual({
      kind: 'rateLimited',
      until: null,
      message: 'Too many failed logins.',
    });
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
});
