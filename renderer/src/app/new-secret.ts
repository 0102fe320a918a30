/** The lengths the backend takes for a password or a passphrase. */
export interface SecretLimits {
  min: number;
  max: number;
}

export type SecretProblem = 'short' | 'long' | 'mismatch' | null;

/**
 * What is wrong with a new password or passphrase before it is sent: shorter or longer than the
 * backend takes, or the repeat differs. Spaces count, so nothing is trimmed.
 */
export function secretProblem(secret: string, repeat: string, { min, max }: SecretLimits): SecretProblem {
  if (secret.length < min) return 'short';
  if (secret.length > max) return 'long';
  if (secret !== repeat) return 'mismatch';
  return null;
}
