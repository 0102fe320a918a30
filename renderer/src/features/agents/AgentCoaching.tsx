import { Alert, Anchor, Badge, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { AgentRef } from '../../../../shared/api/methods/coaching';
import { api } from '../../api/client';
import { formatDay } from './format-day';

/**
 * The agent's coaching sessions, newest first, with what is overdue from them (the next one is started
 * from the page header). Every profile sees that sessions exist; private notes stay in the session itself.
 */
export function AgentCoaching({ agent }: { agent: AgentRef }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const sessions = useQuery({
    queryKey: ['coaching', 'list', { agentId: agent.id }],
    queryFn: () => api.coaching.list({ agentId: agent.id }),
  });
  return (
    <Paper withBorder p="sm" data-testid="agent-coaching">
      <Title order={4} mb="xs">
        {t('agents.coaching.title')}
      </Title>
      {sessions.isPending ? (
        <Loader size="sm" />
      ) : sessions.isError ? (
        <Alert color="red">{t('errors.generic', { message: sessions.error.message })}</Alert>
      ) : sessions.data.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="agent-coaching-empty">
          {t('agents.coaching.empty', { name: agent.name })}
        </Text>
      ) : (
        <Table highlightOnHover verticalSpacing={6} horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('agents.coaching.session')}</Table.Th>
              <Table.Th>{t('agents.coaching.state')}</Table.Th>
              <Table.Th ta="right">{t('agents.coaching.overdue')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.data.map((session) => (
              <Table.Tr
                key={session.id}
                style={{ cursor: 'pointer' }}
                onClick={() => navigate(`/coaching/${session.id}`)}
                data-testid="agent-session"
              >
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/coaching/${session.id}`}
                    size="sm"
                    onClick={(event) => event.stopPropagation()}
                  >
                    {formatDay(session.heldOn, i18n.language)}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t('agents.coaching.with', { coach: session.coach.name })}
                  </Text>
                  {session.focusTitles.length > 0 && (
                    <Text size="xs" c="dimmed" lineClamp={1} title={session.focusTitles.join(', ')}>
                      {session.focusTitles.join(', ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={session.state === 'planned' ? 'indigo.7' : 'dimmed'} fw={500}>
                    {t(`agents.coaching.states.${session.state}`)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  {session.overdueActionCount > 0 ? (
                    <Badge color="red" variant="filled">
                      {session.overdueActionCount}
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {session.openActionCount > 0
                        ? t('agents.coaching.open', { count: session.openActionCount })
                        : '–'}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
