import type { LibraryFilters, LibrarySort } from '../../../../shared/api';
import { outcomes, type Outcome } from '../../../../shared/rubric/outcome';

/**
 * The library view lives in the URL (`#/?kind=call&agent=3&q=refund&scoreMin=60&outcome=belowTarget&sort=score&order=asc`),
 * so a supervisor can bookmark a view or come back to it with the browser's back button.
 */
export interface LibraryView {
  filters: LibraryFilters;
  sort: LibrarySort | undefined;
  order: 'asc' | 'desc';
}

const SORTS: readonly LibrarySort[] = ['relevance', 'startedAt', 'duration', 'agent', 'title', 'score'];
const ids = (values: string[]) => values.map(Number).filter((n) => Number.isInteger(n) && n > 0);
const day = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
const percent = (value: string | null) => {
  const n = value === null || value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : undefined;
};

/** Outcomes from the URL, each once, in their usual order; unknown words dropped. */
function outcomesOf(search: URLSearchParams): Pick<LibraryFilters, 'outcomes'> {
  const given = new Set(search.getAll('outcome'));
  const known = outcomes.filter((outcome: Outcome) => given.has(outcome));
  return known.length ? { outcomes: known } : {};
}

/** Score bounds from the URL: out-of-range values dropped, a hand-edited reversed range put right. */
function scoreRange(search: URLSearchParams): Pick<LibraryFilters, 'scoreMin' | 'scoreMax'> {
  const min = percent(search.get('scoreMin'));
  const max = percent(search.get('scoreMax'));
  const [low, high] = min !== undefined && max !== undefined && min > max ? [max, min] : [min, max];
  return {
    ...(low !== undefined ? { scoreMin: low } : {}),
    ...(high !== undefined ? { scoreMax: high } : {}),
  };
}

export function viewFromSearch(search: URLSearchParams): LibraryView {
  const kind = search.get('kind');
  const sort = search.get('sort') as LibrarySort | null;
  const text = search.get('q')?.trim();
  const filters: LibraryFilters = {
    ...(kind === 'call' || kind === 'chat' ? { kind } : {}),
    ...(search.getAll('agent').length ? { agentIds: ids(search.getAll('agent')) } : {}),
    ...(search.getAll('team').length ? { teamIds: ids(search.getAll('team')) } : {}),
    ...(search.get('reviewed') === 'yes'
      ? { reviewed: true }
      : search.get('reviewed') === 'no'
        ? { reviewed: false }
        : {}),
    ...(search.getAll('tag').length ? { tagIds: ids(search.getAll('tag')) } : {}),
    ...(day(search.get('from')) ? { from: day(search.get('from')) } : {}),
    ...(day(search.get('to')) ? { to: day(search.get('to')) } : {}),
    ...scoreRange(search),
    ...outcomesOf(search),
    ...(text ? { text } : {}),
  };
  const validSort = sort && SORTS.includes(sort) && (sort !== 'relevance' || text) ? sort : undefined;
  return { filters, sort: validSort, order: search.get('order') === 'asc' ? 'asc' : 'desc' };
}

export function searchFromView(view: LibraryView): URLSearchParams {
  const search = new URLSearchParams();
  const { filters } = view;
  if (filters.kind) search.set('kind', filters.kind);
  filters.agentIds?.forEach((id) => search.append('agent', String(id)));
  filters.teamIds?.forEach((id) => search.append('team', String(id)));
  if (filters.reviewed !== undefined) search.set('reviewed', filters.reviewed ? 'yes' : 'no');
  filters.tagIds?.forEach((id) => search.append('tag', String(id)));
  if (filters.from) search.set('from', filters.from);
  if (filters.to) search.set('to', filters.to);
  if (filters.scoreMin !== undefined) search.set('scoreMin', String(filters.scoreMin));
  if (filters.scoreMax !== undefined) search.set('scoreMax', String(filters.scoreMax));
  filters.outcomes?.forEach((outcome) => search.append('outcome', outcome));
  if (filters.text) search.set('q', filters.text);
  if (view.sort) search.set('sort', view.sort);
  if (view.order === 'asc') search.set('order', 'asc');
  return search;
}

/** The score slider's range as filters: a thumb at its end (0 or 100) sets no bound on that side. */
export function scoreBounds([low, high]: readonly [number, number]): Pick<
  LibraryFilters,
  'scoreMin' | 'scoreMax'
> {
  return { scoreMin: low > 0 ? low : undefined, scoreMax: high < 100 ? high : undefined };
}
