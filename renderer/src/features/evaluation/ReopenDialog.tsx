import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_REOPEN_REASON_CHARS, type EvaluationDetail } from '../../../../shared/api/methods/evaluations';
import { api } from '../../api/client';

/** Reopening a submitted evaluation needs a reason; it goes into the audit trail with who gave it. */
export function ReopenDialog({
  opened,
  onClose,
  evaluationId,
  onReopened,
}: {
  opened: boolean;
  onClose: () => void;
  evaluationId: number;
  onReopened: (detail: EvaluationDetail) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const reopen = useMutation({
    mutationFn: () => api.evaluation.reopen({ id: evaluationId, reason }),
    onSuccess: (detail) => {
      setReason('');
      onReopened(detail);
    },
  });
  const tooShort = reason.trim().length < 3;
  return (
    <Modal opened={opened} onClose={onClose} title={t('evaluation.reopen.title')} data-testid="reopen-dialog">
      <Stack>
        <Text size="sm">{t('evaluation.reopen.body')}</Text>
        <Textarea
          label={t('evaluation.reopen.reason')}
          description={t('evaluation.reopen.reasonHint')}
          required
          autosize
          minRows={2}
          maxLength={MAX_REOPEN_REASON_CHARS}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          data-autofocus
          data-testid="reopen-reason"
        />
        {reopen.error && <Alert color="red">{reopen.error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('evaluation.cancel')}
          </Button>
          <Button
            color="orange"
            disabled={tooShort}
            loading={reopen.isPending}
            onClick={() => reopen.mutate()}
            data-testid="reopen-confirm"
          >
            {t('evaluation.reopen.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
