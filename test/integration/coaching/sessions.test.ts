import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { CoachingSession, CoachingSummary } from '../../../shared/api/methods/coaching';
import type { Moment, Tag } from '../../../shared/api/methods/review';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { call } from '../../support/backend';
import { refused } from '../evaluations/fixture';
import {
  actAs,
  ANNA_CALL,
  ANNA_CHAT,
  buildWorld,
  JONAS_CALL,
  pinMoment,
  submitEvaluation,
  type World,
} from './fixture';

/**
 * Anna Berg's call was evaluated twice (E2: greeting missed, knowledge 1 of 2; E3: greeting missed,
 * rude (critical), knowledge 0), her chat once (E1: knowledge 1 of 2) and once more as a draft that was
 * never submitted. Jonas Keller's call once. Lena Fischer and Pekka Niemi coach.
 */

let backend: Backend;
let cleanup: () => Promise<void>;
let world: World;
const ev: Record<string, number> = {};
const m: Record<string, Moment> = {};
const anna = () => world.agents['Anna Berg']!;
const jonas = () => world.agents['Jonas Keller']!;

const create = (params: Record<string, unknown>) => call<CoachingSession>(backend, 'coaching.create', params);
const list = (query: Record<string, unknown> = {}) =>
  call<CoachingSummary[]>(backend, 'coaching.list', query);
const get = (id: number) => call<CoachingSession>(backend, 'coaching.get', { id });

// One backend per file with the demo, Anna's and Jonas's moments and evaluations below, only read by the
// tests; loading the demo for every test made this the slowest file of the suite.
beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  world = await buildWorld(backend);
  const annaCall = world.interactions[ANNA_CALL]!.id;
  const annaChat = world.interactions[ANNA_CHAT]!.id;
  const billingTag = await call<Tag>(backend, 'tag.create', { name: 'Billing' });
  m.wow = await pinMoment(world, annaCall, { startMs: 1000 }, ['exemplary']);
  m.linked = await pinMoment(world, annaCall, { startMs: 3000 }, [], 'No name given');
  m.rude = await pinMoment(world, annaCall, { startMs: 5000 }, ['rude']);
  m.own = await call<Moment>(backend, 'moment.create', {
    interactionId: annaCall,
    startMs: 7000,
    tagIds: [billingTag.id],
  });
  m.turn = await pinMoment(world, annaCall, { turnSeq: 2 }, ['interruption']);
  m.chatWow = await pinMoment(world, annaChat, { turnSeq: 0 }, ['exemplary']);
  m.jonas = await pinMoment(world, world.interactions[JONAS_CALL]!.id, { startMs: 1000 }, ['rude']);

  ev.e1 = await submitEvaluation(world, annaChat, { greeting: true, polite: true, knowledge: 1 });
  ev.e2 = await submitEvaluation(world, annaCall, {
    greeting: false,
    polite: true,
    knowledge: 1,
    greetingMomentIds: [m.linked.id],
  });
  ev.e3 = await submitEvaluation(
    world,
    annaCall,
    { greeting: false, polite: false, knowledge: 0 },
    { reviewerId: world.pekka.id },
  );
  ev.draft = await submitEvaluation(
    world,
    annaChat,
    { greeting: true, polite: true, knowledge: 2 },
    { submit: false },
  );
  ev.jonas = await submitEvaluation(world, world.interactions[JONAS_CALL]!.id, {
    greeting: true,
    polite: true,
    knowledge: 2,
  });
});
afterAll(() => cleanup());

// Each test makes its own sessions and sees only those: the lists below are of every session, and
// sessions are never deleted through the API (a coach keeps them), so they go here, links and all
// (ON DELETE CASCADE). Lena acts again even when a test that acted as Pekka failed half-way.
beforeEach(async () => {
  await backend.database.query.deleteFrom('coaching_sessions').execute();
  await actAs(world, world.lena);
});

