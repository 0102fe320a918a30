import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { LibraryItem } from '../../../shared/api';
import type { AgentListEntry, AgentOverview } from '../../../shared/api/methods/agents';
import type { CoachingSession } from '../../../shared/api/methods/coaching';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import { call, callAs } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { ANNA_CALL, buildWorld, submitEvaluation, type World } from '../coaching/fixture';
import { createProfile } from '../evaluations/fixture';
import { checklistAnswers, mysteryChecklistId, recordingOf, shopFields, submitShop } from './fixture';

/**
 * A mystery shop never counts as QA (issue 12, point 4): with its recording linked as evidence, in every
 * status a result can have, it changes no library score, no agent QA figure, no evaluation list and no
 * coaching proposal, also when it is brought into a coaching session.
 */

let backend: Backend;
let cleanup: () => Promise<void>;
let world: World;
let shopper: ReviewerProfile;

beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  world = await buildWorld(backend);
  shopper = await createProfile(backend, 'Sanna Koski', 'mystery_shopper');
});
afterAll(() => cleanup());

describeEachEngine('a mystery shop never counts as QA', () => {
  it('leaves library scores, QA averages, evaluation lists and focus proposals as they were', async () => {
    const anna = world.agents['Anna Berg']!;
    const annaCall = world.interactions[ANNA_CALL]!;
    const evaluationId = await submitEvaluation(world, annaCall.id, {
      greeting: false,
      polite: true,
      knowledge: 1,
    });
    const lena = world.lena.id;
    const snapshot = async () => ({
      overview: await call<AgentOverview>(backend, 'agent.overview', { agentId: anna.id }),
      agents: await call<AgentListEntry[]>(backend, 'agent.list', {}),
      library: await call<{ items: LibraryItem[] }>(backend, 'library.list', { limit: 100 }),
      evaluations: await call(backend, 'evaluation.list', { limit: 500 }),
      annaEvaluations: await call(backend, 'evaluation.list', { agentId: anna.id, limit: 500 }),
      byInteraction: await call(backend, 'evaluation.list', { interactionId: annaCall.id }),
    });
    const proposals = async () => {
      const session = await callAs<CoachingSession>(backend, lena, 'coaching.create', {
        agentId: anna.id,
        heldOn: '2025-04-01',
        evaluationIds: [evaluationId],
      });
      return { focusItems: session.focusItems, moments: session.moments.map((m) => m.id) };
    };
    // Proposals first, then the snapshot: the same number of sessions is in both snapshots.
    const beforeProposals = await proposals();
    const before = { ...(await snapshot()), proposals: beforeProposals };
    expect(before.overview.trend).toHaveLength(1);
    expect(before.proposals.focusItems.length).toBeGreaterThan(0);

    const recordingId = await recordingOf(backend, annaCall.id);
    const checklist = await mysteryChecklistId(backend);
    // One below target, a pass, a queried and a confirmed result, all on Anna, her call as evidence.
    const failed = await submitShop(
      backend,
      shopFields(checklist, {
        shopId: 'NQ-1',
        agentId: anna.id,
        recordingId,
        answers: checklistAnswers({ provocative: 'irritated-or-dishonest', knowledge: 0 }),
      }),
    );
    const passed = await submitShop(
      backend,
      shopFields(checklist, { shopId: 'NQ-2', agentId: anna.id, recordingId }),
    );
    const queried = await submitShop(
      backend,
      shopFields(checklist, {
        shopId: 'NQ-3',
        agentId: anna.id,
        recordingId,
        answers: checklistAnswers({ greeting: false }),
      }),
    );
    await callAs(backend, lena, 'mystery.query', { id: queried.id, reason: 'Was that really Anna?' });
    await callAs(backend, shopper.id, 'mystery.confirm', { id: passed.id });
    await call(backend, 'mystery.saveDraft', {
      fields: shopFields(checklist, { shopId: 'NQ-4', agentId: anna.id, recordingId }),
    });

    const after = { ...(await snapshot()), proposals: await proposals() };
    expect(after).toEqual(before);

    // Brought into a session, the shops are listed with their own score and still propose nothing.
    const withShops = await callAs<CoachingSession>(backend, lena, 'coaching.create', {
      agentId: anna.id,
      heldOn: '2025-04-02',
      mysteryShopIds: [failed.id, passed.id],
    });
    expect(withShops.focusItems).toEqual([]);
    expect(withShops.moments).toEqual([]);
    expect(withShops.evaluations).toEqual([]);
    expect(withShops.mysteryShops.map((s) => [s.shopId, s.result])).toEqual([
      ['NQ-1', 'belowTarget'],
      ['NQ-2', 'pass'],
    ]);
    expect(await call<AgentOverview>(backend, 'agent.overview', { agentId: anna.id })).toEqual(
      before.overview,
    );
  });
});
