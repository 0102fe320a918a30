import { MAX_PASSPHRASE_CHARS, MIN_PASSPHRASE_CHARS } from '../../../../shared/api/methods/profiles';
import { secretProblem, type SecretLimits } from '../../app/new-secret';

/** A profile's passphrase: the backend's lengths. */
export const passphraseLimits: SecretLimits = { min: MIN_PASSPHRASE_CHARS, max: MAX_PASSPHRASE_CHARS };

/** What is wrong with a new passphrase before it is sent (see secretProblem). */
export const passphraseProblem = (passphrase: string, repeat: string) =>
  secretProblem(passphrase, repeat, passphraseLimits);