/** Lena's session with Anna on 9 November, planned from e2 and e3 with what it proposes. */
const plannedFromTwo = () =>
  create({ agentId: anna().id, heldOn: '2026-11-09', evaluationIds: [ev.e2, ev.e3] });

/** Pekka's sessions: with Anna on 12 November (his own focus and moments), Jonas on 10 and 1 November. */
async function pekkasSessions() {
  await actAs(world, world.pekka);
  const chosen = await create({
    agentId: anna().id,
    heldOn: '2026-11-12',
    evaluationIds: [ev.e3],
    focusItems: [{ itemId: 'empathy', title: 'Empathy', sectionTitle: null }],
    momentIds: [m.rude!.id, m.chatWow!.id],
  });
  const bare = await create({
    agentId: jonas().id,
    heldOn: '2026-11-10',
    evaluationIds: [ev.jonas],
    focusItems: [],
    momentIds: [],
  });
  const empty = await create({ agentId: jonas().id, heldOn: '2026-11-01' });
  await actAs(world, world.lena);
  return { chosen, bare, empty };
}

describeEachEngine('planning a session from evaluations', () => {
  let session: CoachingSession;

  it('makes the acting profile the coach and links the evaluations', async () => {
    session = await plannedFromTwo();
    expect(session).toMatchObject({
      agent: { id: anna().id, name: 'Anna Berg', teamName: 'Customer Care' },
      coach: { id: world.lena.id, name: 'Lena Fischer', role: 'team_lead' },
      heldOn: '2026-11-09',
      state: 'planned',
      followUpOn: null,
      talkingPoints: '',
      outcome: '',
      actions: [],
      closedAt: null,
      editable: true,
    });
    expect(session.evaluations).toEqual([
      expect.objectContaining({
        id: ev.e2,
        interactionTitle: ANNA_CALL,
        rubricName: 'Billing calls',
        percent: 50,
        result: 'belowTarget',
      }),
      expect.objectContaining({ id: ev.e3, percent: 0, result: 'criticalFail' }),
    ]);
    expect(session.evaluations[0]!.submittedAt).not.toBeNull();
  });

  it('proposes as focus the items that lost most points (knowledge 3, greeting 2, polite 1)', async () => {
    session = await plannedFromTwo();
    expect(session.focusItems).toEqual([
      { itemId: 'knowledge', title: 'Product knowledge', sectionTitle: 'Competence' },
      { itemId: 'greeting', title: 'Greeting', sectionTitle: 'Courtesy' },
      { itemId: 'polite', title: 'Polite tone', sectionTitle: 'Courtesy' },
    ]);
    expect(session.focusTitles).toEqual(['Product knowledge', 'Greeting', 'Polite tone']);
  });

  it('links the moments the answers point to and those with a built-in tag, in call order', async () => {
    session = await plannedFromTwo();
    // Not the one with only a reviewer's own tag, nor the chat's (not evaluated here), nor Jonas's.
    expect(session.moments.map((x) => x.id)).toEqual([m.wow!.id, m.linked!.id, m.rude!.id, m.turn!.id]);
    const recording = world.interactions[ANNA_CALL]!.recording!;
    expect(session.moments[0]).toEqual({
      id: m.wow!.id,
      interactionId: world.interactions[ANNA_CALL]!.id,
      interactionTitle: ANNA_CALL,
      interactionKind: 'call',
      recordingId: recording.id,
      startMs: 1000,
      endMs: null,
      turnSeq: null,
      turnText: null,
      comment: '',
      tagIds: [world.tags.exemplary],
    });
    expect(session.moments[3]).toMatchObject({
      turnSeq: 2,
      turnText: world.interactions[ANNA_CALL]!.segments[2]!.text,
    });
  });

  it('follows the order of the evaluations given, and leaves out items that lost nothing', async () => {
    const other = await create({ agentId: anna().id, heldOn: '2026-11-16', evaluationIds: [ev.e1, ev.e2] });
    expect(other.focusItems.map((f) => f.itemId)).toEqual(['knowledge', 'greeting']);
    expect(other.moments.map((x) => x.id)).toEqual([
      m.chatWow!.id,
      m.wow!.id,
      m.linked!.id,
      m.rude!.id,
      m.turn!.id,
    ]);
    expect(other.moments[0]).toMatchObject({
      interactionKind: 'chat',
      recordingId: null,
      turnText: world.interactions[ANNA_CHAT]!.segments[0]!.text,
    });
  });

  it('keeps the focus items and moments the coach chose, also none', async () => {
    const { chosen, bare, empty } = await pekkasSessions();
    expect(chosen.focusItems).toEqual([{ itemId: 'empathy', title: 'Empathy', sectionTitle: null }]);
    expect(chosen.moments.map((x) => x.id)).toEqual([m.rude!.id, m.chatWow!.id]);
    expect(bare).toMatchObject({ focusItems: [], moments: [], focusTitles: [] });
    expect(bare.evaluations.map((e) => e.id)).toEqual([ev.jonas]);
    expect(empty).toMatchObject({ focusItems: [], moments: [], evaluations: [] });
  });
});

