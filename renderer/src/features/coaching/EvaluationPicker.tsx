import { Alert, Checkbox, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { formatPercent, ResultBadge } from '../evaluation/score-format';
import { newestCallFirst } from './agent-evaluations';

/** Enough for years of one agent's reviews; beyond that the newest are what a one-to-one is about. */
const LIMIT = 500;

/** The agent's submitted evaluations as a checklist, newest call first, with score and result. */
export function EvaluationPicker({
  agent,
  selected,
  onChange,
}: {
  agent: { id: number; name: string };
  selected: readonly number[];
  onChange: (ids: number[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const list = useQuery({
    queryKey: ['evaluation', 'list', 'submitted', { agentId: agent.id }],
    queryFn: () => api.evaluation.list({ agentId: agent.id, state: 'submitted', limit: LIMIT }),
  });
  if (list.isPending) return <Loader size="sm" />;
  if (list.isError) return <Alert color="red">{t('errors.generic', { message: list.error.message })}</Alert>;
  const evaluations = newestCallFirst(list.data.items);
  if (evaluations.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="new-session-no-evaluations">
        {t('coaching.new.noEvaluations', { agent: agent.name })}
      </Text>
    );
  const toggle = (id: number, on: boolean) =>
    onChange(on ? [...selected, id] : selected.filter((other) => other !== id));

  return (
    <Stack gap={6} data-testid="evaluation-picker">
      {evaluations.map((evaluation) => (
        <Paper key={evaluation.id} withBorder p="xs" radius="sm">
          <Group justify="space-between" wrap="nowrap">
            <Checkbox
              checked={selected.includes(evaluation.id)}
              onChange={(event) => toggle(evaluation.id, event.currentTarget.checked)}
              label={
                <Stack gap={0}>
                  <Text size="sm" fw={600}>
                    {evaluation.interactionTitle}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('coaching.new.evaluationLine', {
                      date: formatDateTime(evaluation.startedAt ?? evaluation.submittedAt, i18n.language),
                      rubric: evaluation.rubricName,
                      reviewer: evaluation.reviewer.name,
                    })}
                  </Text>
                </Stack>
              }
              data-testid="new-session-evaluation"
              data-evaluation-id={evaluation.id}
            />
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" fw={700}>
                {formatPercent(evaluation.score.percent, i18n.language)}
              </Text>
              <ResultBadge result={evaluation.score.result} size="sm" />
            </Group>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
