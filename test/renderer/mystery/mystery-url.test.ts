import { describe, expect, it } from 'vitest';
import {
  nextSort,
  searchFromView,
  viewFromSearch,
  type MysteryView,
} from '../../../renderer/src/features/mystery/mystery-url';
import {
  periodLabel,
  reportViewFromSearch,
  searchFromReportView,
  shareOf,
} from '../../../renderer/src/features/mystery/report-url';

const roundTrip = (view: MysteryView) => viewFromSearch(searchFromView(view));

describe('the mystery shop list in the URL', () => {
  it('keeps every filter, the sort and the order through a round trip', () => {
    const view: MysteryView = {
      filters: {
        wave: 'Wave 1/2025',
        team: 'Berlin hotline',
        channel: 'visit',
        status: 'queried',
        scenarioId: 7,
        from: '2025-03-01',
        to: '2025-03-31',
        minPercent: 40,
        maxPercent: 85,
        search: 'price & more',
      },
      sort: 'score',
      order: 'asc',
    };
    expect(roundTrip(view)).toEqual(view);
  });

  it('opens newest first with no filters on a bare address', () => {
    expect(viewFromSearch(new URLSearchParams())).toEqual({ filters: {}, sort: 'occurredAt', order: 'desc' });
    expect(searchFromView({ filters: {}, sort: 'occurredAt', order: 'desc' }).toString()).toBe('');
  });

  it('drops what it cannot use and puts reversed ranges right', () => {
    const view = viewFromSearch(
      new URLSearchParams(
        'channel=fax&status=lost&scenario=abc&from=14.03.2025&min=120&max=-5&sort=loudness&q=%20%20',
      ),
    );
    expect(view).toEqual({ filters: {}, sort: 'occurredAt', order: 'desc' });
    expect(
      viewFromSearch(new URLSearchParams('from=2025-06-01&to=2025-01-01&min=90&max=10')).filters,
    ).toEqual({ from: '2025-01-01', to: '2025-06-01', minPercent: 10, maxPercent: 90 });
  });

  it('turns the order round on the same column; a new column starts in its natural order', () => {
    const view: MysteryView = { filters: {}, sort: 'occurredAt', order: 'desc' };
    expect(nextSort(view, 'occurredAt')).toEqual({ sort: 'occurredAt', order: 'asc' });
    expect(nextSort(view, 'team')).toEqual({ sort: 'team', order: 'asc' });
    expect(nextSort(view, 'score')).toEqual({ sort: 'score', order: 'desc' });
    expect(nextSort({ ...view, sort: 'score' }, 'score')).toEqual({ sort: 'score', order: 'asc' });
  });
});

describe('the mystery report in the URL', () => {
  it('keeps the grouping, the chosen team, the step and the period', () => {
    const view = {
      by: 'scenario' as const,
      per: 'wave' as const,
      key: 'Price comparison',
      from: '2025-01-01',
      to: '2025-12-31',
      wave: 'Wave 2/2025',
    };
    expect(reportViewFromSearch(searchFromReportView(view))).toEqual(view);
  });

  it('tells "every team" from "the shops with no team"', () => {
    expect(reportViewFromSearch(new URLSearchParams(''))).toEqual({ by: 'team', per: 'month' });
    expect(reportViewFromSearch(new URLSearchParams('key='))).toEqual({ by: 'team', per: 'month', key: '' });
  });

  it('names months in the reader language and leaves wave names as written', () => {
    expect(periodLabel('2025-03', 'month', 'en')).toBe('Mar 2025');
    expect(periodLabel('2025-03', 'month', 'de')).toMatch(/^März 2025$/);
    expect(periodLabel('Wave 1/2025', 'wave', 'fi')).toBe('Wave 1/2025');
  });

  it('gives a share with one decimal, none of nothing', () => {
    expect(shareOf(1, 3)).toBe(33.3);
    expect(shareOf(2, 2)).toBe(100);
    expect(shareOf(0, 0)).toBeNull();
  });
});
