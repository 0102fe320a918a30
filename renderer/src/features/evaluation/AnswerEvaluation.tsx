import { Alert, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DISPUTE_REASON_CHARS, type EvaluationDetail } from '../../../../shared/api/methods/evaluations';
import { EarmarkError } from '../../../../shared/errors';
import { api } from '../../api/client';
import { evaluationKey } from './EvaluationSheet';

/**
 * The agent's own answer to their submitted evaluation, once: "I have read it" or a dispute that says
 * why (the reviewer and the team lead see it on the evaluation). Shown to the agent's account only.
 */
export function AnswerEvaluation({ detail }: { detail: EvaluationDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [disputing, setDisputing] = useState(false);
  const [reason, setReason] = useState('');
  const answered = (next: EvaluationDetail) => {
    queryClient.setQueryData(evaluationKey(next.id), next);
    void queryClient.invalidateQueries({ queryKey: ['agents'] });
  };
  // Answered already (another window): the page shows the stored answer in place of this panel.
  const refused = (error: Error) => {
    if (error instanceof EarmarkError && error.reason === 'already_answered') {
      void queryClient.invalidateQueries({ queryKey: evaluationKey(detail.id) });
      void queryClient.invalidateQueries({ queryKey: ['agents'] });
    }
  };
  const acknowledge = useMutation({
    mutationFn: () => api.evaluation.acknowledge({ id: detail.id }),
    onSuccess: answered,
    onError: refused,
  });
  const dispute = useMutation({
    mutationFn: () => api.evaluation.dispute({ id: detail.id, reason }),
    onSuccess: answered,
    onError: refused,
  });
  const error = acknowledge.error ?? dispute.error;
  const busy = acknowledge.isPending || dispute.isPending;
  return (
    <Paper withBorder p="md" data-print="hide" data-testid="answer-evaluation">
      <Stack gap="sm">
        <div>
          <Text fw={600}>{t('evaluation.agentResponse.ask')}</Text>
          <Text size="sm" c="dimmed">
            {t('evaluation.agentResponse.askHint')}
          </Text>
        </div>
        {disputing && (
          <Textarea
            label={t('evaluation.agentResponse.reason')}
            description={t('evaluation.agentResponse.reasonHint')}
            required
            autosize
            minRows={3}
            maxLength={MAX_DISPUTE_REASON_CHARS}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            autoFocus
            data-testid="dispute-reason"
          />
        )}
        {error && (
          <Alert color="red" data-testid="answer-error">
            {error.message}
          </Alert>
        )}
        <Group gap="sm">
          {disputing ? (
            <>
              <Button
                color="red"
                disabled={reason.trim().length < 3}
                loading={dispute.isPending}
                onClick={() => dispute.mutate()}
                data-testid="dispute-send"
              >
                {t('evaluation.agentResponse.send')}
              </Button>
              <Button variant="default" disabled={busy} onClick={() => setDisputing(false)}>
                {t('evaluation.cancel')}
              </Button>
            </>
          ) : (
            <>
              <Button
                color="teal"
                loading={acknowledge.isPending}
                disabled={busy}
                onClick={() => acknowledge.mutate()}
                data-testid="acknowledge"
              >
                {t('evaluation.agentResponse.acknowledge')}
              </Button>
              <Button
                variant="default"
                disabled={busy}
                onClick={() => setDisputing(true)}
                data-testid="dispute"
              >
                {t('evaluation.agentResponse.dispute')}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
