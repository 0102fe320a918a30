import { MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS } from '../../../../shared/api/methods/session';

/**
 * What is wrong with a new password before it is sent: shorter or longer than the server allows, or the
 * repeat differs. Spaces count, so nothing is trimmed.
 */
export function passwordProblem(password: string, repeat: string): 'short' | 'long' | 'mismatch' | null {
  if (password.length < MIN_PASSWORD_CHARS) return 'short';
  if (password.length > MAX_PASSWORD_CHARS) return 'long';
  if (password !== repeat) return 'mismatch';
  return null;
}