describeEachEngine('refusals, with nothing written', () => {
  const refuses = async (params: Record<string, unknown>, code: string, ...words: string[]) => {
    const before = (await list()).length;
    const error = await refused(backend, 'coaching.create', {
      agentId: anna().id,
      heldOn: '2026-11-20',
      ...params,
    });
    expect(error.code).toBe(code);
    for (const word of words) expect(error.message).toContain(word);
    expect((await list()).length).toBe(before);
  };

  it('an unknown agent, evaluation or moment', async () => {
    await refuses({ agentId: 999 }, 'not_found', 'agentId', '999');
    await refuses({ evaluationIds: [ev.e2, 9999] }, 'not_found', 'evaluationIds', '9999');
    await refuses({ momentIds: [9999] }, 'not_found', 'momentIds', '9999');
  });

  it("another agent's evaluation or moment", async () => {
    await refuses(
      { evaluationIds: [ev.e2, ev.jonas] },
      'invalid_params',
      'evaluationIds',
      `evaluation ${ev.jonas}`,
      'Anna Berg',
    );
    await refuses({ momentIds: [m.jonas!.id] }, 'invalid_params', 'momentIds', `moment ${m.jonas!.id}`);
  });

  it('a draft that was never submitted (it could be discarded under the session)', async () => {
    await refuses({ evaluationIds: [ev.draft] }, 'conflict', `evaluation ${ev.draft}`, 'submit');
  });

  it('malformed payloads, naming the field', async () => {
    await refuses({ heldOn: '2026-02-30' }, 'invalid_params', 'heldOn');
    await refuses({ heldOn: '9.11.2026' }, 'invalid_params', 'heldOn');
    await refuses({ evaluationIds: [ev.e2, ev.e2] }, 'invalid_params', 'evaluationIds');
    await refuses(
      { focusItems: [{ itemId: 'greeting', title: '  ', sectionTitle: null }] },
      'invalid_params',
      'focusItems',
    );
    await refuses(
      {
        focusItems: [
          { itemId: 'greeting', title: 'Greeting', sectionTitle: 'Courtesy' },
          { itemId: 'greeting', title: 'Greeting again', sectionTitle: 'Courtesy' },
        ],
      },
      'invalid_params',
      'focusItems[1]',
    );
    await refuses({ focusItems: [{ itemId: 'x', title: 'X' }] }, 'invalid_params', 'sectionTitle');
    await refuses({ coachId: world.pekka.id }, 'invalid_params', 'coachId');
    await refuses({ momentIds: Array.from({ length: 101 }, (_, i) => i + 1) }, 'invalid_params', 'momentIds');
  });
});

