import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_PASSPHRASE_CHARS,
  MIN_PASSPHRASE_CHARS,
  type ReviewerProfile,
} from '../../../../shared/api/methods/profiles';
import { NewSecretFields, type NewSecret } from '../../app/NewSecretFields';
import { KeyProtectionWarning } from './KeyProtectionWarning';
import { passphraseLimits, passphraseProblem } from './passphrase-rules';
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
  const [next, setNext] = useState<NewSecret>({ secret: '', repeat: '' });
  const [tried, setTried] = useState(false);
  const problem = passphraseProblem(next.secret, next.repeat);
  const changing = profile.hasPassphrase;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problem || (changing && current === '')) return;
    setPassphrase.mutate(
      { id: profile.id, newPassphrase: next.secret, ...(changing ? { currentPassphrase: current } : {}) },
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
        <NewSecretFields
          value={next}
          onChange={setNext}
          limits={passphraseLimits}
          texts={{
            label: t('profiles.passphrase.new'),
            rule: t('profiles.passphrase.rule', { min: MIN_PASSPHRASE_CHARS }),
            repeat: t('profiles.passphrase.repeat'),
            tooShort: t('profiles.passphrase.tooShort', { min: MIN_PASSPHRASE_CHARS }),
            mismatch: t('profiles.passphrase.mismatch'),
          }}
          tried={tried}
          testId="passphrase-new"
          repeatTestId="passphrase-repeat"
          autoFocus={!changing}
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
