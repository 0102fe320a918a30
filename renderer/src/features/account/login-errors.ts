import { EarmarkError } from '../../../../shared/errors';

/**
 * What the login screen says about a failed login, in the user's language where the server's refusal is
 * one it always words the same way (services/accounts/login.ts, login-backoff.ts); anything else is the
 * server's own message, which names the problem.
 */
export type LoginProblem =
  | { kind: 'wrong' }
  | { kind: 'disabled' }
  | { kind: 'rateLimited'; until: Date | null; message: string }
  | { kind: 'other'; message: string };

/** The moment the server names in "try again in 5 minutes (at 2025-03-01T10:00:00.000Z)". */
const UNTIL = /\(at (\d{4}-\d\d-\d\dT[\d:.]+Z)\)/;

export function loginProblem(error: unknown): LoginProblem {
  if (!(error instanceof EarmarkError)) {
    return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
  }
  if (error.code === 'rate_limited') {
    const at = UNTIL.exec(error.message)?.[1];
    const until = at ? new Date(at) : null;
    return {
      kind: 'rateLimited',
      until: until && !Number.isNaN(until.getTime()) ? until : null,
      message: error.message,
    };
  }
  if (error.code === 'not_allowed') {
    if (/\bdisabled\b/i.test(error.message)) return { kind: 'disabled' };
    if (/username or password is wrong/i.test(error.message)) return { kind: 'wrong' };
  }
  return { kind: 'other', message: error.message };
}
