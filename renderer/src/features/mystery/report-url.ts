import type { MysteryReportParams } from '../../../../shared/api/methods/mystery';

/** The report's view in the URL (`#/mystery/reports?by=scenario&key=Price%20check&per=wave`), so Back works. */
export type ReportView = Required<Pick<MysteryReportParams, 'by' | 'per'>> &
  Omit<MysteryReportParams, 'by' | 'per'>;

const day = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

export function reportViewFromSearch(search: URLSearchParams): ReportView {
  let [from, to] = [day(search.get('from')), day(search.get('to'))];
  if (from && to && from > to) [from, to] = [to, from];
  const key = search.get('key');
  const wave = search.get('wave');
  return {
    by: search.get('by') === 'scenario' ? 'scenario' : 'team',
    per: search.get('per') === 'wave' ? 'wave' : 'month',
    // A team may be '' (none given): `key=` names it, no `key` at all means every team.
    ...(key !== null ? { key } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(wave ? { wave } : {}),
  };
}

export function searchFromReportView(view: ReportView): URLSearchParams {
  const search = new URLSearchParams();
  if (view.by !== 'team') search.set('by', view.by);
  if (view.key !== undefined) search.set('key', view.key);
  if (view.per !== 'month') search.set('per', view.per);
  if (view.from) search.set('from', view.from);
  if (view.to) search.set('to', view.to);
  if (view.wave) search.set('wave', view.wave);
  return search;
}

/** "2025-03" → "Mar 2025" / "März 2025" / "maalis 2025"; a wave's name stays as the agency wrote it. */
export function periodLabel(period: string, per: ReportView['per'], language: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (per !== 'month' || !month) return period;
  const date = new Date(Number(month[1]), Number(month[2]) - 1, 1);
  return new Intl.DateTimeFormat(language, { month: 'short', year: 'numeric' }).format(date);
}

/** Passed of shops as a percent with one decimal, or null when there were none. */
export function shareOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}
