import { Alert, Group, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EarmarkError } from '../../../../shared/errors';
import { api } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { formatPercent, ResultBadge } from '../evaluation/score-format';

/**
 * Each team's mystery shops (the team the agency reports), under the agents: a team's own result of the
 * agency's tests, kept apart from its agents' QA scores. Shown only to roles that may see shops.
 */
export function MysteryTeamFigures() {
  const { t, i18n } = useTranslation();
  const teams = useQuery({
    queryKey: ['mystery', 'teamFigures'],
    queryFn: () => api.mystery.teamFigures({}),
    retry: false,
  });
  // Not the reader's to see (or nothing to show): the agents list stands on its own.
  if (teams.error instanceof EarmarkError && ['not_allowed', 'locked'].includes(teams.error.code))
    return null;
  if (teams.data?.length === 0) return null;
  return (
    <Paper withBorder p="sm" data-testid="mystery-teams" data-state={teams.isPending ? 'loading' : 'ready'}>
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={4}>{t('mysteryApart.teams.title')}</Title>
        <Text size="xs" c="dimmed">
          {t('mysteryApart.agent.apart')}
        </Text>
      </Group>
      {teams.isPending ? (
        <Loader size="sm" />
      ) : teams.isError ? (
        <Alert color="red">{t('errors.generic', { message: teams.error.message })}</Alert>
      ) : (
        // The result badges keep their width: a narrow window scrolls the table, not the whole page.
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={6} horizontalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mystery.field.team')}</Table.Th>
                <Table.Th ta="right">{t('mysteryApart.figures.count')}</Table.Th>
                <Table.Th ta="right">{t('mysteryApart.figures.average')}</Table.Th>
                {(['pass', 'belowTarget', 'criticalFail'] as const).map((result) => (
                  <Table.Th key={result} ta="right">
                    <ResultBadge result={result} size="sm" />
                  </Table.Th>
                ))}
                <Table.Th>{t('mysteryApart.teams.latest')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {teams.data.map((team) => (
                <Table.Tr key={team.team} data-testid="mystery-team" data-team={team.team}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {team.team || t('mysteryApart.teams.noTeam')}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{team.count}</Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" fw={700}>
                      {formatPercent(team.averagePercent, i18n.language)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{team.pass}</Table.Td>
                  <Table.Td ta="right">{team.belowTarget}</Table.Td>
                  <Table.Td ta="right">{team.criticalFail}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(team.latestAt, i18n.language)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
