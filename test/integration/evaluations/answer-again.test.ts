import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { TestClock } from '../../support/clock';
import { describeEachEngine } from '../../support/engines';
import { addAccount, Browser, teamServer } from '../accounts/team-fixture';
import { smallDraft } from './fixture';

/**
 * An agent answers each submission of an evaluation (issue 14): a reviewer who reopens a disputed
 * evaluation and submits it corrected asks the agent afresh; the earlier dispute stays as history.
 */
const PW = 'a good long password';
const answers = (knowledge: number) => [
  { itemId: 'greeting', value: { kind: 'yes' } },
  { itemId: 'polite', value: { kind: 'yes' } },
  { itemId: 'knowledge', value: { kind: 'scale', value: knowledge } },
];

describeEachEngine('an agent answers a reopened and resubmitted evaluation again', () => {
  let backend: Backend;
  let clock: TestClock;
  let cleanup: () => Promise<void>;
  const as = {} as Record<'manager' | 'supervisor' | 'anna', Browser>;
  let evaluation: number;
  let annaProfile: number;

  beforeAll(async () => {
    ({ backend, clock, cleanup } = await teamServer());
    const q = backend.database.query;
    const agent = (
      await q.insertInto('agents').values({ name: 'Anna Berg' }).returning('id').executeTakeFirstOrThrow()
    ).id;
    const interaction = (
      await q
        .insertInto('interactions')
        .values({ kind: 'call', title: 'Anna: billing', source: 'test', agent_id: agent })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await addAccount(backend, 'manager', 'qa_manager', PW, { name: 'Mia Manager' });
    await addAccount(backend, 'supervisor', 'qa_supervisor', PW, { name: 'Maria Lind' });
    annaProfile = (await addAccount(backend, 'anna', 'agent', PW, { name: 'Anna Berg', agent })).profileId;
    for (const name of ['manager', 'supervisor', 'anna'] as const) {
      as[name] = new Browser(backend);
      await as[name].login(name, PW);
    }
    const rubric = await as.manager.ok('rubric.create', { name: 'Billing', language: 'en' });
    await as.manager.ok('rubric.publish', { id: rubric.id, draft: smallDraft() });
    evaluation = (
      await as.supervisor.ok('evaluation.start', { interactionId: interaction, rubricId: rubric.id })
    ).id;
    await as.supervisor.ok('evaluation.saveDraft', { id: evaluation, answers: answers(0) });
    await as.supervisor.ok('evaluation.submit', { id: evaluation });
  });
  afterAll(() => cleanup());

  it('shows the corrected version unanswered to the agent, who answers it; the dispute stays as history', async () => {
    const firstSubmit = clock.now().toISOString();
    clock.advance(60_000);
    const disputed = await as.anna.ok('evaluation.dispute', {
      id: evaluation,
      reason: 'I did explain the bill.',
    });
    expect(disputed.agentResponse).toMatchObject({ response: 'disputed' });
    expect(disputed.earlierResponses).toEqual([]);

    // The reviewer reopens it: the draft being corrected still shows the dispute.
    clock.advance(60_000);
    const reopened = await as.supervisor.ok('evaluation.reopen', {
      id: evaluation,
      reason: 'The agent did explain the bill',
    });
    expect(reopened.agentResponse).toMatchObject({ response: 'disputed', reason: 'I did explain the bill.' });
    await as.supervisor.ok('evaluation.saveDraft', { id: evaluation, answers: answers(2) });
    clock.advance(60_000);
    const resubmitted = await as.supervisor.ok('evaluation.submit', { id: evaluation });
    const secondSubmit = clock.now().toISOString();
    const dispute = {
      response: 'disputed',
      reason: 'I did explain the bill.',
      by: { id: annaProfile, name: 'Anna Berg', role: 'agent' },
      at: disputed.agentResponse!.at,
      submittedAt: firstSubmit,
    };
    // The new version is unanswered, the dispute kept with the version it answered.
    expect(resubmitted.agentResponse).toBeNull();
    expect(resubmitted.earlierResponses).toEqual([dispute]);
    const seenByAnna = await as.anna.ok('evaluation.get', { id: evaluation });
    expect(seenByAnna.agentResponse).toBeNull();
    expect(seenByAnna.submittedAt).toBe(secondSubmit);
    const listed = await as.anna.ok('evaluation.list', {});
    expect(listed.items.find((item) => item.id === evaluation)?.agentResponse).toBeNull();

    clock.advance(60_000);
    const acknowledged = await as.anna.ok('evaluation.acknowledge', { id: evaluation });
    expect(acknowledged.agentResponse).toEqual({
      response: 'acknowledged',
      reason: null,
      by: { id: annaProfile, name: 'Anna Berg', role: 'agent' },
      at: clock.now().toISOString(),
    });
    // Each version is answered once.
    expect(await as.anna.refused('evaluation.dispute', { id: evaluation, reason: 'Again' })).toMatchObject({
      code: 'conflict',
      reason: 'already_answered',
    });
    // The reviewer reads both: the answer to the version standing, and the dispute before it.
    const seenByReviewer = await as.supervisor.ok('evaluation.get', { id: evaluation });
    expect(seenByReviewer.agentResponse).toMatchObject({ response: 'acknowledged' });
    expect(seenByReviewer.earlierResponses).toEqual([dispute]);
  });
});
