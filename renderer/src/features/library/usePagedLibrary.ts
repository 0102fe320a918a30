import { keepPreviousData, useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { LibraryItem } from '../../../../shared/api';
import { api } from '../../api/client';
import type { LibraryView } from './library-url';

export const PAGE_SIZE = 200;

/**
 * Fetches only the pages of the result that are on screen (plus the first, which carries the total),
 * so scrolling anywhere in 100,000 interactions costs a page or two, never the whole list.
 */
export function usePagedLibrary(view: LibraryView, visible: { start: number; end: number }) {
  const pages = useMemo(() => {
    const first = Math.floor(visible.start / PAGE_SIZE);
    const last = Math.floor(Math.max(visible.start, visible.end) / PAGE_SIZE);
    const wanted = new Set([0]);
    for (let page = first; page <= last; page++) wanted.add(page);
    return [...wanted];
  }, [visible.start, visible.end]);

  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: ['library', 'list', view, page],
      queryFn: () =>
        api.library.list({
          filters: view.filters,
          ...(view.sort ? { sort: view.sort } : {}),
          order: view.order,
          limit: PAGE_SIZE,
          offset: page * PAGE_SIZE,
        }),
      placeholderData: page === 0 ? keepPreviousData : undefined,
      staleTime: 30_000,
    })),
  });

  const first = results[0];
  const rows = new Map<number, LibraryItem>();
  results.forEach((result, index) => {
    const page = pages[index]!;
    result.data?.items.forEach((item, offset) => rows.set(page * PAGE_SIZE + offset, item));
  });
  return {
    total: first?.data?.total ?? 0,
    rowAt: (index: number) => rows.get(index),
    /** Every row fetched so far, in list order: what "select all" chooses. */
    loadedIds: [...rows.entries()].sort(([a], [b]) => a - b).map(([, item]) => item.id),
    isPending: first?.isPending ?? true,
    isFetching: results.some((result) => result.isFetching),
    error: results.find((result) => result.error)?.error ?? null,
  };
}
