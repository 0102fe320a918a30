import { PasswordInput } from '@mantine/core';
import { secretProblem, type SecretLimits } from './new-secret';

export interface NewSecret {
  secret: string;
  repeat: string;
}

/** What the two fields say, already translated: an account's password and a profile's passphrase differ. */
export interface NewSecretTexts {
  label: string;
  rule: string;
  repeat: string;
  tooShort: string;
  /** Left out where typing cannot go past the limit anyway and no text says it. */
  tooLong?: string;
  mismatch: string;
}

/**
 * A new password or passphrase typed twice, with what is wrong with it once the form was tried; the
 * repeat's mismatch shows as soon as the repeat is as long as the first (a half-typed repeat is no error).
 */
export function NewSecretFields({
  value,
  onChange,
  limits,
  texts,
  tried,
  testId,
  repeatTestId,
  autoFocus = false,
}: {
  value: NewSecret;
  onChange: (value: NewSecret) => void;
  limits: SecretLimits;
  texts: NewSecretTexts;
  tried: boolean;
  testId: string;
  repeatTestId: string;
  autoFocus?: boolean;
}) {
  const problem = secretProblem(value.secret, value.repeat, limits);
  const lengthError =
    tried && problem === 'short' ? texts.tooShort : tried && problem === 'long' ? texts.tooLong : null;
  const repeatDone = tried || value.repeat.length >= value.secret.length;
  return (
    <>
      <PasswordInput
        label={texts.label}
        description={texts.rule}
        value={value.secret}
        onChange={(event) => onChange({ ...value, secret: event.currentTarget.value })}
        maxLength={limits.max}
        autoComplete="new-password"
        error={lengthError ?? null}
        required
        data-autofocus={autoFocus || undefined}
        data-testid={testId}
      />
      <PasswordInput
        label={texts.repeat}
        value={value.repeat}
        onChange={(event) => onChange({ ...value, repeat: event.currentTarget.value })}
        maxLength={limits.max}
        autoComplete="new-password"
        error={repeatDone && problem === 'mismatch' ? texts.mismatch : null}
        required
        data-testid={repeatTestId}
      />
    </>
  );
}
