import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { LibraryItem } from '../../../shared/api';
import type { AgentListEntry, AgentOverview } from '../../../shared/api/methods/agents';
import type {
  MysteryScenario,
  MysteryShopDetail,
  MysteryShopSummary,
} from '../../../shared/api/methods/mystery';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import { call, callAs } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { ANNA_CALL, buildWorld, submitEvaluation, type World } from '../coaching/fixture';
import { createProfile, refused } from '../evaluations/fixture';
import { checklistAnswers, mysteryChecklistId, recordingOf, shopFields, submitShop } from './fixture';

let backend: Backend;
let cleanup: () => Promise<void>;
let world: World;
let checklist: number;
/** The entry person, current while the tests run; Lena (a team lead) queries. */
let sanna: ReviewerProfile;

beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  world = await buildWorld(backend);
  sanna = await createProfile(backend, 'Sanna Koski', 'mystery_shopper');
  checklist = await mysteryChecklistId(backend);
});
afterAll(() => cleanup());

const get = (id: number) => call<MysteryShopDetail>(backend, 'mystery.get', { id });

describeEachEngine('scoring a shop with the checklist', () => {
  it('counts points earned over points possible, n.a. removed', async () => {
    // 3 yes + knowledge 1 + evasive 1 + options n.a. + 2 yes = 7 of 9 (options' 1 point removed).
    const shop = await submitShop(
      backend,
      shopFields(checklist, {
        shopId: 'S-score-1',
        answers: checklistAnswers({ knowledge: 1, provocative: 'evasive', options: 'na' }),
      }),
    );
    expect(shop.status).toBe('submitted');
    expect(shop.percent).toBe(77.8);
    // Under the checklist's pass mark of 80 %: below target, in the detail and in the list alike.
    expect(shop.result).toBe('belowTarget');
    expect(shop.score).toMatchObject({ result: 'belowTarget', passMark: 80 });
    const listed = await call<MysteryShopSummary[]>(backend, 'mystery.list', {});
    expect(listed.find((s) => s.shopId === 'S-score-1')?.result).toBe('belowTarget');
    expect(shop.score.sections.map((s) => s.percent)).toEqual([71.4, 100]);
  });

  it('scores every answer best as 100 and keeps the draft score running', async () => {
    const draft = await call<MysteryShopDetail>(backend, 'mystery.saveDraft', {
      fields: shopFields(checklist, { shopId: 'S-score-2', answers: checklistAnswers().slice(0, 2) }),
    });
    expect(draft).toMatchObject({ status: 'draft', percent: 100, result: 'incomplete', complete: false });
    const error = await refused(backend, 'mystery.submit', { id: draft.id });
    expect(error.message).toMatch(/S-score-2.*not complete.*unanswered: need-asked/);
    await call(backend, 'mystery.saveDraft', {
      id: draft.id,
      fields: shopFields(checklist, { shopId: 'S-score-2', answers: checklistAnswers({ greeting: false }) }),
    });
    const submitted = await call<MysteryShopDetail>(backend, 'mystery.submit', { id: draft.id });
    expect(submitted).toMatchObject({ percent: 90, result: 'pass', complete: true });
  });

  it('refuses a QA evaluation rubric as the checklist', async () => {
    const error = await refused(backend, 'mystery.saveDraft', {
      fields: shopFields(world.rubricId, { shopId: 'S-wrong-rubric' }),
    });
    expect(error.message).toMatch(/not a mystery-shop checklist/);
  });

  it('refuses a second shop with the same agency shop id', async () => {
    await submitShop(backend, shopFields(checklist, { shopId: 'S-twice' }));
    const error = await refused(backend, 'mystery.saveDraft', {
      fields: shopFields(checklist, { shopId: 'S-twice' }),
    });
    expect(error).toMatchObject({ code: 'conflict' });
    expect(error.message).toMatch(/already a shop "S-twice"/);
  });
});

