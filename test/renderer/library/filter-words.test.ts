import { describe, expect, it } from 'vitest';
import type { Facets } from '../../../shared/api';
import { filterWords } from '../../../renderer/src/features/library/filter-words';

const facets: Facets = {
  agents: [
    { id: 1, name: 'Anna Berg', teamId: 1, teamName: 'Care' },
    { id: 2, name: 'Jussi Koski', teamId: 1, teamName: 'Care' },
  ],
  teams: [{ id: 1, name: 'Care' }],
  tags: [
    { id: 4, name: 'rude', builtin: 'rude' },
    { id: 9, name: 'Upsell', builtin: null },
  ],
};
/** Keys as words, so the test reads what the dialog would say in English. */
const t = (key: string, options?: Record<string, unknown>) =>
  options ? `${key}(${Object.values(options).join(', ')})` : key;
const percent = (n: number) => `${n} %`;

describe('the library filters in words, for the export dialog', () => {
  it('says nothing for no filters, and leaves the dates to the export', () => {
    expect(filterWords({}, facets, t, percent)).toEqual([]);
    expect(filterWords({ from: '2026-03-01', to: '2026-03-31' }, facets, t, percent)).toEqual([]);
  });

  it('names agents, teams and tags, outcomes and the score range', () => {
    expect(
      filterWords(
        {
          text: 'refund',
          agentIds: [2, 1, 77],
          teamIds: [1],
          tagIds: [4, 9],
          outcomes: ['belowTarget'],
          scoreMax: 60,
          reviewed: true,
        },
        facets,
        t,
        percent,
      ),
    ).toEqual([
      'library.search.label: “refund”',
      'library.filter.agents: Jussi Koski, Anna Berg, #77',
      'library.filter.teams: Care',
      'library.filter.reviewed: library.filter.reviewedYes',
      'library.filter.score: library.filter.scoreRange(0 %, 60 %)',
      'library.filter.outcome: evaluation.result.belowTarget',
      'library.filter.tags: review.tags.builtin.rude, Upsell',
    ]);
  });
});
