import { ActionIcon, Anchor, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CoachingSession } from '../../../../shared/api/methods/coaching';
import { formatDateTime } from '../../app/format';
import { formatPercent, ResultBadge } from '../evaluation/score-format';
import { TrashIcon } from '../review/icons';
import { EvaluationPicker } from './EvaluationPicker';
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
              <Group
                key={evaluation.id}
                justify="space-between"
                wrap="nowrap"
                gap="sm"
                py={6}
                style={index > 0 ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
                data-testid="linked-evaluation"
                data-evaluation-id={evaluation.id}
              >
                <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                  <Anchor
                    component={Link}
                    to={`/evaluation/${evaluation.id}/summary`}
                    size="sm"
                    fw={600}
                    data-testid="linked-evaluation-summary"
                  >
                    {evaluation.interactionTitle}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {evaluation.rubricName} ·{' '}
                    {t('coaching.evaluations.submitted', {
                      at: formatDateTime(evaluation.submittedAt, i18n.language),
                    })}
                  </Text>
                </Stack>
                {/* Score and result never shrink: they are what the row is read for. */}
                <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
                  <Text size="sm" fw={700}>
                    {formatPercent(evaluation.percent, i18n.language)}
                  </Text>
                  <ResultBadge result={evaluation.result} size="sm" />
                  {editable && (
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="sm"
                      onClick={() => change.mutate(ids.filter((id) => id !== evaluation.id))}
                      aria-label={t('coaching.evaluations.unlink', { title: evaluation.interactionTitle })}
                      data-testid="linked-evaluation-remove"
                    >
                      <TrashIcon size={14} />
                    </ActionIcon>
                  )}
                </Group>
              </Group>
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
          <PickEvaluations
            session={session}
            initial={ids}
            saving={change.isPending}
            onSave={(next) => change.mutate(next, { onSuccess: () => setPicking(false) })}
          />
        )}
      </Modal>
    </Card>
  );
}

function PickEvaluations({
  session,
  initial,
  saving,
  onSave,
}: {
  session: CoachingSession;
  initial: number[];
  saving: boolean;
  onSave: (ids: number[]) => void;
}) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState(initial);
  return (
    <Stack>
      <EvaluationPicker agent={session.agent} selected={selected} onChange={setSelected} />
      <Group justify="flex-end">
        <Button onClick={() => onSave(selected)} loading={saving} data-testid="evaluations-link-save">
          {t('coaching.evaluations.save')}
        </Button>
      </Group>
    </Stack>
  );
}
