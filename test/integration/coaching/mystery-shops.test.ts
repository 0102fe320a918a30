import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { CoachingSession } from '../../../shared/api/methods/coaching';
import type { MysteryShopDetail } from '../../../shared/api/methods/mystery';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { call, callAs } from '../../support/backend';
import { createProfile, refusedAs } from '../evaluations/fixture';
import { checklistAnswers, mysteryChecklistId, shopFields, submitShop } from '../mystery/fixture';
import { buildWorld, type World } from './fixture';

/** A team lead brings the agent's mystery shops into a one-to-one: listed with their own score and scenario. */

let backend: Backend;
let cleanup: () => Promise<void>;
let world: World;
let shops: Record<string, MysteryShopDetail>;

// Each test on a fresh backend: one of them corrects a shop the others read as submitted.
beforeEach(async () => {
  ({ backend, cleanup } = await engineBackend());
  world = await buildWorld(backend);
  await createProfile(backend, 'Sanna Koski', 'mystery_shopper');
  const checklist = await mysteryChecklistId(backend);
  const anna = world.agents['Anna Berg']!.id;
  const jonas = world.agents['Jonas Keller']!.id;
  shops = {
    good: await submitShop(backend, shopFields(checklist, { shopId: 'C-1', agentId: anna })),
    weak: await submitShop(
      backend,
      shopFields(checklist, {
        shopId: 'C-2',
        agentId: anna,
        scenarioText: 'Asks why the router fee exists',
        answers: checklistAnswers({ knowledge: 0, provocative: 'evasive' }),
      }),
    ),
    jonas: await submitShop(backend, shopFields(checklist, { shopId: 'C-3', agentId: jonas })),
    draft: await call<MysteryShopDetail>(backend, 'mystery.saveDraft', {
      fields: shopFields(checklist, { shopId: 'C-4', agentId: anna }),
    }),
  };
});
afterEach(() => cleanup());

const anna = () => world.agents['Anna Berg']!.id;

describeEachEngine('mystery shops in a coaching session', () => {
  it('links the agent’s shops in the coach’s order, with score, result and scenario', async () => {
    const session = await callAs<CoachingSession>(backend, world.lena.id, 'coaching.create', {
      agentId: anna(),
      heldOn: '2025-04-01',
      mysteryShopIds: [shops.weak!.id, shops.good!.id],
    });
    expect(session.mysteryShops).toEqual([
      {
        id: shops.weak!.id,
        shopId: 'C-2',
        occurredAt: '2025-03-14T10:30',
        scenario: 'Asks why the router fee exists',
        status: 'submitted',
        percent: 70,
        result: 'belowTarget',
      },
      expect.objectContaining({ shopId: 'C-1', percent: 100, result: 'pass' }),
    ]);
    // Every profile reads the session as the coach does.
    const read = await callAs<CoachingSession>(backend, world.maria.id, 'coaching.get', { id: session.id });
    expect(read.mysteryShops).toEqual(session.mysteryShops);

    const changed = await callAs<CoachingSession>(backend, world.lena.id, 'coaching.update', {
      id: session.id,
      version: session.version,
      mysteryShopIds: [shops.good!.id],
    });
    expect(changed.mysteryShops.map((s) => s.shopId)).toEqual(['C-1']);
    // Other changes leave the links alone.
    const talked = await callAs<CoachingSession>(backend, world.lena.id, 'coaching.update', {
      id: session.id,
      version: changed.version,
      talkingPoints: 'Start with what went well.',
    });
    expect(talked.mysteryShops.map((s) => s.shopId)).toEqual(['C-1']);
  });

  it('refuses another agent’s shop, a draft, a missing shop and a second coach, changing nothing', async () => {
    const session = await callAs<CoachingSession>(backend, world.lena.id, 'coaching.create', {
      agentId: anna(),
      heldOn: '2025-04-02',
      mysteryShopIds: [shops.good!.id],
    });
    const tries: [number, unknown, string, RegExp][] = [
      [
        world.lena.id,
        [shops.jonas!.id],
        'invalid_params',
        /mysteryShopIds: mystery shop "C-3" is not linked to Anna Berg/,
      ],
      [world.lena.id, [shops.draft!.id], 'conflict', /"C-4" is a draft; submit it/],
      [world.lena.id, [9999], 'not_found', /no mystery shop with id 9999/],
      [world.lena.id, [shops.good!.id, shops.good!.id], 'invalid_params', /listed twice/],
      [world.pekka.id, [shops.weak!.id], 'not_allowed', /Only the session's coach/],
    ];
    for (const [who, ids, code, message] of tries) {
      const error = await refusedAs(backend, who, 'coaching.update', {
        id: session.id,
        version: session.version,
        mysteryShopIds: ids,
      });
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    }
    const error = await refusedAs(backend, world.lena.id, 'coaching.create', {
      agentId: anna(),
      heldOn: '2025-04-03',
      mysteryShopIds: [shops.jonas!.id],
    });
    expect(error.code).toBe('invalid_params');
    const read = await call<CoachingSession>(backend, 'coaching.get', { id: session.id });
    expect(read.mysteryShops.map((s) => s.shopId)).toEqual(['C-1']);
  });

  it('shows a corrected result as it now stands', async () => {
    const session = await callAs<CoachingSession>(backend, world.lena.id, 'coaching.create', {
      agentId: anna(),
      heldOn: '2025-04-04',
      mysteryShopIds: [shops.weak!.id],
    });
    const { rubricId: _kept, ...fields } = shopFields(shops.weak!.rubricId, {
      shopId: 'C-2',
      agentId: anna(),
      scenarioText: 'Asks why the router fee exists',
    });
    await call(backend, 'mystery.correct', {
      id: shops.weak!.id,
      fields,
      reason: 'Checked the recording again',
    });
    const read = await call<CoachingSession>(backend, 'coaching.get', { id: session.id });
    expect(read.mysteryShops[0]).toMatchObject({ status: 'confirmed', percent: 100, result: 'pass' });
  });
});
