import { useTranslation } from 'react-i18next';
import { MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS } from '../../../../shared/api/methods/session';
import { NewSecretFields, type NewSecret } from '../../app/NewSecretFields';
import { passwordLimits } from './password-rules';

export const noPassword: NewSecret = { secret: '', repeat: '' };

/** A team account's new password typed twice (`<testId>` and `<testId>-repeat`). */
export function NewPasswordFields({
  value,
  onChange,
  tried,
  testId,
  autoFocus = false,
}: {
  value: NewSecret;
  onChange: (value: NewSecret) => void;
  tried: boolean;
  testId: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <NewSecretFields
      value={value}
      onChange={onChange}
      limits={passwordLimits}
      texts={{
        label: t('account.password.new'),
        rule: t('account.password.rule', { min: MIN_PASSWORD_CHARS }),
        repeat: t('account.password.repeat'),
        tooShort: t('account.password.tooShort', { min: MIN_PASSWORD_CHARS }),
        tooLong: t('account.password.tooLong', { max: MAX_PASSWORD_CHARS }),
        mismatch: t('account.password.mismatch'),
      }}
      tried={tried}
      testId={testId}
      repeatTestId={`${testId}-repeat`}
      autoFocus={autoFocus}
    />
  );
}
