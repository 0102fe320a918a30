import {
  mysterySorts,
  mysteryStatuses,
  type MysteryListParams,
  type MysterySort,
} from '../../../../shared/api/methods/mystery';
import { MysteryChannel } from '../../../../shared/rubric/mystery';

export type MysteryFilters = Omit<MysteryListParams, 'sort' | 'order'>;

/**
 * The list's view lives in the URL (`#/mystery?wave=Wave%201%2F2025&channel=call&min=60&q=price&sort=score&order=asc`),
 * so Back returns to it and a view can be bookmarked. Newest first unless another sort is chosen.
 */
export interface MysteryView {
  filters: MysteryFilters;
  sort: MysterySort;
  order: 'asc' | 'desc';
}

export const DEFAULT_SORT: MysterySort = 'occurredAt';

const day = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
const percent = (value: string | null) => {
  const n = value === null || value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : undefined;
};
const text = (value: string | null) => (value && value.trim() !== '' ? value : undefined);
const drop = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export function viewFromSearch(search: URLSearchParams): MysteryView {
  const channel = MysteryChannel.safeParse(search.get('channel'));
  const status = search.get('status');
  const scenario = Number(search.get('scenario'));
  let [from, to] = [day(search.get('from')), day(search.get('to'))];
  let [min, max] = [percent(search.get('min')), percent(search.get('max'))];
  // A hand-edited reversed range is put right rather than refused.
  if (from && to && from > to) [from, to] = [to, from];
  if (min !== undefined && max !== undefined && min > max) [min, max] = [max, min];
  const sort = search.get('sort') as MysterySort | null;
  return {
    filters: drop({
      wave: text(search.get('wave')),
      team: text(search.get('team')),
      channel: channel.success ? channel.data : undefined,
      status: (mysteryStatuses as readonly string[]).includes(status ?? '')
        ? (status as MysteryFilters['status'])
        : undefined,
      scenarioId: Number.isInteger(scenario) && scenario > 0 ? scenario : undefined,
      from,
      to,
      minPercent: min,
      maxPercent: max,
      search: search.get('q')?.trim() || undefined,
    }),
    sort: sort && mysterySorts.includes(sort) ? sort : DEFAULT_SORT,
    order: search.get('order') === 'asc' ? 'asc' : 'desc',
  };
}

export function searchFromView({ filters, sort, order }: MysteryView): URLSearchParams {
  const search = new URLSearchParams();
  const put = (key: string, value: string | number | undefined) =>
    value !== undefined && value !== '' && search.set(key, String(value));
  put('wave', filters.wave);
  put('team', filters.team);
  put('channel', filters.channel);
  put('status', filters.status);
  put('scenario', filters.scenarioId);
  put('from', filters.from);
  put('to', filters.to);
  put('min', filters.minPercent);
  put('max', filters.maxPercent);
  put('q', filters.search);
  if (sort !== DEFAULT_SORT) search.set('sort', sort);
  if (order === 'asc') search.set('order', 'asc');
  return search;
}

/**
 * A click on a column header: the same column again turns the order round; a new column starts with its
 * natural order (words A to Z, newest date and best score first).
 */
export function nextSort(view: MysteryView, sort: MysterySort): Pick<MysteryView, 'sort' | 'order'> {
  if (view.sort === sort) return { sort, order: view.order === 'asc' ? 'desc' : 'asc' };
  return { sort, order: sort === 'occurredAt' || sort === 'score' ? 'desc' : 'asc' };
}

/** Drops empty filters, so the URL stays short and "any filter set?" is a key count. */
export function cleanFilters(filters: MysteryFilters): MysteryFilters {
  return drop({ ...filters, search: filters.search?.trim() || undefined });
}
