import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_PASSPHRASE_CHARS,
  MIN_PASSPHRASE_CHARS,
  type ReviewerProfile,
} from '../../../../shared/api/methods/profiles';
import { KeyProtectionWarning } from './KeyProtectionWarning';
import { passphraseProblem } from './passphrase-rules';
import { useProfileActions, useProfiles } from './useProfiles';

/**
 * Sets or changes the current profile's passphrase. It says before anything is typed that there is no
 * way back from a forgotten passphrase, and warns when this computer keeps Earmark's key unprotected.
 */
export function PassphraseDialog({
  opened,
  onClose,
  profile,
}: {
  opened: boolean;
  onClose: () => void;
  profile: ReviewerProfile | null;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        profile?.hasPassphrase ? t('profiles.passphrase.changeTitle') : t('profiles.passphrase.setTitle')
      }
      data-testid="passphrase-dialog"
    >
      {/* Keyed and mounted only while open: nothing typed outlives the dialog. */}
      {opened && profile && <PassphraseForm key={profile.id} profile={profile} onDone={onClose} />}
    </Modal>
  );
}

function PassphraseForm({ profile, onDone }: { profile: ReviewerProfile; onDone: () => void }) {
  const { t } = useTranslation();
  const { data } = useProfiles();
  const { setPassphrase } = useProfileActions();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [tried, setTried] = useState(false);
  const problem = passphraseProblem(next, repeat);
  const changing = profile.hasPassphrase;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problem || (changing && current === '')) return;
    setPassphrase.mutate(
      { id: profile.id, newPassphrase: next, ...(changing ? { currentPassphrase: current } : {}) },
      { onSuccess: onDone },
    );
  };

  return (
    <form onSubmit={submit}>
      <Stack>
        <Text size="sm">{t('profiles.passphrase.intro', { name: profile.name })}</Text>
        <Alert
          color="orange"
          variant="light"
          title={t('profiles.passphrase.noRecoveryTitle')}
          data-testid="passphrase-no-recovery"
        >
          {t('profiles.passphrase.noRecovery', { name: profile.name })}
        </Alert>
        <KeyProtectionWarning protection={data?.keyProtection} />
        {changing && (
          <PasswordInput
            label={t('profiles.passphrase.current')}
            value={current}
            onChange={(event) => setCurrent(event.currentTarget.value)}
            maxLength={MAX_PASSPHRASE_CHARS}
            autoComplete="current-password"
            required
            data-autofocus
            data-testid="passphrase-current"
          />
        )}
        <PasswordInput
          label={t('profiles.passphrase.new')}
          description={t('profiles.passphrase.rule', { min: MIN_PASSPHRASE_CHARS })}
          value={next}
          onChange={(event) => setNext(event.currentTarget.value)}
          maxLength={MAX_PASSPHRASE_CHARS}
          autoComplete="new-password"
          error={
            tried && problem === 'short'
              ? t('profiles.passphrase.tooShort', { min: MIN_PASSPHRASE_CHARS })
              : null
          }
          required
          data-autofocus={changing ? undefined : true}
          data-testid="passphrase-new"
        />
        <PasswordInput
          label={t('profiles.passphrase.repeat')}
          value={repeat}
          onChange={(event) => setRepeat(event.currentTarget.value)}
          maxLength={MAX_PASSPHRASE_CHARS}
          autoComplete="new-password"
          error={
            (tried || repeat.length >= next.length) && problem === 'mismatch'
              ? t('profiles.passphrase.mismatch')
              : null
          }
          required
          data-testid="passphrase-repeat"
        />
        {setPassphrase.error && (
          <Alert color="red" data-testid="passphrase-error">
            {setPassphrase.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={setPassphrase.isPending} data-testid="passphrase-save">
            {changing ? t('profiles.passphrase.change') : t('profiles.passphrase.set')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
