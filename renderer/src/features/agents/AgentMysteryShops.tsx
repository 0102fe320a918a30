import { Alert, Anchor, Badge, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AgentRef } from '../../../../shared/api/methods/coaching';
import type { MysteryFigures } from '../../../../shared/api/methods/mystery-figures';
import { api } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { formatPercent, ResultBadge } from '../evaluation/score-format';
import { mysterySection } from './mystery-section';

/** Enough to see how the last wave went; the Mystery shops area has the rest. */
const LATEST = 5;

/**
 * The agent's mystery shops, in a section of their own: the agency's test is its own score, never mixed
 * into the QA figures above it (issue 12). Only roles that may see shops get them; others see why not.
 */
export function AgentMysteryShops({ agent }: { agent: AgentRef }) {
  const { t, i18n } = useTranslation();
  const shops = useQuery({
    queryKey: ['mystery', 'agentShops', agent.id],
    queryFn: () => api.mystery.agentShops({ agentId: agent.id }),
    retry: false,
  });
  const section = mysterySection(shops);
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="agent-mystery"
      data-state={section.kind === 'loading' ? 'loading' : 'ready'}
      data-section={section.kind}
    >
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={4}>{t('mysteryApart.agent.title')}</Title>
        <Text size="xs" c="dimmed">
          {t('mysteryApart.agent.apart')}
        </Text>
      </Group>
      {section.kind === 'loading' ? (
        <Loader size="sm" />
      ) : section.kind === 'refused' ? (
        <Text size="sm" c="dimmed" data-testid="agent-mystery-refused">
          {t('mysteryApart.agent.notForRole')}
        </Text>
      ) : section.kind === 'error' ? (
        <Alert color="red">{t('errors.generic', { message: section.message })}</Alert>
      ) : section.kind === 'empty' ? (
        <Text size="sm" c="dimmed" data-testid="agent-mystery-empty">
          {t('mysteryApart.agent.none', { name: agent.name })}
        </Text>
      ) : (
        <Stack gap="sm">
          <MysteryFigureLine figures={section.data.figures} />
          <Text size="sm" fw={600}>
            {t('mysteryApart.agent.latest')}
          </Text>
          <Table
            highlightOnHover
            verticalSpacing={6}
            horizontalSpacing="xs"
            data-testid="agent-mystery-shops"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mystery.field.occurredAt')}</Table.Th>
                <Table.Th>{t('mystery.field.scenario')}</Table.Th>
                <Table.Th ta="right">{t('mystery.field.score')}</Table.Th>
                <Table.Th>{t('mystery.field.result')}</Table.Th>
                <Table.Th>{t('mystery.field.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {section.data.shops.slice(0, LATEST).map((shop) => (
                <Table.Tr key={shop.id} data-testid="agent-mystery-shop" data-shop-id={shop.shopId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/mystery/${shop.id}`} size="sm">
                      {formatDateTime(shop.occurredAt, i18n.language)}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {shop.shopId}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {shop.scenario}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" fw={700}>
                      {formatPercent(shop.percent, i18n.language)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ResultBadge result={shop.result} size="sm" />
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="outline" color="gray" size="sm">
                      {t(`mystery.status.${shop.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Paper>
  );
}

/** Count, average and how many passed, fell below target or failed critically: one line, read at a glance. */
export function MysteryFigureLine({ figures }: { figures: MysteryFigures }) {
  const { t, i18n } = useTranslation();
  return (
    <Group gap="lg" wrap="wrap" align="flex-start" data-testid="mystery-figures">
      <Stack gap={0}>
        <Text size="xs" c="dimmed">
          {t('mysteryApart.figures.count')}
        </Text>
        <Text fw={700} size="lg" data-testid="mystery-count">
          {figures.count}
        </Text>
      </Stack>
      <Stack gap={0}>
        <Text size="xs" c="dimmed">
          {t('mysteryApart.figures.average')}
        </Text>
        <Text fw={700} size="lg" data-testid="mystery-average">
          {formatPercent(figures.averagePercent, i18n.language)}
        </Text>
      </Stack>
      <Stack gap={4}>
        <Text size="xs" c="dimmed">
          {t('mysteryApart.figures.results')}
        </Text>
        <Group gap={6}>
          {(['pass', 'belowTarget', 'criticalFail'] as const).map((result) => (
            <Group key={result} gap={4} wrap="nowrap" data-testid={`mystery-${result}`}>
              <Text fw={700} size="sm">
                {figures[result]}
              </Text>
              <ResultBadge result={result} size="sm" />
            </Group>
          ))}
        </Group>
      </Stack>
    </Group>
  );
}
