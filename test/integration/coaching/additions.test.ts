import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { AgentListEntry, AgentOverview } from '../../../shared/api/methods/agents';
import type { CoachingSession, CoachingSummary } from '../../../shared/api/methods/coaching';
import type { Moment } from '../../../shared/api/methods/review';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { call } from '../../support/backend';
import { distinctivePhrase } from '../../support/leaks';
import { refused } from '../evaluations/fixture';
import { ANNA_CALL, ANNA_CHAT, buildWorld, pinMoment, submitEvaluation, type World } from './fixture';

/**
 * The demo world below is built once and only read; every test makes its own sessions.
 *
 * What the session page adds on top of the proposals, through the same API the page uses: foci in the
 * coach's own words (`own:` ids, no section), moments added from the agent's calls and chats beyond
 * those the evaluations point to, and the session as the printout for the agent reads it (no notes).
 *
 * Anna Berg's call was evaluated once (greeting missed, pointing at one moment); her chat was not.
 */

let backend: Backend;
let cleanup: () => Promise<void>;
let world: World;
let evaluationId: number;
const m: Record<string, Moment> = {};
const anna = () => world.agents['Anna Berg']!;
const get = (id: number) => call<CoachingSession>(backend, 'coaching.get', { id });
/** A change on the version the session has now (these tests edit from one place). */
const update = async (params: { id: number } & Record<string, unknown>) =>
  call<CoachingSession>(backend, 'coaching.update', { version: (await get(params.id)).version, ...params });

beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  world = await buildWorld(backend);
  const annaCall = world.interactions[ANNA_CALL]!.id;
  const annaChat = world.interactions[ANNA_CHAT]!.id;
  m.pointed = await pinMoment(world, annaCall, { startMs: 3000 }, [], 'No name given');
  m.untagged = await pinMoment(world, annaCall, { startMs: 12_000 }, [], 'Long silence here');
  m.chatWow = await pinMoment(world, annaChat, { turnSeq: 1 }, ['exemplary'], 'Lovely apology');
  evaluationId = await submitEvaluation(world, annaCall, {
    greeting: false,
    polite: true,
    knowledge: 2,
    greetingMomentIds: [m.pointed.id],
  });
});
afterAll(() => cleanup());

describeEachEngine("a focus in the coach's own words", () => {
  const own = { itemId: 'own:6f1c2a', title: 'Keeping calm with angry callers', sectionTitle: null };
  let session: CoachingSession;

  beforeEach(async () => {
    session = await call<CoachingSession>(backend, 'coaching.create', {
      agentId: anna().id,
      heldOn: '2026-11-09',
      evaluationIds: [evaluationId],
    });
  });

  it('is kept beside the rubric items, in the order given, and named in the list', async () => {
    const changed = await update({ id: session.id, focusItems: [...session.focusItems, own] });
    expect(changed.focusItems).toEqual([...session.focusItems, own]);
    expect((await get(session.id)).focusItems.at(-1)).toEqual(own);
    const listed = await call<CoachingSummary[]>(backend, 'coaching.list', { agentId: anna().id });
    expect(listed.find((s) => s.id === session.id)!.focusTitles).toEqual([
      ...session.focusItems.map((f) => f.title),
      own.title,
    ]);
  });

  it('does not disturb what looks items up by rubric id: proposals, the agent page and list', async () => {
    const fresh = await call<CoachingSession>(backend, 'coaching.create', {
      agentId: anna().id,
      heldOn: '2026-11-10',
      evaluationIds: [evaluationId],
    });
    expect(fresh.focusItems).toEqual(session.focusItems);
    const overview = await call<AgentOverview>(backend, 'agent.overview', { agentId: anna().id });
    expect(overview.weakest.map((item) => item.itemId)).not.toContain(own.itemId);
    const agents = await call<AgentListEntry[]>(backend, 'agent.list', {});
    expect(agents.find((a) => a.id === anna().id)!.sessionCount).toBeGreaterThanOrEqual(2);
  });

  it('can open a session, and two of them differ by id', async () => {
    const other = { itemId: 'own:9d0e', title: 'Owning the problem', sectionTitle: null };
    const created = await call<CoachingSession>(backend, 'coaching.create', {
      agentId: anna().id,
      heldOn: '2026-11-11',
      focusItems: [own, other],
    });
    expect(created.focusItems).toEqual([own, other]);
    const twice = await refused(backend, 'coaching.update', {
      id: created.id,
      version: created.version,
      focusItems: [own, own],
    });
    expect(twice).toMatchObject({
      code: 'invalid_params',
      message: expect.stringContaining('focusItems[1]'),
    });
  });

  it('needs words, at most 300 characters', async () => {
    for (const title of ['   ', 'x'.repeat(301)]) {
      const error = await refused(backend, 'coaching.update', {
        id: session.id,
        version: session.version,
        focusItems: [{ itemId: 'own:1', title, sectionTitle: null }],
      });
      expect(error).toMatchObject({ code: 'invalid_params', message: expect.stringContaining('focusItems') });
    }
  });
});

