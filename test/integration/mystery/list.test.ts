import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { MysteryListParams, MysteryShopSummary } from '../../../shared/api/methods/mystery';
import { call } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { refused } from '../evaluations/fixture';
import { mysteryChecklistId } from './fixture';
import { seedShops, W1, W2 } from './list-seed';

let backend: Backend;
let cleanup: () => Promise<void>;
let scenarioId: number;

beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  ({ scenarioId } = await seedShops(backend, await mysteryChecklistId(backend)));
});
afterAll(() => cleanup());

const list = async (params: MysteryListParams = {}) =>
  (await call<MysteryShopSummary[]>(backend, 'mystery.list', params)).map((shop) => shop.shopId);

describeEachEngine('mystery.list filters', () => {
  it('lists every shop oldest first without filters, as the command line and import expect', async () => {
    expect(await list()).toEqual(['L-001', 'L-002', 'L-003', 'L-005', 'L-004', 'L-006']);
  });

  it('filters by wave, team (any case), channel and status', async () => {
    expect(await list({ wave: W1 })).toEqual(['L-001', 'L-002']);
    expect(await list({ team: 'hamburg SHOP' })).toEqual(['L-003', 'L-004']);
    expect(await list({ channel: 'chat' })).toEqual(['L-002']);
    expect(await list({ status: 'queried' })).toEqual(['L-004']);
    expect(await list({ status: 'draft' })).toEqual(['L-005', 'L-006']);
  });

  it('filters by the library scenario', async () => {
    expect(await list({ scenarioId })).toEqual(['L-001', 'L-003']);
  });

  it('filters by local day, both ends inclusive, whatever the time of day', async () => {
    expect(await list({ from: '2025-03-20', to: '2025-06-10' })).toEqual(['L-002', 'L-003']);
    expect(await list({ to: '2025-03-19' })).toEqual(['L-001']);
    expect(await list({ from: '2025-06-30' })).toEqual(['L-004', 'L-006']);
  });

  it('filters by score range, both ends inclusive; a shop without a score is left out', async () => {
    expect(await list({ minPercent: 80 })).toEqual(['L-001', 'L-003', 'L-005', 'L-004']);
    expect(await list({ maxPercent: 80 })).toEqual(['L-002', 'L-003', 'L-005']);
    expect(await list({ minPercent: 80, maxPercent: 80 })).toEqual(['L-003', 'L-005']);
    expect(await list({ minPercent: 0 })).not.toContain('L-006');
  });

  it('searches shop id, team, who answered, scenario and notes, ignoring case', async () => {
    expect(await list({ search: 'l-004' })).toEqual(['L-004']);
    expect(await list({ search: 'HAMBURG' })).toEqual(['L-003', 'L-004']);
    expect(await list({ search: 'jonas' })).toEqual(['L-001']);
    expect(await list({ search: 'cancellation' })).toEqual(['L-001', 'L-003']);
    expect(await list({ search: 'price comp' })).toEqual(['L-002', 'L-004']);
    expect(await list({ search: 'hold music' })).toEqual(['L-002']);
  });

  it('takes % and _ in a search as themselves', async () => {
    expect(await list({ search: '100%' })).toEqual(['L-002']);
    expect(await list({ search: '_' })).toEqual([]);
  });

  it('combines filters', async () => {
    expect(await list({ wave: W2, channel: 'call' })).toEqual(['L-003', 'L-005']);
    expect(await list({ team: 'Berlin hotline', search: 'roaming', status: 'draft' })).toEqual([
      'L-005',
      'L-006',
    ]);
  });
});

describeEachEngine('mystery.list sort', () => {
  it('sorts by score either way, a shop without a score last', async () => {
    expect(await list({ sort: 'score', order: 'desc' })).toEqual([
      'L-001',
      'L-004',
      'L-003',
      'L-005',
      'L-002',
      'L-006',
    ]);
    expect(await list({ sort: 'score' })).toEqual(['L-002', 'L-003', 'L-005', 'L-004', 'L-001', 'L-006']);
  });

  it('sorts by shop id, date, who answered, channel, scenario and status', async () => {
    expect(await list({ sort: 'shopId', order: 'desc' })).toEqual([
      'L-006',
      'L-005',
      'L-004',
      'L-003',
      'L-002',
      'L-001',
    ]);
    expect(await list({ sort: 'occurredAt', order: 'desc' })).toEqual([
      'L-006',
      'L-004',
      'L-005',
      'L-003',
      'L-002',
      'L-001',
    ]);
    // Who answered stands in for the agent where none is linked.
    expect(await list({ sort: 'agent' })).toEqual(['L-004', 'L-002', 'L-005', 'L-006', 'L-001', 'L-003']);
    expect(await list({ sort: 'channel' })).toEqual(['L-001', 'L-003', 'L-005', 'L-002', 'L-006', 'L-004']);
    expect(await list({ sort: 'scenario' })).toEqual(['L-001', 'L-003', 'L-002', 'L-004', 'L-005', 'L-006']);
    expect(await list({ sort: 'team' })).toEqual(['L-001', 'L-002', 'L-005', 'L-006', 'L-003', 'L-004']);
    // In the order a shop goes through: draft, submitted, queried, confirmed.
    expect(await list({ sort: 'status' })).toEqual(['L-005', 'L-006', 'L-001', 'L-002', 'L-004', 'L-003']);
  });
});

describeEachEngine('mystery.list refuses bad filters with a clear message', () => {
  it.each([
    [{ from: '2025-06-10', to: '2025-03-01' }, /from must be on or before to/],
    [{ from: '14.03.2025' }, /YYYY-MM-DD/],
    [{ minPercent: 120 }, /minPercent must be from 0 to 100/],
    [{ minPercent: 90, maxPercent: 10 }, /minPercent must not be above maxPercent/],
    [{ sort: 'loudness' }, /sort/],
    [{ order: 'sideways' }, /order/],
  ])('%j', async (params, message) => {
    const error = await refused(backend, 'mystery.list', params);
    expect(error.code).toBe('invalid_params');
    expect(error.message).toMatch(message);
  });
});
