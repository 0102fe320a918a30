import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import { describeEachEngine } from '../../support/engines';
import { addAccount, Browser, teamServer } from '../accounts/team-fixture';
import { smallDraft } from '../evaluations/fixture';

/**
 * A calibration session on a team server, with logged-in accounts: a QA manager sets it up, three QA
 * supervisors score blind in their own browsers (none reads another's answers, nor the result before
 * the reveal), a team lead has no part in it, the manager closes with who is missing, and the result
 * counts and names them.
 */

const PW = 'a good long password';
const answers = (knowledge: number) => [
  { itemId: 'greeting', value: { kind: 'yes' } },
  { itemId: 'polite', value: { kind: 'yes' } },
  { itemId: 'knowledge', value: { kind: 'scale', value: knowledge } },
];

describeEachEngine('calibration on a team server', () => {
  let backend: Backend;
  let cleanup: () => Promise<void>;
  const as = {} as Record<'manager' | 'maria' | 'olli' | 'sanna' | 'lead', Browser>;
  let callId: number;

  beforeAll(async () => {
    ({ backend, cleanup } = await teamServer());
    const q = backend.database.query;
    const team = (
      await q.insertInto('teams').values({ name: 'Sales' }).returning('id').executeTakeFirstOrThrow()
    ).id;
    const agent = (
      await q
        .insertInto('agents')
        .values({ name: 'Anna Berg', team_id: team })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    callId = (
      await q
        .insertInto('interactions')
        .values({
          kind: 'call',
          title: 'Invoice',
          source: 'test',
          agent_id: agent,
          started_at: '2026-11-02T09:14:00Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await addAccount(backend, 'manager', 'qa_manager', PW, { name: 'Mia Manager' });
    await addAccount(backend, 'maria', 'qa_supervisor', PW, { name: 'Maria Lind' });
    await addAccount(backend, 'olli', 'qa_supervisor', PW, { name: 'Olli Virtanen' });
    await addAccount(backend, 'sanna', 'qa_supervisor', PW, { name: 'Sanna Mäki' });
    await addAccount(backend, 'lead', 'team_lead', PW, { name: 'Lena Lead', teams: [team] });
    for (const name of ['manager', 'maria', 'olli', 'sanna', 'lead'] as const) {
      as[name] = new Browser(backend);
      await as[name].login(name, PW);
    }
  });
  afterAll(() => cleanup());

  it('keeps every answer blind until the manager closes, then counts and names who is missing', async () => {
    const rubric = await as.manager.ok('rubric.create', { name: 'Billing', language: 'en' });
    await as.manager.ok('rubric.publish', { id: rubric.id, draft: smallDraft() });
    const { reviewers } = await as.manager.ok('calibration.options');
    const id = (name: string) => reviewers.find((r) => r.name === name)!.id;
    expect(reviewers.map((r) => r.name)).not.toContain('Lena Lead');
    const session = await as.manager.ok('calibration.create', {
      name: 'Team calibration',
      rubricId: rubric.id,
      interactionIds: [callId],
      participantIds: [id('Maria Lind'), id('Olli Virtanen'), id('Sanna Mäki')],
    });
    expect((await as.lead.refused('calibration.get', { id: session.id })).code).toBe('not_allowed');
    expect(
      (
        await as.maria.refused('calibration.create', {
          name: 'x',
          rubricId: rubric.id,
          interactionIds: [callId],
          participantIds: [1, 2],
        })
      ).code,
    ).toBe('not_allowed');

    for (const [who, knowledge] of [
      ['maria', 2],
      ['olli', 1],
    ] as const) {
      await as[who].ok('calibration.saveAnswers', {
        sessionId: session.id,
        interactionId: callId,
        answers: answers(knowledge),
      });
      await as[who].ok('calibration.submit', { id: session.id });
    }
    await as.sanna.ok('calibration.saveAnswers', {
      sessionId: session.id,
      interactionId: callId,
      answers: answers(0),
    });
    // Each reads their own answers only; the result is refused to all before the reveal.
    const olli = await as.olli.ok('calibration.get', { id: session.id });
    expect(olli.myAnswers[0]!.answers.find((a) => a.itemId === 'knowledge')!.value).toEqual({
      kind: 'scale',
      value: 1,
    });
    expect(JSON.stringify(olli)).not.toContain('"value":2');
    for (const who of ['maria', 'olli', 'sanna', 'manager'] as const)
      expect((await as[who].refused('calibration.results', { id: session.id })).code).toBe('conflict');
    expect((await as.olli.refused('calibration.reveal', { id: session.id })).code).toBe('not_allowed');
    expect((await as.manager.refused('calibration.reveal', { id: session.id })).message).toContain(
      'Sanna Mäki',
    );

    await as.manager.ok('calibration.reveal', { id: session.id, closeMissing: true });
    const results = await as.olli.ok('calibration.results', { id: session.id });
    expect(results.session.missing.map((m) => m.name)).toEqual(['Sanna Mäki']);
    expect(results.counted.map((c) => c.name)).toEqual(['Maria Lind', 'Olli Virtanen']);
    expect(results.figures.criteria.find((c) => c.itemId === 'knowledge')!.cells[0]!.answers).toHaveLength(2);
    // Calibration is not an evaluation of Anna: her interaction has none.
    expect((await as.manager.ok('evaluation.list', { interactionId: callId })).items).toEqual([]);
  });
});