describeEachEngine('the sessions list', () => {
  it('shows every session newest first, for an agent, a coach and a state', async () => {
    await plannedFromTwo();
    await pekkasSessions();
    await create({ agentId: anna().id, heldOn: '2026-11-16', evaluationIds: [ev.e1, ev.e2] });
    const all = await list();
    expect(all.map((s) => s.heldOn)).toEqual([
      '2026-11-16',
      '2026-11-12',
      '2026-11-10',
      '2026-11-09',
      '2026-11-01',
    ]);
    const ofAnna = await list({ agentId: anna().id });
    expect(ofAnna.map((s) => s.heldOn)).toEqual(['2026-11-16', '2026-11-12', '2026-11-09']);
    expect((await list({ coachId: world.pekka.id })).map((s) => s.heldOn)).toEqual([
      '2026-11-12',
      '2026-11-10',
      '2026-11-01',
    ]);
    expect((await list({ agentId: anna().id, coachId: world.pekka.id })).map((s) => s.heldOn)).toEqual([
      '2026-11-12',
    ]);
    expect(await list({ state: 'closed' })).toEqual([]);
    expect(await list({ agentId: 999 })).toEqual([]);
    expect(all[3]).toMatchObject({
      agent: { name: 'Anna Berg' },
      coach: { name: 'Lena Fischer' },
      focusTitles: ['Product knowledge', 'Greeting', 'Polite tone'],
      actionCount: 0,
      openActionCount: 0,
      overdueActionCount: 0,
    });
  });

  it('refuses bad filters', async () => {
    expect((await refused(backend, 'coaching.list', { state: 'open' })).message).toContain('state');
    expect((await refused(backend, 'coaching.list', { agentId: 0 })).message).toContain('agentId');
  });
});

describeEachEngine('changing a session', () => {
  let session: CoachingSession;
  beforeEach(async () => {
    session = await create({ agentId: anna().id, heldOn: '2026-11-23', evaluationIds: [ev.e2] });
  });

  it('changes what is given and replaces links in the order given', async () => {
    const changed = await call<CoachingSession>(backend, 'coaching.update', {
      id: session.id,
      version: session.version,
      heldOn: '2026-11-24',
      talkingPoints: 'Start with the good close.',
      followUpOn: '2026-12-08',
      focusItems: [{ itemId: 'greeting', title: 'Greeting', sectionTitle: 'Courtesy' }],
      evaluationIds: [ev.e3, ev.e1],
      momentIds: [m.turn!.id, m.wow!.id],
    });
    expect(changed).toMatchObject({
      heldOn: '2026-11-24',
      talkingPoints: 'Start with the good close.',
      followUpOn: '2026-12-08',
      focusTitles: ['Greeting'],
      outcome: '',
    });
    expect(changed.evaluations.map((e) => e.id)).toEqual([ev.e3, ev.e1]);
    expect(changed.moments.map((x) => x.id)).toEqual([m.turn!.id, m.wow!.id]);
    expect(changed.updatedAt >= session.updatedAt).toBe(true);
    const cleared = await call<CoachingSession>(backend, 'coaching.update', {
      id: session.id,
      version: changed.version,
      followUpOn: null,
    });
    expect(cleared).toMatchObject({ followUpOn: null, talkingPoints: 'Start with the good close.' });
  });

  it('refuses a bad change whole: nothing of it is written', async () => {
    const before = await get(session.id);
    const error = await refused(backend, 'coaching.update', {
      id: session.id,
      version: session.version,
      talkingPoints: 'Should not be saved',
      momentIds: [m.wow!.id, m.jonas!.id],
    });
    expect(error).toMatchObject({
      code: 'invalid_params',
      message: expect.stringContaining(`moment ${m.jonas!.id}`),
    });
    expect(
      (
        await refused(backend, 'coaching.update', {
          id: session.id,
          version: session.version,
          followUpOn: '2026-11-01',
        })
      ).message,
    ).toContain('followUpOn');
    expect(
      (
        await refused(backend, 'coaching.update', {
          id: session.id,
          version: session.version,
          followUpOn: '2026-11-31',
        })
      ).message,
    ).toContain('followUpOn');
    expect(
      (
        await refused(backend, 'coaching.update', {
          id: session.id,
          version: session.version,
          talkingPoints: 'x'.repeat(10_001),
        })
      ).message,
    ).toContain('talkingPoints');
    expect((await refused(backend, 'coaching.update', { id: 999, version: 1 })).code).toBe('not_found');
    expect(await get(session.id)).toEqual(before);
  });

  it('lets only the coach change it; everybody reads it', async () => {
    await actAs(world, world.pekka);
    const read = await get(session.id);
    expect(read.editable).toBe(false);
    for (const [method, params] of [
      ['coaching.update', { id: session.id, version: session.version, talkingPoints: 'Mine now' }],
      ['coaching.close', { id: session.id }],
      ['coaching.actionAdd', { sessionId: session.id, text: 'x', owner: 'agent', dueOn: '2026-12-01' }],
    ] as const) {
      const error = await refused(backend, method, params);
      expect(error.code).toBe('not_allowed');
      expect(error.message).toBe(
        `Only the session's coach (Lena Fischer) can change coaching session ${session.id}.`,
      );
    }
    await actAs(world, world.lena);
    expect((await get(session.id)).editable).toBe(true);
  });

  it('drops a linked moment that is deleted', async () => {
    const extra = await pinMoment(world, world.interactions[ANNA_CALL]!.id, { startMs: 9000 }, ['rude']);
    await call(backend, 'coaching.update', {
      id: session.id,
      version: session.version,
      momentIds: [extra.id, m.wow!.id],
    });
    await call(backend, 'moment.delete', { id: extra.id });
    expect((await get(session.id)).moments.map((x) => x.id)).toEqual([m.wow!.id]);
  });
});

