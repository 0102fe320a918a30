import { Alert, Loader, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { MysterySort } from '../../../../shared/api/methods/mystery';
import { api } from '../../api/client';
import { MysteryEmpty } from './MysteryEmpty';
import { MysteryFilterBar } from './MysteryFilterBar';
import { MysteryHeader } from './MysteryTabs';
import { MysteryTable } from './MysteryTable';
import { nextSort, searchFromView, viewFromSearch, type MysteryFilters } from './mystery-url';

/** `/mystery`: every shop, filtered, searched and sorted as the URL says. */
export function MysteryListPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const view = viewFromSearch(search);
  // Every shop: whether there are any at all, and the waves and teams to filter by.
  const all = useQuery({ queryKey: ['mystery', 'list', {}], queryFn: () => api.mystery.list({}) });
  const params = { ...view.filters, sort: view.sort, order: view.order };
  const shown = useQuery({
    queryKey: ['mystery', 'list', params],
    queryFn: () => api.mystery.list(params),
    placeholderData: keepPreviousData,
  });
  const setFilters = (filters: MysteryFilters) => setSearch(searchFromView({ ...view, filters }));
  const setSort = (sort: MysterySort) => setSearch(searchFromView({ ...view, ...nextSort(view, sort) }));
  const error = all.error ?? shown.error;
  const ready = all.data !== undefined && shown.data !== undefined && !shown.isPlaceholderData;

  return (
    <Stack data-testid="mystery-list" data-state={ready ? 'ready' : 'loading'}>
      <MysteryHeader tab="list">
        {shown.data && all.data && all.data.length > 0 && (
          <Text c="dimmed" data-testid="mystery-count">
            {Object.keys(view.filters).length > 0
              ? t('mysteryList.countOf', { count: shown.data.length, total: all.data.length })
              : t('mysteryList.count', { count: all.data.length })}
          </Text>
        )}
      </MysteryHeader>
      {error ? (
        <Alert color="red">{t('errors.generic', { message: error.message })}</Alert>
      ) : !all.data || !shown.data ? (
        <Loader size="sm" />
      ) : all.data.length === 0 ? (
        <MysteryEmpty />
      ) : (
        <>
          <MysteryFilterBar filters={view.filters} all={all.data} onChange={setFilters} />
          <MysteryTable shops={shown.data} view={view} onSort={setSort} />
        </>
      )}
    </Stack>
  );
}
