import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { KeyProtection } from '../../../../shared/api/methods/profiles';

/**
 * Says plainly when this computer protects Earmark's key less well than it should (no OS keychain,
 * or a key file others can read): private notes are then only as safe as this computer's user account.
 */
export function KeyProtectionWarning({ protection }: { protection: KeyProtection | undefined }) {
  const { t } = useTranslation();
  if (!protection?.warning) return null;
  return (
    <Alert
      color="red"
      variant="light"
      title={t('profiles.keyWarning.title')}
      data-testid="key-protection-warning"
      data-warning={protection.warning}
    >
      {t(`profiles.keyWarning.${protection.warning}`)}
    </Alert>
  );
}