describeEachEngine('closing and reopening', () => {
  let session: CoachingSession;
  beforeEach(async () => {
    session = await create({ agentId: anna().id, heldOn: '2026-11-30', evaluationIds: [ev.e1] });
  });

  it('closes with an outcome; the content is then read-only', async () => {
    const closed = await call<CoachingSession>(backend, 'coaching.close', {
      id: session.id,
      outcome: 'Agreed to greet with the name.',
    });
    expect(closed).toMatchObject({
      state: 'closed',
      outcome: 'Agreed to greet with the name.',
      editable: true,
    });
    expect(closed.closedAt).not.toBeNull();
    const error = await refused(backend, 'coaching.update', {
      id: session.id,
      version: session.version,
      talkingPoints: 'Late addition',
    });
    expect(error).toMatchObject({ code: 'conflict', message: expect.stringContaining('closed') });
    expect((await refused(backend, 'coaching.close', { id: session.id })).code).toBe('conflict');
    expect((await list({ state: 'closed' })).map((s) => s.id)).toEqual([session.id]);
  });

  const closedWithOutcome = () =>
    call(backend, 'coaching.close', { id: session.id, outcome: 'Agreed to greet with the name.' });

  it('reopens for changes, and closing keeps the outcome when none is given', async () => {
    await closedWithOutcome();
    const reopened = await call<CoachingSession>(backend, 'coaching.reopen', { id: session.id });
    expect(reopened).toMatchObject({
      state: 'planned',
      closedAt: null,
      outcome: 'Agreed to greet with the name.',
    });
    expect((await refused(backend, 'coaching.reopen', { id: session.id })).code).toBe('conflict');
    await call(backend, 'coaching.update', {
      id: session.id,
      version: reopened.version,
      talkingPoints: 'Late addition',
    });
    const closed = await call<CoachingSession>(backend, 'coaching.close', { id: session.id });
    expect(closed).toMatchObject({
      state: 'closed',
      outcome: 'Agreed to greet with the name.',
      talkingPoints: 'Late addition',
    });
  });

  it('refuses a reopen by anybody but the coach', async () => {
    await closedWithOutcome();
    await actAs(world, world.pekka);
    expect((await refused(backend, 'coaching.reopen', { id: session.id })).code).toBe('not_allowed');
    await actAs(world, world.lena);
  });
});