describeEachEngine('queries and corrections', () => {
  it('needs a reason to query, and keeps every step in the audit trail', async () => {
    const shop = await submitShop(backend, shopFields(checklist, { shopId: 'S-query-1' }));
    expect((await refused(backend, 'mystery.query', { id: shop.id, reason: ' ' })).message).toMatch(/reason/);
    const queried = await callAs<MysteryShopDetail>(backend, world.lena.id, 'mystery.query', {
      id: shop.id,
      reason: 'The agent was on a break; this was a colleague.',
    });
    expect(queried.status).toBe('queried');
    const { rubricId: _kept, ...fields } = shopFields(checklist, {
      shopId: 'S-query-1',
      answeredBy: 'Jonas (colleague)',
    });
    const corrected = await call<MysteryShopDetail>(backend, 'mystery.correct', {
      id: shop.id,
      reason: 'Answered by a colleague',
      fields,
    });
    expect(corrected.status).toBe('confirmed');
    expect(corrected.answeredBy).toBe('Jonas (colleague)');
    const trail = (await get(shop.id)).audit;
    expect(trail.map((a) => a.action)).toEqual(['created', 'submitted', 'queried', 'corrected']);
    expect(trail[2]!.reason).toMatch(/on a break/);
    expect(trail[3]!.changes).toEqual([
      { field: 'answeredBy', before: 'a woman, did not give her name', after: 'Jonas (colleague)' },
    ]);
    expect(trail[1]!.profileId).toBe(sanna.id);
    expect(trail[2]!.profileId).toBe(world.lena.id);
  });

  it('confirms a queried result as it stands, and refuses to save a submitted one as a draft', async () => {
    const shop = await submitShop(backend, shopFields(checklist, { shopId: 'S-query-2' }));
    await callAs(backend, world.lena.id, 'mystery.query', { id: shop.id, reason: 'Was this really Berlin?' });
    const confirmed = await call<MysteryShopDetail>(backend, 'mystery.confirm', { id: shop.id });
    expect(confirmed.status).toBe('confirmed');
    expect(confirmed.percent).toBe(100);
    const error = await refused(backend, 'mystery.saveDraft', { id: shop.id, fields: shopFields(checklist) });
    expect(error.message).toMatch(/confirmed; only a draft shop can be saved/);
    expect((await refused(backend, 'mystery.confirm', { id: shop.id })).code).toBe('conflict');
  });
});

describeEachEngine('the scenario library', () => {
  it('keeps reusable scenarios, and a shop shows its scenario by title', async () => {
    const scenario = await call<MysteryScenario>(backend, 'scenario.save', {
      title: 'Early cancellation',
      script: 'Caller wants to leave the contract after 3 months.',
      provocativeQuestion: 'Why should I pay a fee for a service that does not work?',
      goodAnswer: 'Explains the fee calmly and offers the goodwill option.',
    });
    expect(await call(backend, 'scenario.list')).toEqual([scenario]);
    const dupe = await refused(backend, 'scenario.save', { title: 'early CANCELLATION' });
    expect(dupe.message).toMatch(/already a scenario/);
    const shop = await submitShop(
      backend,
      shopFields(checklist, { shopId: 'S-scenario', scenarioId: scenario.id, scenarioText: '' }),
    );
    expect(shop.scenario).toBe('Early cancellation');
    const listed = await call<MysteryShopSummary[]>(backend, 'mystery.list', { status: 'submitted' });
    expect(listed.find((s) => s.shopId === 'S-scenario')!.scenarioId).toBe(scenario.id);
  });
});

describeEachEngine('kept apart from QA', () => {
  it('leaves the agent overview, the agent list and the library score unchanged', async () => {
    const anna = world.agents['Anna Berg']!;
    const annaCall = world.interactions[ANNA_CALL]!;
    await submitEvaluation(world, annaCall.id, { greeting: true, polite: true, knowledge: 1 });
    const before = {
      overview: await call<AgentOverview>(backend, 'agent.overview', { agentId: anna.id }),
      agents: await call<AgentListEntry[]>(backend, 'agent.list', {}),
      library: await call<{ items: LibraryItem[] }>(backend, 'library.list', { limit: 100 }),
    };
    const recordingId = await recordingOf(backend, annaCall.id);
    // Shops on Anna, with her call as evidence: one failing the provocative question, one at 0 points.
    await submitShop(
      backend,
      shopFields(checklist, {
        shopId: 'S-anna-1',
        agentId: anna.id,
        recordingId,
        answers: checklistAnswers({ provocative: 'irritated-or-dishonest', knowledge: 0 }),
      }),
    );
    await submitShop(
      backend,
      shopFields(checklist, {
        shopId: 'S-anna-2',
        agentId: anna.id,
        answers: checklistAnswers({ greeting: false }),
      }),
    );
    const after = {
      overview: await call<AgentOverview>(backend, 'agent.overview', { agentId: anna.id }),
      agents: await call<AgentListEntry[]>(backend, 'agent.list', {}),
      library: await call<{ items: LibraryItem[] }>(backend, 'library.list', { limit: 100 }),
    };
    expect(after).toEqual(before);
    expect(before.overview.trend).toHaveLength(1);
    const shops = await call<MysteryShopSummary[]>(backend, 'mystery.list', {});
    expect(shops.filter((s) => s.agentName === 'Anna Berg').map((s) => s.evidence.recordingId)).toEqual([
      recordingId,
      null,
    ]);
  });
});
