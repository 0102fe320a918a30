import { MAX_PASSPHRASE_CHARS, MIN_PASSPHRASE_CHARS } from '../../../../shared/api/methods/profiles';

/**
 * What is wrong with a new passphrase before it is sent: too short or too long (the backend's limits),
 * or the repeat differs. Spaces count, so nothing is trimmed.
 */
export function passphraseProblem(passphrase: string, repeat: string): 'short' | 'long' | 'mismatch' | null {
  if (passphrase.length < MIN_PASSPHRASE_CHARS) return 'short';
  if (passphrase.length > MAX_PASSPHRASE_CHARS) return 'long';
  if (passphrase !== repeat) return 'mismatch';
  return null;
}
