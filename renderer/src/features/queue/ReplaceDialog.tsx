import { Alert, Button, Chip, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_REPLACE_REASON_CHARS, type QueueItem } from '../../../../shared/api/methods/queue';
import { api } from '../../api/client';

const REASONS = ['wrongAgent', 'silent', 'notService'] as const;

/**
 * Asks why an item cannot be reviewed (one click for the usual reasons), then replaces it with a fresh
 * pick for the same agent. `onReplaced` learns whether anything took its place.
 */
export function ReplaceDialog({
  item,
  onClose,
  onReplaced,
}: {
  item: QueueItem | null;
  onClose: () => void;
  onReplaced: (replaced: QueueItem, replacement: QueueItem | null) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const replace = useMutation({
    mutationFn: () => api.queue.replace({ itemId: item!.id, reason }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: ['queue'] });
      setReason('');
      onReplaced(result.replaced, result.replacement);
    },
  });
  const close = () => {
    setReason('');
    replace.reset();
    onClose();
  };
  return (
    <Modal
      opened={item !== null}
      onClose={close}
      title={t('queue.replace.title')}
      data-testid="replace-dialog"
    >
      {item && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim()) replace.mutate();
          }}
        >
          <Stack>
            <Text size="sm">
              <b>{item.interaction.title}</b>
            </Text>
            <Text size="sm">{t('queue.replace.text', { agent: item.agent.name })}</Text>
            <Group gap="xs">
              {REASONS.map((key) => (
                <Chip
                  key={key}
                  size="xs"
                  checked={reason === t(`queue.replace.reasons.${key}`)}
                  onChange={() => setReason(t(`queue.replace.reasons.${key}`))}
                  data-testid={`replace-reason-${key}`}
                >
                  {t(`queue.replace.reasons.${key}`)}
                </Chip>
              ))}
            </Group>
            <TextInput
              label={t('queue.replace.reason')}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              maxLength={MAX_REPLACE_REASON_CHARS}
              data-autofocus
              data-testid="replace-reason"
            />
            {replace.error && <Alert color="red">{replace.error.message}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('queue.replace.cancel')}
              </Button>
              <Button
                type="submit"
                disabled={!reason.trim()}
                loading={replace.isPending}
                data-testid="replace-confirm"
              >
                {t('queue.replace.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
