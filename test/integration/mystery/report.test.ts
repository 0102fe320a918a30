import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { MysteryReport, MysteryReportParams } from '../../../shared/api/methods/mystery';
import { call } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { refused } from '../evaluations/fixture';
import { mysteryChecklistId } from './fixture';
import { seedShops, W1, W2 } from './list-seed';

let backend: Backend;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  await seedShops(backend, await mysteryChecklistId(backend));
});
afterAll(() => cleanup());

const report = (params: MysteryReportParams) => call<MysteryReport>(backend, 'mystery.report', params);

describeEachEngine('mystery.report per team', () => {
  it('counts submitted, queried and confirmed shops, never drafts', async () => {
    const { groups, all } = await report({ by: 'team' });
    expect(all).toEqual({ shops: 4, meanPercent: 87, passed: 3 });
    // Berlin: L-001 100 and L-002 77.8 (the drafts L-005 and L-006 left out); Hamburg: 80 and 90.
    expect(groups).toEqual([
      { key: 'Berlin hotline', shops: 2, meanPercent: 88.9, passed: 1 },
      { key: 'Hamburg shop', shops: 2, meanPercent: 85, passed: 2 },
    ]);
  });

  it('shows the score trend by month, and by wave', async () => {
    expect((await report({ by: 'team' })).trend).toEqual([
      { period: '2025-03', shops: 2, meanPercent: 88.9, passed: 1 },
      { period: '2025-06', shops: 2, meanPercent: 85, passed: 2 },
    ]);
    expect((await report({ by: 'team', key: 'Hamburg shop', per: 'wave' })).trend).toEqual([
      { period: W2, shops: 2, meanPercent: 85, passed: 2 },
    ]);
  });

  it('gives each checklist item its pass rate: full points, n.a. left out', async () => {
    const { items } = await report({ by: 'team' });
    expect(items.map(({ itemId, answered, passed }) => [itemId, answered, passed])).toEqual([
      ['answered-quickly', 4, 4],
      ['greeting', 4, 3],
      ['need-asked', 4, 4],
      ['product-knowledge', 4, 3],
      ['provocative-question', 4, 2],
      ['options-offered', 3, 3],
      ['next-step', 4, 4],
      ['closing', 4, 4],
    ]);
    expect(items[1]!.title).toBe('Greeting and name');
  });

  it('shows how the provocative question was handled, period by period', async () => {
    const { provocative } = await report({ by: 'team' });
    expect(provocative?.title).toBe('Handled the provocative question');
    expect(provocative?.options.map((o) => [o.id, o.fail])).toEqual([
      ['calm-honest', false],
      ['evasive', false],
      ['irritated-or-dishonest', true],
    ]);
    expect(provocative?.periods).toEqual([
      { period: '2025-03', counts: { 'calm-honest': 1, evasive: 1 } },
      { period: '2025-06', counts: { 'calm-honest': 1, 'irritated-or-dishonest': 1 } },
    ]);
  });

  it('narrows to one team, keeping every team in the list to choose from', async () => {
    const hamburg = await report({ by: 'team', key: 'Hamburg shop' });
    expect(hamburg.groups).toHaveLength(2);
    expect(hamburg.items.find((i) => i.itemId === 'greeting')).toMatchObject({ answered: 2, passed: 1 });
    expect(hamburg.provocative?.periods).toEqual([
      { period: '2025-06', counts: { 'calm-honest': 1, 'irritated-or-dishonest': 1 } },
    ]);
  });

  it('names no agent and no one who answered', async () => {
    const text = JSON.stringify(await report({ by: 'team' }));
    expect(text).not.toMatch(/Jonas|Petra|glasses|woman/);
  });
});

describeEachEngine('mystery.report per scenario', () => {
  it('groups by the library scenario or the text written for the shop', async () => {
    expect((await report({ by: 'scenario' })).groups).toEqual([
      { key: 'Early cancellation', shops: 2, meanPercent: 90, passed: 2 },
      { key: 'Price comparison', shops: 2, meanPercent: 83.9, passed: 1 },
    ]);
    const price = await report({ by: 'scenario', key: 'Price comparison' });
    expect(price.trend.map((t) => [t.period, t.meanPercent])).toEqual([
      ['2025-03', 77.8],
      ['2025-06', 90],
    ]);
  });

  it('takes a date range and a wave', async () => {
    expect((await report({ by: 'scenario', from: '2025-06-01', to: '2025-06-30' })).trend).toEqual([
      { period: '2025-06', shops: 2, meanPercent: 85, passed: 2 },
    ]);
    const w1 = await report({ by: 'scenario', wave: W1 });
    expect(w1.groups.map((g) => g.key)).toEqual(['Early cancellation', 'Price comparison']);
    expect(w1.trend).toEqual([{ period: '2025-03', shops: 2, meanPercent: 88.9, passed: 1 }]);
  });

  it('has nothing to show for a period without shops', async () => {
    const empty = await report({ by: 'team', from: '2024-01-01', to: '2024-12-31' });
    expect(empty).toEqual({
      by: 'team',
      per: 'month',
      all: { shops: 0, meanPercent: null, passed: 0 },
      groups: [],
      trend: [],
      items: [],
      provocative: null,
    });
  });

  it('refuses a grouping it does not know and a reversed date range', async () => {
    expect((await refused(backend, 'mystery.report', { by: 'agent' })).message).toMatch(/by/);
    expect(
      (await refused(backend, 'mystery.report', { by: 'team', from: '2025-06-01', to: '2025-01-01' }))
        .message,
    ).toMatch(/from must be on or before to/);
  });
});
