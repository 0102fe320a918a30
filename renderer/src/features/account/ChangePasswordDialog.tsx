import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PASSWORD_CHARS } from '../../../../shared/api/methods/session';
import { EarmarkError } from '../../../../shared/errors';
import { api } from '../../api/client';
import { useToast } from '../../app/toast/Toasts';
import { useAccountSession } from './account-context';
import { NewPasswordFields, noPassword } from './NewPasswordFields';
import { passwordProblem } from './password-rules';

/** The logged-in person changes their password; every other login of theirs ends. */
export function ChangePasswordDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('account.changePassword.title')}
      data-testid="change-password-dialog"
    >
      {/* Mounted only while open: nothing typed outlives the dialog. */}
      {opened && <ChangePasswordForm onDone={onClose} />}
    </Modal>
  );
}

function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const session = useAccountSession();
  const toast = useToast();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState(noPassword);
  const [tried, setTried] = useState(false);
  const change = useMutation({
    // gcTime 0: the passwords leave the mutation cache as soon as the call is done.
    gcTime: 0,
    mutationFn: () => api.session.changePassword({ current, next: next.secret }),
    onSuccess: (account) => {
      session?.renewed(account);
      toast({ message: t('account.changePassword.done'), testId: 'password-changed' });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (current === '' || passwordProblem(next.secret, next.repeat)) return;
    change.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <Text size="sm" data-testid="change-password-sessions">
          {t('account.changePassword.otherSessions')}
        </Text>
        <PasswordInput
          label={t('account.changePassword.current')}
          value={current}
          onChange={(event) => setCurrent(event.currentTarget.value)}
          maxLength={MAX_PASSWORD_CHARS}
          autoComplete="current-password"
          required
          data-autofocus
          data-testid="change-password-current"
        />
        <NewPasswordFields value={next} onChange={setNext} tried={tried} testId="change-password-new" />
        {change.error && (
          <Alert color="red" data-testid="change-password-error">
            {change.error instanceof EarmarkError && change.error.reason === 'wrong_current_password'
              ? t('account.changePassword.wrongCurrent')
              : change.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('account.cancel')}
          </Button>
          <Button type="submit" loading={change.isPending} data-testid="change-password-save">
            {t('account.changePassword.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
