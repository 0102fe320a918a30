import { MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS } from '../../../../shared/api/methods/session';
import { secretProblem, type SecretLimits } from '../../app/new-secret';

/** A team account's password: the server's lengths. */
export const passwordLimits: SecretLimits = { min: MIN_PASSWORD_CHARS, max: MAX_PASSWORD_CHARS };

/** What is wrong with a new password before it is sent (see secretProblem). */
export const passwordProblem = (password: string, repeat: string) =>
  secretProblem(password, repeat, passwordLimits);