describeEachEngine('adding moments to a session', () => {
  let session: CoachingSession;

  beforeEach(async () => {
    session = await call<CoachingSession>(backend, 'coaching.create', {
      agentId: anna().id,
      heldOn: '2026-11-16',
      evaluationIds: [evaluationId],
    });
  });

  it("the picker's two sources: every moment on an evaluated call, the agent's tagged moments elsewhere", async () => {
    // Proposed: only the moment the answers point to.
    expect(session.moments.map((x) => x.id)).toEqual([m.pointed!.id]);
    const onCall = await call<Moment[]>(backend, 'moment.list', {
      interactionId: world.interactions[ANNA_CALL]!.id,
    });
    expect(onCall.map((x) => x.id)).toEqual(expect.arrayContaining([m.pointed!.id, m.untagged!.id]));
    const overview = await call<AgentOverview>(backend, 'agent.overview', { agentId: anna().id });
    const tagged = overview.moments.map((x) => x.id);
    expect(tagged).toContain(m.chatWow!.id);
    expect(tagged).not.toContain(m.untagged!.id);
  });

  it('appends the picked moments after the linked ones, playable without another call', async () => {
    const changed = await update({
      id: session.id,
      momentIds: [...session.moments.map((x) => x.id), m.untagged!.id, m.chatWow!.id],
    });
    expect(changed.moments.map((x) => x.id)).toEqual([m.pointed!.id, m.untagged!.id, m.chatWow!.id]);
    expect(changed.moments[1]).toMatchObject({
      interactionTitle: ANNA_CALL,
      recordingId: world.interactions[ANNA_CALL]!.recording!.id,
      startMs: 12_000,
      comment: 'Long silence here',
    });
    expect(changed.moments[2]).toMatchObject({
      interactionKind: 'chat',
      recordingId: null,
      turnText: world.interactions[ANNA_CHAT]!.segments[1]!.text,
      comment: 'Lovely apology',
    });
  });
});

describeEachEngine('the session as the printout reads it', () => {
  it('carries no note, shared or private: notes come only from their own methods', async () => {
    const sharedWord = distinctivePhrase('heliotrope');
    const privateWord = distinctivePhrase('ottoline');
    await call(backend, 'profile.setPassphrase', { id: world.lena.id, newPassphrase: 'lena keeps notes' });
    const session = await call<CoachingSession>(backend, 'coaching.create', {
      agentId: anna().id,
      heldOn: '2026-11-23',
      evaluationIds: [evaluationId],
    });
    await call(backend, 'coaching.noteAdd', {
      sessionId: session.id,
      body: `Shared ${sharedWord}`,
      private: false,
    });
    await call(backend, 'coaching.noteAdd', {
      sessionId: session.id,
      body: `Mine ${privateWord}`,
      private: true,
    });
    await call(backend, 'coaching.actionAdd', {
      sessionId: session.id,
      text: 'Say your own name',
      owner: 'agent',
      dueOn: '2026-12-04',
    });
    const read = JSON.stringify(await get(session.id));
    expect(read).toContain('Say your own name');
    expect(read).not.toContain(sharedWord);
    expect(read).not.toContain(privateWord);
  });
});
