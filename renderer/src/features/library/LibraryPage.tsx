import { Alert, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { LibraryFilters, LibrarySort } from '../../../../shared/api';
import { api } from '../../api/client';
import { AssignAgentBar } from '../details/AssignAgentBar';
import { DemoOffer } from './DemoOffer';
import { ExportEvaluations } from './ExportEvaluations';
import { FilterBar } from './FilterBar';
import { searchFromView, viewFromSearch } from './library-url';
import { LibraryTable } from './LibraryTable';
import { useLibrarySelection } from './useLibrarySelection';

export function LibraryPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const view = viewFromSearch(search);
  const selection = useLibrarySelection(JSON.stringify(view));
  const demo = useQuery({ queryKey: ['library', 'demo'], queryFn: () => api.demo.status({}) });
  const count = useQuery({
    queryKey: ['library', 'count', view.filters],
    // Only the total is wanted here, and newest-first order gets it without ranking every match.
    queryFn: () => api.library.list({ filters: view.filters, sort: 'startedAt', limit: 1 }),
  });

  const setFilters = (filters: LibraryFilters) =>
    setSearch(searchFromView({ ...view, filters, sort: undefined }));
  const setSort = (sort: LibrarySort) => {
    const same = (view.sort ?? 'startedAt') === sort;
    setSearch(searchFromView({ ...view, sort, order: same && view.order === 'desc' ? 'asc' : 'desc' }));
  };

  if (demo.isPending) return <Loader />;
  if (demo.isError) return <Alert color="red">{t('errors.generic', { message: demo.error.message })}</Alert>;
  const empty = count.data?.total === 0 && Object.keys(view.filters).length === 0;

  return (
    <Stack data-testid="library" data-state={count.isPending ? 'loading' : 'ready'}>
      <Group align="baseline">
        <Title order={2}>{t('library.title')}</Title>
        {count.data && (
          <Text c="dimmed" data-testid="library-count">
            {t('library.count', { count: count.data.total })}
          </Text>
        )}
        {!empty && (
          <Group ml="auto">
            <ExportEvaluations filters={view.filters} />
          </Group>
        )}
      </Group>
      {empty && demo.data.offer ? (
        <DemoOffer />
      ) : (
        <>
          <FilterBar filters={view.filters} onChange={setFilters} />
          <AssignAgentBar ids={[...selection.selection.ids]} onClear={selection.clear} />
          {count.isError ? (
            <Alert color="red">{t('errors.generic', { message: count.error.message })}</Alert>
          ) : count.isPending ? (
            <Loader size="sm" />
          ) : count.data.total === 0 ? (
            <Text c="dimmed" data-testid="library-empty">
              {empty ? t('library.empty') : t('library.noMatches')}
            </Text>
          ) : (
            <LibraryTable view={view} onSort={setSort} selection={selection} />
          )}
        </>
      )}
    </Stack>
  );
}
