import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../../shared/api/methods/accounts';
import { NewPasswordFields, noPassword } from './NewPasswordFields';
import { passwordProblem } from './password-rules';
import { useAccountActions } from './useAccounts';

/**
 * An administrator sets a new password for someone who forgot theirs. Before anything is typed it says
 * what cannot be undone: that person's private notes stay locked for good (no key opens them without the
 * old password), and every login of theirs ends.
 */
export function ResetPasswordDialog({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={account !== null}
      onClose={onClose}
      title={t('account.reset.title', { name: account?.name ?? '' })}
      size={520}
      data-testid="reset-dialog"
    >
      {account && <ResetForm key={account.profileId} account={account} onDone={onClose} />}
    </Modal>
  );
}

function ResetForm({ account, onDone }: { account: Account; onDone: () => void }) {
  const { t } = useTranslation();
  const { resetPassword } = useAccountActions();
  const [password, setPassword] = useState(noPassword);
  const [tried, setTried] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (passwordProblem(password.secret, password.repeat)) return;
    resetPassword.mutate({ id: account.profileId, password: password.secret }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <Alert
          color="orange"
          variant="light"
          title={t('account.reset.notesTitle')}
          data-testid="reset-notes-warning"
        >
          {t('account.reset.notes', { name: account.name })}
        </Alert>
        <Text size="sm">{t('account.reset.sessions', { name: account.name })}</Text>
        <NewPasswordFields
          value={password}
          onChange={setPassword}
          tried={tried}
          testId="reset-password"
          autoFocus
        />
        {resetPassword.error && (
          <Alert color="red" data-testid="reset-error">
            {resetPassword.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} data-testid="reset-cancel">
            {t('account.cancel')}
          </Button>
          <Button type="submit" color="red" loading={resetPassword.isPending} data-testid="reset-save">
            {t('account.reset.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
