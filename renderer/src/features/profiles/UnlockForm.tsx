import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PASSPHRASE_CHARS, type ReviewerProfile } from '../../../../shared/api/methods/profiles';
import { useProfileActions } from './useProfiles';

/**
 * Asks for a profile's passphrase and selects the profile with it. A wrong passphrase, or too many
 * tries, is answered by the backend; its message is shown as it is.
 */
export function UnlockForm({
  profile,
  onUnlocked,
  onCancel,
  compact = false,
}: {
  profile: ReviewerProfile;
  onUnlocked?: () => void;
  onCancel?: () => void;
  /** Inside a panel: no introduction, a smaller button. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const { select } = useProfileActions();
  const [passphrase, setPassphrase] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (passphrase === '') return;
    select.mutate(
      { id: profile.id, passphrase },
      {
        onSuccess: () => onUnlocked?.(),
        // A wrong try clears the field, as every lock screen does, so the next try starts clean.
        onError: () => setPassphrase(''),
      },
    );
  };

  return (
    <form onSubmit={submit} data-testid="unlock-form" data-profile={profile.name}>
      <Stack gap="sm">
        {!compact && <Text size="sm">{t('profiles.unlock.body', { name: profile.name })}</Text>}
        <PasswordInput
          label={t('profiles.unlock.passphrase', { name: profile.name })}
          value={passphrase}
          onChange={(event) => setPassphrase(event.currentTarget.value)}
          maxLength={MAX_PASSPHRASE_CHARS}
          autoComplete="current-password"
          size={compact ? 'xs' : 'sm'}
          data-autofocus
          autoFocus={!compact}
          data-testid="unlock-passphrase"
        />
        {select.error && (
          <Alert color="red" variant="light" data-testid="unlock-error">
            {select.error.message}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          {onCancel && (
            <Button variant="default" size={compact ? 'xs' : 'sm'} onClick={onCancel}>
              {t('profiles.unlock.cancel')}
            </Button>
          )}
          <Button
            type="submit"
            size={compact ? 'xs' : 'sm'}
            loading={select.isPending}
            disabled={passphrase === ''}
            data-testid="unlock-submit"
          >
            {t('profiles.unlock.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
