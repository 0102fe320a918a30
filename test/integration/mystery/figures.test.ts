import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { AgentMysteryShops, TeamMysteryFigures } from '../../../shared/api/methods/mystery-figures';
import { call, callAs } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { buildTeam, type Team } from '../coaching/fixture';
import { createProfile, refused } from '../evaluations/fixture';
import { checklistAnswers, mysteryChecklistId, shopFields, submitShop } from './fixture';

/** A shop's own score on the agent's page and per team: settled results only, drafts left out. */

let backend: Backend;
let cleanup: () => Promise<void>;
let world: Team;
let checklist: number;

beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  world = await buildTeam(backend);
  await createProfile(backend, 'Sanna Koski', 'mystery_shopper');
  checklist = await mysteryChecklistId(backend);
});
afterAll(() => cleanup());

describeEachEngine('mystery figures', () => {
  it('counts an agent’s submitted, queried and confirmed shops, newest first, without drafts', async () => {
    const anna = world.agents['Anna Berg']!;
    const jonas = world.agents['Jonas Keller']!;
    const empty = await call<AgentMysteryShops>(backend, 'mystery.agentShops', { agentId: anna.id });
    expect(empty).toEqual({
      agentId: anna.id,
      figures: { count: 0, averagePercent: null, pass: 0, belowTarget: 0, criticalFail: 0 },
      shops: [],
    });
    // 100 %, 90 % (one no), 77.8 % (below the 80 % pass mark), a draft, and Jonas's shop.
    await submitShop(
      backend,
      shopFields(checklist, { shopId: 'F-1', agentId: anna.id, occurredAt: '2025-03-01T09:00' }),
    );
    const second = await submitShop(
      backend,
      shopFields(checklist, {
        shopId: 'F-2',
        agentId: anna.id,
        occurredAt: '2025-03-03T09:00',
        answers: checklistAnswers({ greeting: false }),
      }),
    );
    await submitShop(
      backend,
      shopFields(checklist, {
        shopId: 'F-3',
        agentId: anna.id,
        occurredAt: '2025-03-02T09:00',
        team: 'Hamburg',
        answers: checklistAnswers({ knowledge: 1, provocative: 'evasive', options: 'na' }),
      }),
    );
    await callAs(backend, world.lena.id, 'mystery.query', { id: second.id, reason: 'Which line was this?' });
    await call(backend, 'mystery.saveDraft', {
      fields: shopFields(checklist, { shopId: 'F-draft', agentId: anna.id }),
    });
    await submitShop(backend, shopFields(checklist, { shopId: 'F-jonas', agentId: jonas.id }));

    const shops = await call<AgentMysteryShops>(backend, 'mystery.agentShops', { agentId: anna.id });
    expect(shops.figures).toEqual({
      count: 3,
      averagePercent: 89.3,
      pass: 2,
      belowTarget: 1,
      criticalFail: 0,
    });
    expect(shops.shops.map((s) => [s.shopId, s.status, s.percent])).toEqual([
      ['F-2', 'queried', 90],
      ['F-3', 'submitted', 77.8],
      ['F-1', 'submitted', 100],
    ]);

    const teams = await call<TeamMysteryFigures[]>(backend, 'mystery.teamFigures');
    expect(teams.map((t) => [t.team, t.count, t.averagePercent, t.pass, t.belowTarget, t.latestAt])).toEqual([
      ['Berlin hotline', 3, 96.7, 3, 0, '2025-03-14T10:30'],
      ['Hamburg', 1, 77.8, 0, 1, '2025-03-02T09:00'],
    ]);
  });

  it('names an agent that does not exist', async () => {
    const error = await refused(backend, 'mystery.agentShops', { agentId: 9999 });
    expect(error).toMatchObject({ code: 'not_found' });
    expect(error.message).toMatch(/agentId/);
  });
});
