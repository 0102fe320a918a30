import { Alert, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReviewerProfile } from '../../../../shared/api/methods/profiles';
import { UnlockForm } from '../profiles/UnlockForm';

/** The backend said the reader is locked: its passphrase, right here, before private notes can be read or written. */
export function UnlockPrompt({ reader, onUnlocked }: { reader: ReviewerProfile; onUnlocked: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="indigo" variant="light" title={t('coaching.notes.lockedTitle')} data-testid="notes-locked">
      <Stack gap="xs">
        <Text size="sm">{t('coaching.notes.lockedBody', { name: reader.name })}</Text>
        <UnlockForm profile={reader} onUnlocked={onUnlocked} compact />
      </Stack>
    </Alert>
  );
}
