import { Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { EvaluationPicker } from './EvaluationPicker';
import { PickAndSave, ScoredLinkRow } from './ScoredLinkRow';
import type { SessionPartProps } from './useCoaching';

/** The evaluations the session goes through, with their score and a way to the printable summary. */
export function LinkedEvaluations({ session, editable, writes }: SessionPartProps) {
  const { t, i18n } = useTranslation();
  const [picking, setPicking] = useState(false);
  const change = useMutation({
    mutationFn: (evaluationIds: number[]) => writes.update({ evaluationIds }),
  });
  const ids = session.evaluations.map((evaluation) => evaluation.id);

  return (
    <Card withBorder data-testid="linked-evaluations">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{t('coaching.evaluations.title')}</Title>
          {editable && (
            <Button
              variant="default"
              size="xs"
              onClick={() => setPicking(true)}
              data-testid="evaluations-link"
            >
              {t('coaching.evaluations.link')}
            </Button>
          )}
        </Group>
        {session.evaluations.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('coaching.evaluations.none')}
          </Text>
        ) : (
          <Stack gap={0}>
            {session.evaluations.map((evaluation, index) => (
              <ScoredLinkRow
                key={evaluation.id}
                first={index === 0}
                to={`/evaluation/${evaluation.id}/summary`}
                linkTestId="linked-evaluation-summary"
                title={evaluation.interactionTitle}
                subtitle={`${evaluation.rubricName} · ${t('coaching.evaluations.submitted', {
                  at: formatDateTime(evaluation.submittedAt, i18n.language),
                })}`}
                percent={evaluation.percent}
                result={evaluation.result}
                data-testid="linked-evaluation"
                data-evaluation-id={evaluation.id}
                {...(editable && {
                  remove: {
                    label: t('coaching.evaluations.unlink', { title: evaluation.interactionTitle }),
                    testId: 'linked-evaluation-remove',
                    onRemove: () => change.mutate(ids.filter((id) => id !== evaluation.id)),
                  },
                })}
              />
            ))}
          </Stack>
        )}
        {change.error && (
          <Text size="sm" c="red">
            {change.error.message}
          </Text>
        )}
      </Stack>
      <Modal
        opened={picking}
        onClose={() => setPicking(false)}
        title={t('coaching.evaluations.pickTitle', { agent: session.agent.name })}
        size="lg"
      >
        {picking && (
          <PickAndSave
            initial={ids}
            saving={change.isPending}
            saveLabel={t('coaching.evaluations.save')}
            saveTestId="evaluations-link-save"
            onSave={(next) => change.mutate(next, { onSuccess: () => setPicking(false) })}
            picker={(selected, onChange) => (
              <EvaluationPicker agent={session.agent} selected={selected} onChange={onChange} />
            )}
          />
        )}
      </Modal>
    </Card>
  );
}
