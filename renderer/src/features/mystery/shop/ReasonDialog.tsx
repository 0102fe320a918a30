import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Asks for the reason an action needs (a team lead's query); the backend's refusal is shown as it comes. */
export function ReasonDialog({
  title,
  body,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  body: string;
  confirmLabel: string;
  pending: boolean;
  error: string | null;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const tooShort = reason.trim().length < 3;
  const confirm = () => {
    setTried(true);
    if (!tooShort) onConfirm(reason.trim());
  };
  return (
    <Modal opened onClose={onClose} title={title}>
      <Stack data-testid="reason-dialog">
        <Text size="sm">{body}</Text>
        <Textarea
          label={t('mysteryEntry.reason')}
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && event.ctrlKey) {
              event.preventDefault();
              confirm();
            }
          }}
          error={tried && tooShort ? t('mysteryEntry.reasonMissing') : undefined}
          data-autofocus
          data-testid="reason-text"
        />
        {error && (
          <Alert color="red" data-testid="shop-action-error">
            {t('mysteryEntry.refused', { message: error })}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('mysteryEntry.cancel')}
          </Button>
          <Button color="orange" loading={pending} onClick={confirm} data-testid="reason-confirm">
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
