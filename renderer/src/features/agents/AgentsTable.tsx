import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { AgentListEntry } from '../../../../shared/api/methods/agents';
import { formatDateTime } from '../../app/format';
import { formatPercent } from '../evaluation/score-format';
import { formatDay } from './format-day';

/** One row per agent; the whole row opens the agent page, the name is the keyboard's way in. */
export function AgentsTable({ agents }: { agents: readonly AgentListEntry[] }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  return (
    // Cells keep to one line (names, dates, "3 overdue"), headers may wrap; a narrow window scrolls sideways.
    <Table.ScrollContainer minWidth={900}>
      <Table
        highlightOnHover
        verticalSpacing="xs"
        styles={{ td: { whiteSpace: 'nowrap' } }}
        data-testid="agents-table"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('agents.columns.agent')}</Table.Th>
            <Table.Th>{t('agents.columns.team')}</Table.Th>
            <Table.Th ta="right">{t('agents.columns.evaluations')}</Table.Th>
            <Table.Th>{t('agents.columns.lastEvaluated')}</Table.Th>
            <Table.Th ta="right">{t('agents.columns.recentScore')}</Table.Th>
            <Table.Th ta="right">{t('agents.columns.sessions')}</Table.Th>
            <Table.Th ta="right">{t('agents.columns.overdue')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agents.map((agent) => (
            <Table.Tr
              key={agent.id}
              style={{ cursor: 'pointer' }}
              onClick={() => navigate(`/agents/${agent.id}`)}
              data-testid="agent-row"
              data-agent-id={agent.id}
            >
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/agents/${agent.id}`}
                  fw={600}
                  onClick={(event) => event.stopPropagation()}
                  data-testid="agent-open"
                >
                  {agent.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{agent.teamName ?? '–'}</Table.Td>
              <Table.Td ta="right" title={t('agents.interactions', { count: agent.interactionCount })}>
                {agent.evaluationCount}
                <Text span size="xs" c="dimmed">
                  {' '}
                  {t('agents.ofInteractions', { count: agent.interactionCount })}
                </Text>
              </Table.Td>
              <Table.Td title={formatDateTime(agent.lastEvaluatedAt, i18n.language)}>
                {formatDay(agent.lastEvaluatedAt, i18n.language)}
              </Table.Td>
              <Table.Td ta="right" fw={600}>
                {formatPercent(agent.recentPercent, i18n.language)}
              </Table.Td>
              <Table.Td ta="right">{agent.sessionCount}</Table.Td>
              <Table.Td ta="right">
                {agent.overdueActionCount > 0 ? (
                  <Badge color="red" variant="filled" data-testid="agent-overdue">
                    {t('agents.overdue', { count: agent.overdueActionCount })}
                  </Badge>
                ) : (
                  <Text span c="dimmed">
                    –
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
