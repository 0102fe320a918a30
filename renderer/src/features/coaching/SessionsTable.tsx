import { Anchor, Card, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CoachingSummary } from '../../../../shared/api/methods/coaching';
import { formatDay } from './format';
import { OverdueBadge, StateBadge } from './StateBadge';

export function SessionsTable({ sessions }: { sessions: readonly CoachingSummary[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder p={0}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="coaching-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('coaching.list.date')}</Table.Th>
            <Table.Th>{t('coaching.list.agent')}</Table.Th>
            <Table.Th>{t('coaching.list.coach')}</Table.Th>
            <Table.Th>{t('coaching.list.focus')}</Table.Th>
            <Table.Th>{t('coaching.list.actions')}</Table.Th>
            <Table.Th>{t('coaching.list.followUp')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((session) => (
            <Table.Tr
              key={session.id}
              data-testid="coaching-row"
              data-session-id={session.id}
              data-state={session.state}
              data-overdue={session.overdueActionCount > 0}
            >
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Anchor component={Link} to={`/coaching/${session.id}`} fw={600} data-testid="coaching-open">
                  {formatDay(session.heldOn, i18n.language)}
                </Anchor>
                <div>
                  <StateBadge state={session.state} />
                </div>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {session.agent.name}
                </Text>
                {session.agent.teamName && (
                  <Text size="xs" c="dimmed">
                    {session.agent.teamName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{session.coach.name}</Text>
              </Table.Td>
              <Table.Td maw={260}>
                <Text size="sm" lineClamp={2} c={session.focusTitles.length ? undefined : 'dimmed'}>
                  {session.focusTitles.length ? session.focusTitles.join(' · ') : '–'}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" data-testid="coaching-action-count">
                    {t('coaching.list.openOfTotal', {
                      open: session.openActionCount,
                      total: session.actionCount,
                    })}
                  </Text>
                  <OverdueBadge count={session.overdueActionCount} />
                </Group>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{formatDay(session.followUpOn, i18n.language)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
