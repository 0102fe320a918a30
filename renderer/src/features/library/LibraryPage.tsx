import {
  Alert,
  Anchor,
  Badge,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { InteractionKind, InteractionSummary } from '../../../../shared/api';
import { api } from '../../api/client';
import { useLibraryChanges } from '../../api/hooks';
import { formatDateTime, formatDuration } from '../../app/format';
import { DemoOffer } from './DemoOffer';

const KIND_FILTERS = ['all', 'call', 'chat'] as const;

export function LibraryPage() {
  const { t, i18n } = useTranslation();
  useLibraryChanges();
  const [search, setSearch] = useSearchParams();
  const kindParam = search.get('kind');
  const kind: InteractionKind | undefined =
    kindParam === 'call' || kindParam === 'chat' ? kindParam : undefined;

  const demo = useQuery({ queryKey: ['library', 'demo'], queryFn: () => api.demo.status({}) });
  const list = useQuery({
    queryKey: ['library', 'list', kind ?? 'all'],
    queryFn: () => api.library.list({ ...(kind ? { kind } : {}), limit: 500 }),
  });

  if (list.isPending || demo.isPending) return <Loader />;
  if (list.isError || demo.isError) {
    return <Alert color="red">{t('errors.generic', { message: (list.error ?? demo.error)?.message })}</Alert>;
  }
  const { total, items } = list.data;
  const showDemoOffer = demo.data.offer && total === 0 && !kind;

  return (
    <Stack data-testid="library" data-state="ready">
      <Group justify="space-between">
        <Group align="baseline">
          <Title order={2}>{t('library.title')}</Title>
          <Text c="dimmed" data-testid="library-count">
            {t('library.count', { count: total })}
          </Text>
        </Group>
        <SegmentedControl
          value={kind ?? 'all'}
          onChange={(value) => setSearch(value === 'all' ? {} : { kind: value })}
          data={KIND_FILTERS.map((value) => ({
            value,
            label: t(
              value === 'all'
                ? 'library.filter.all'
                : value === 'call'
                  ? 'library.filter.calls'
                  : 'library.filter.chats',
            ),
          }))}
        />
      </Group>
      {showDemoOffer ? (
        <DemoOffer />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('library.empty')}</Text>
      ) : (
        <InteractionTable items={items} language={i18n.language} />
      )}
    </Stack>
  );
}

function InteractionTable({ items, language }: { items: InteractionSummary[]; language: string }) {
  const { t } = useTranslation();
  return (
    <Table striped highlightOnHover verticalSpacing="xs" data-testid="library-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('library.columns.kind')}</Table.Th>
          <Table.Th>{t('library.columns.title')}</Table.Th>
          <Table.Th>{t('library.columns.agent')}</Table.Th>
          <Table.Th>{t('library.columns.team')}</Table.Th>
          <Table.Th>{t('library.columns.started')}</Table.Th>
          <Table.Th ta="right">{t('library.columns.duration')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={item.id} data-testid="library-row" data-kind={item.kind}>
            <Table.Td>
              <Badge variant="light" color={item.kind === 'call' ? 'indigo' : 'teal'}>
                {t(`library.kind.${item.kind}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/interaction/${item.id}`} data-testid="library-open">
                {item.title}
              </Anchor>
            </Table.Td>
            <Table.Td>{item.agentName ?? '–'}</Table.Td>
            <Table.Td>{item.teamName ?? '–'}</Table.Td>
            <Table.Td>{formatDateTime(item.startedAt, language)}</Table.Td>
            <Table.Td ta="right" ff="monospace">
              {formatDuration(item.durationMs)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
