import { PasswordInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS } from '../../../../shared/api/methods/session';
import { passwordProblem } from './password-rules';

export interface NewPassword {
  password: string;
  repeat: string;
}

export const noPassword: NewPassword = { password: '', repeat: '' };

/** A new password typed twice, with what is wrong with it once the form was tried (or the repeat is done). */
export function NewPasswordFields({
  value,
  onChange,
  tried,
  testId,
  autoFocus = false,
}: {
  value: NewPassword;
  onChange: (value: NewPassword) => void;
  tried: boolean;
  /** `<testId>` and `<testId>-repeat`. */
  testId: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const problem = passwordProblem(value.password, value.repeat);
  const lengthError =
    tried && problem === 'short'
      ? t('account.password.tooShort', { min: MIN_PASSWORD_CHARS })
      : tried && problem === 'long'
        ? t('account.password.tooLong', { max: MAX_PASSWORD_CHARS })
        : null;
  const repeatDone = tried || value.repeat.length >= value.password.length;
  return (
    <>
      <PasswordInput
        label={t('account.password.new')}
        description={t('account.password.rule', { min: MIN_PASSWORD_CHARS })}
        value={value.password}
        onChange={(event) => onChange({ ...value, password: event.currentTarget.value })}
        maxLength={MAX_PASSWORD_CHARS}
        autoComplete="new-password"
        error={lengthError}
        required
        data-autofocus={autoFocus || undefined}
        data-testid={testId}
      />
      <PasswordInput
        label={t('account.password.repeat')}
        value={value.repeat}
        onChange={(event) => onChange({ ...value, repeat: event.currentTarget.value })}
        maxLength={MAX_PASSWORD_CHARS}
        autoComplete="new-password"
        error={repeatDone && problem === 'mismatch' ? t('account.password.mismatch') : null}
        required
        data-testid={`${testId}-repeat`}
      />
    </>
  );
}
