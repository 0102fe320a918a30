import { describe, expect, it } from 'vitest';
import {
  scoreBounds,
  searchFromView,
  viewFromSearch,
  type LibraryView,
} from '../../../renderer/src/features/library/library-url';

const roundTrip = (view: LibraryView) => viewFromSearch(searchFromView(view));

describe('the library view in the URL', () => {
  it('keeps every filter, the sort and the order through a round trip', () => {
    const view: LibraryView = {
      filters: {
        kind: 'call',
        agentIds: [3, 5],
        teamIds: [2],
        reviewed: true,
        tagIds: [7],
        from: '2026-01-01',
        to: '2026-01-31',
        scoreMin: 60,
        scoreMax: 92.5,
        outcomes: ['belowTarget', 'criticalFail'],
        text: 'refund',
      },
      sort: 'score',
      order: 'asc',
    };
    expect(roundTrip(view)).toEqual(view);
  });

  it('reads outcomes in their usual order, each once, and drops unknown words', () => {
    const view = viewFromSearch(
      new URLSearchParams('outcome=criticalFail&outcome=pass&outcome=fail&outcome=pass'),
    );
    expect(view.filters).toEqual({ outcomes: ['pass', 'criticalFail'] });
    expect(viewFromSearch(new URLSearchParams('outcome=fail')).filters).toEqual({});
  });

  it('keeps a one-sided score range, including a bound of 0', () => {
    expect(roundTrip({ filters: { scoreMin: 0 }, sort: undefined, order: 'desc' }).filters).toEqual({
      scoreMin: 0,
    });
    expect(searchFromView({ filters: { scoreMax: 70 }, sort: undefined, order: 'desc' }).toString()).toBe(
      'scoreMax=70',
    );
  });

  it('drops score bounds that are not percents and puts a reversed range right', () => {
    const filters = (query: string) => viewFromSearch(new URLSearchParams(query)).filters;
    expect(filters('scoreMin=abc&scoreMax=140')).toEqual({});
    expect(filters('scoreMin=-5&scoreMax=')).toEqual({});
    expect(filters('scoreMin=90&scoreMax=40')).toEqual({ scoreMin: 40, scoreMax: 90 });
  });

  it('takes sorting by score from the URL', () => {
    expect(viewFromSearch(new URLSearchParams('sort=score')).sort).toBe('score');
  });
});

describe('the score slider as filters', () => {
  it('sets no bound where a thumb sits at its end', () => {
    expect(scoreBounds([0, 100])).toEqual({ scoreMin: undefined, scoreMax: undefined });
    expect(scoreBounds([60, 100])).toEqual({ scoreMin: 60, scoreMax: undefined });
    expect(scoreBounds([0, 45])).toEqual({ scoreMin: undefined, scoreMax: 45 });
    expect(scoreBounds([20, 20])).toEqual({ scoreMin: 20, scoreMax: 20 });
  });
});
