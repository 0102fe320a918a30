import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EvaluationSummary } from '../../../../shared/api/methods/evaluations';
import { api } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { AgentResponseBadge } from '../evaluation/AgentResponse';
import { formatPercent, ResultBadge } from '../evaluation/score-format';

/**
 * The agent's submitted evaluations one by one, most recently submitted first, as many as the page's
 * window covers: each opens as the summary the agent reads (and answers), shows the score, the result
 * and the agent's acknowledgement or dispute. A coach starts a one-to-one from one of them.
 */
export function AgentEvaluations({
  agent,
  lastN,
  ownPage,
}: {
  agent: { id: number; name: string };
  lastN: number;
  ownPage: boolean;
}) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['agents', 'evaluations', agent.id, lastN],
    queryFn: () => api.evaluation.list({ agentId: agent.id, state: 'submitted', limit: lastN }),
  });
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="agent-evaluations"
      data-state={list.isPending ? 'loading' : 'ready'}
    >
      <Group justify="space-between" mb={4} gap="xs">
        <Title order={4}>{t(ownPage ? 'agents.evaluations.ownTitle' : 'agents.evaluations.title')}</Title>
        {list.data && list.data.total > list.data.items.length && (
          <Text size="xs" c="dimmed">
            {t('agents.evaluations.showing', { shown: list.data.items.length, total: list.data.total })}
          </Text>
        )}
      </Group>
      {list.isPending ? (
        <Loader size="sm" />
      ) : list.isError ? (
        <Alert color="red">{t('errors.generic', { message: list.error.message })}</Alert>
      ) : list.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('agents.evaluations.none')}
        </Text>
      ) : (
        <Stack gap={0}>
          {list.data.items.map((evaluation, index) => (
            <EvaluationRow
              key={evaluation.id}
              evaluation={evaluation}
              first={index === 0}
              agentId={agent.id}
              ownPage={ownPage}
            />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function EvaluationRow({
  evaluation,
  first,
  agentId,
  ownPage,
}: {
  evaluation: EvaluationSummary;
  first: boolean;
  agentId: number;
  ownPage: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      gap="sm"
      py={6}
      style={first ? undefined : { borderTop: '1px solid var(--mantine-color-gray-2)' }}
      data-testid="agent-evaluation"
      data-evaluation-id={evaluation.id}
      data-response={evaluation.agentResponse?.response ?? 'open'}
    >
      <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
        <Anchor
          component={Link}
          to={`/evaluation/${evaluation.id}/summary`}
          size="sm"
          fw={600}
          data-testid="agent-evaluation-open"
        >
          {evaluation.interactionTitle}
        </Anchor>
        <Text size="xs" c="dimmed">
          {t('agents.evaluations.line', {
            date: formatDateTime(evaluation.startedAt ?? evaluation.submittedAt, i18n.language),
            rubric: evaluation.rubricName,
            reviewer: evaluation.reviewer.name,
          })}
        </Text>
      </Stack>
      <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
        <AgentResponseBadge response={evaluation.agentResponse} />
        <Text size="sm" fw={700} w={56} ta="right">
          {formatPercent(evaluation.score.percent, i18n.language)}
        </Text>
        <ResultBadge result={evaluation.score.result} size="sm" />
        {!ownPage && (
          <Button
            component={Link}
            to={`/coaching/new?agent=${agentId}&evaluation=${evaluation.id}`}
            size="compact-xs"
            variant="light"
            data-testid="agent-evaluation-coach"
          >
            {t('agents.evaluations.coach')}
          </Button>
        )}
      </Group>
    </Group>
  );
}
