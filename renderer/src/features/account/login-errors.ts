import { EarmarkError } from '../../../../shared/errors';

/**
 * What the login screen says about a failed login: the server names its refusal with a stable reason
 * (shared/errors.ts, `errorReasons`), which the screen says in the user's language; anything else is the
 * server's own message, which names the problem.
 */
export type LoginProblem =
  | { kind: 'wrong' }
  | { kind: 'disabled' }
  | { kind: 'rateLimited'; until: Date | null; message: string }
  | { kind: 'other'; message: string };

export function loginProblem(error: unknown): LoginProblem {
  if (!(error instanceof EarmarkError)) {
    return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
  }
  switch (error.reason) {
    case 'wrong_login':
      return { kind: 'wrong' };
    case 'account_disabled':
      return { kind: 'disabled' };
    case 'too_many_logins': {
      const until = error.retryAt ? new Date(error.retryAt) : null;
      return {
        kind: 'rateLimited',
        until: until && !Number.isNaN(until.getTime()) ? until : null,
        message: error.message,
      };
    }
    default:
      return { kind: 'other', message: error.message };
  }
}
