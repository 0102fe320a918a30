import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { EvaluationDetail } from '../../../shared/api/methods/evaluations';
import type { TestClock } from '../../support/clock';
import { describeEachEngine } from '../../support/engines';
import { addAccount, Browser, teamServer } from '../accounts/team-fixture';
import { smallDraft } from '../evaluations/fixture';
import { shopFields } from '../mystery/fixture';

/**
 * Row rules on a team server (issue 14, point 3): an agent sees only their own submitted evaluations
 * and answers them; a team lead sees the agents of their teams; QA sees everything. A row outside
 * someone's sight is `not_found`, worded exactly as a row that does not exist.
 */

const PW = 'a good long password';
const complete = [
  { itemId: 'greeting', value: { kind: 'yes' } },
  { itemId: 'polite', value: { kind: 'yes' } },
  { itemId: 'knowledge', value: { kind: 'scale', value: 2 } },
];

describeEachEngine('what each person sees on a team server', () => {
  let backend: Backend;
  let clock: TestClock;
  let cleanup: () => Promise<void>;
  const as = {} as Record<'manager' | 'supervisor' | 'lead' | 'anna' | 'bert', Browser>;
  let anna: number;
  let bert: number;
  /** Anna's submitted evaluation, Anna's draft, Bert's submitted evaluation. */
  let annas: number;
  let annasDraft: number;
  let berts: number;
  let annaProfile: number;

  beforeAll(async () => {
    ({ backend, clock, cleanup } = await teamServer());
    const q = backend.database.query;
    const team = async (name: string) =>
      (await q.insertInto('teams').values({ name }).returning('id').executeTakeFirstOrThrow()).id;
    const sales = await team('Sales');
    const support = await team('Support');
    const agent = async (name: string, teamId: number) =>
      (
        await q
          .insertInto('agents')
          .values({ name, team_id: teamId })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    anna = await agent('Anna Berg', sales);
    bert = await agent('Bert Krause', support);
    const call = async (title: string, agentId: number) =>
      (
        await q
          .insertInto('interactions')
          .values({
            kind: 'call',
            title,
            source: 'test',
            agent_id: agentId,
            started_at: '2026-11-02T09:14:00Z',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    await addAccount(backend, 'manager', 'qa_manager', PW, { name: 'Mia Manager' });
    await addAccount(backend, 'supervisor', 'qa_supervisor', PW, { name: 'Maria Lind' });
    await addAccount(backend, 'lead', 'team_lead', PW, { name: 'Lena Lead', teams: [sales] });
    annaProfile = (await addAccount(backend, 'anna', 'agent', PW, { name: 'Anna Berg', agent: anna }))
      .profileId;
    await addAccount(backend, 'bert', 'agent', PW, { name: 'Bert Krause', agent: bert });
    for (const name of ['manager', 'supervisor', 'lead', 'anna', 'bert'] as const) {
      as[name] = new Browser(backend);
      await as[name].login(name, PW);
    }
    const rubric = await as.manager.ok('rubric.create', { name: 'Billing', language: 'en' });
    await as.manager.ok('rubric.publish', { id: rubric.id, draft: smallDraft() });
    const evaluate = async (interactionId: number, submit: boolean) => {
      const started = await as.supervisor.ok('evaluation.start', { interactionId, rubricId: rubric.id });
      await as.supervisor.ok('evaluation.saveDraft', { id: started.id, answers: complete });
      if (submit) await as.supervisor.ok('evaluation.submit', { id: started.id });
      return started.id;
    };
    annas = await evaluate(await call('Anna: billing question', anna), true);
    annasDraft = await evaluate(await call('Anna: address change', anna), false);
    berts = await evaluate(await call('Bert: cancellation', bert), true);
  });
  afterAll(() => cleanup());

  const ids = (list: { items: { id: number }[] }) => list.items.map((item) => item.id).sort();
  const missing = (id: number) => ({
    code: 'not_found',
    message: `id: there is no evaluation with id ${id}.`,
  });

  it('shows QA every evaluation, drafts included', async () => {
    expect(ids(await as.supervisor.ok('evaluation.list', {}))).toEqual([annas, annasDraft, berts].sort());
    expect(ids(await as.manager.ok('evaluation.list', {}))).toEqual([annas, annasDraft, berts].sort());
  });

  it("shows an agent their own submitted evaluations only: not their drafts, not another agent's", async () => {
    expect(ids(await as.anna.ok('evaluation.list', {}))).toEqual([annas]);
    expect(await as.anna.ok('evaluation.list', { state: 'draft' })).toEqual({ total: 0, items: [] });
    expect(await as.anna.ok('evaluation.list', { agentId: bert })).toEqual({ total: 0, items: [] });
    expect((await as.anna.ok('evaluation.get', { id: annas })).agentName).toBe('Anna Berg');
    // Bert's and the draft are answered as if they did not exist.
    expect(await as.anna.refused('evaluation.get', { id: berts })).toEqual(missing(berts));
    expect(await as.anna.refused('evaluation.get', { id: annasDraft })).toEqual(missing(annasDraft));
    expect(await as.anna.refused('evaluation.get', { id: 999_999 })).toEqual(missing(999_999));
    expect(ids(await as.bert.ok('evaluation.list', {}))).toEqual([berts]);
  });

  it('shows an agent their own agent page only, without coaching or reviewers’ working moments', async () => {
    const listed = await as.anna.ok('agent.list', {});
    expect(listed.map((entry) => entry.id)).toEqual([anna]);
    expect(listed[0]).toMatchObject({ sessionCount: 0, overdueActionCount: 0, evaluationCount: 1 });
    const page = await as.anna.ok('agent.overview', { agentId: anna });
    expect(page.trend.map((point) => point.evaluationId)).toEqual([annas]);
    expect(page.moments).toEqual([]);
    expect(await as.anna.refused('agent.overview', { agentId: bert })).toEqual({
      code: 'not_found',
      message: `agentId: there is no agent with id ${bert}.`,
    });
    // The library and coaching are not an agent's at all.
    expect(await as.anna.refused('library.list', {})).toMatchObject({ code: 'not_allowed' });
    expect(await as.anna.refused('coaching.list', {})).toMatchObject({ code: 'not_allowed' });
  });

  it("shows a team lead the agents of their teams and those agents' evaluations, not another team's", async () => {
    expect((await as.lead.ok('agent.list', {})).map((entry) => entry.id)).toEqual([anna]);
    expect((await as.supervisor.ok('agent.list', {})).map((entry) => entry.id).sort()).toEqual(
      [anna, bert].sort(),
    );
    expect(await as.lead.refused('agent.overview', { agentId: bert })).toMatchObject({ code: 'not_found' });
    expect((await as.lead.ok('agent.overview', { agentId: anna })).agent.id).toBe(anna);
    expect(ids(await as.lead.ok('evaluation.list', {}))).toEqual([annas, annasDraft].sort());
    expect(await as.lead.ok('evaluation.list', { agentId: bert })).toEqual({ total: 0, items: [] });
    expect(await as.lead.refused('evaluation.get', { id: berts })).toEqual(missing(berts));
  });

  it("shows a team lead their teams' coaching sessions only, and lets them coach only their teams' agents", async () => {
    const annasSession = await as.manager.ok('coaching.create', { agentId: anna, heldOn: '2026-11-20' });
    const bertsSession = await as.manager.ok('coaching.create', { agentId: bert, heldOn: '2026-11-20' });
    const note = await as.manager.ok('coaching.noteAdd', {
      sessionId: bertsSession.id,
      body: 'Shared',
      private: false,
    });
    const sessions = async (who: Browser) => (await who.ok('coaching.list', {})).map((s) => s.id).sort();
    expect(await sessions(as.lead)).toEqual([annasSession.id]);
    expect(await sessions(as.supervisor)).toEqual([annasSession.id, bertsSession.id].sort());
    expect((await as.lead.ok('coaching.get', { id: annasSession.id })).agent.id).toBe(anna);
    expect(await as.lead.refused('coaching.get', { id: bertsSession.id })).toEqual({
      code: 'not_found',
      message: `id: there is no coaching session with id ${bertsSession.id}.`,
    });
    expect(await as.lead.refused('coaching.notes', { sessionId: bertsSession.id })).toMatchObject({
      code: 'not_found',
    });
    expect(await as.lead.refused('coaching.noteGet', { id: note.id })).toEqual({
      code: 'not_found',
      message: `id: there is no coaching note with id ${note.id}.`,
    });
    expect(await as.lead.refused('coaching.create', { agentId: bert, heldOn: '2026-11-21' })).toEqual({
      code: 'not_found',
      message: `agentId: there is no agent with id ${bert}.`,
    });
    const own = await as.lead.ok('coaching.create', { agentId: anna, heldOn: '2026-11-21' });
    expect(own.coach.name).toBe('Lena Lead');
  });

  it("shows a team lead the mystery shops of their teams (by agent or the team the agency named), not another team's", async () => {
    const rubrics = await as.manager.ok('rubric.list', {});
    const checklist = rubrics.find((r) => r.builtin === 'mystery-call' && r.language === 'en')!.id;
    const shop = async (shopId: string, team: string, agentId: number | null) => {
      const draft = await as.supervisor.ok('mystery.saveDraft', {
        fields: shopFields(checklist, { shopId, team, agentId }),
      });
      return (await as.supervisor.ok('mystery.submit', { id: draft.id })).id;
    };
    const salesByName = await shop('S-1', 'sales', null);
    const annasElsewhere = await shop('S-2', 'Hamburg hotline', anna);
    const bertsShop = await shop('S-3', 'Support', bert);
    const shops = async (who: Browser) => (await who.ok('mystery.list', {})).map((s) => s.id).sort();
    expect(await shops(as.manager)).toEqual([salesByName, annasElsewhere, bertsShop].sort());
    expect(await shops(as.lead)).toEqual([salesByName, annasElsewhere].sort());
    expect(await as.lead.refused('mystery.get', { id: bertsShop })).toEqual({
      code: 'not_found',
      message: `id: there is no mystery shop with id ${bertsShop}.`,
    });
    expect(await as.lead.refused('mystery.query', { id: bertsShop, reason: 'Not ours' })).toMatchObject({
      code: 'not_found',
    });
    expect(
      (await as.lead.ok('mystery.query', { id: annasElsewhere, reason: 'Anna was on a break.' })).status,
    ).toBe('queried');
    expect(await as.lead.refused('mystery.agentShops', { agentId: bert })).toMatchObject({
      code: 'not_found',
    });
    const teams = (await as.lead.ok('mystery.teamFigures', {})).map((row) => row.team).sort();
    expect(teams).toEqual(['Hamburg hotline', 'sales']);
    const report = await as.lead.ok('mystery.report', { by: 'team' });
    expect(JSON.stringify(report)).not.toContain('Support');
    expect(JSON.stringify(await as.manager.ok('mystery.report', { by: 'team' }))).toContain('Support');
  });

  it('follows a change of teams at the next call', async () => {
    const q = backend.database.query;
    const lead = await q
      .selectFrom('accounts')
      .select('profile_id')
      .where('username', '=', 'lead')
      .executeTakeFirstOrThrow();
    const support = await q
      .selectFrom('teams')
      .select('id')
      .where('name', '=', 'Support')
      .executeTakeFirstOrThrow();
    await q
      .insertInto('account_teams')
      .values({ profile_id: lead.profile_id, team_id: support.id })
      .execute();
    try {
      expect((await as.lead.ok('agent.list', {})).map((entry) => entry.id).sort()).toEqual(
        [anna, bert].sort(),
      );
    } finally {
      await q.deleteFrom('account_teams').where('team_id', '=', support.id).execute();
    }
    expect((await as.lead.ok('agent.list', {})).map((entry) => entry.id)).toEqual([anna]);
  });

  it('lets an agent acknowledge or dispute their own submitted evaluation, once, recording who and when', async () => {
    const acknowledged: EvaluationDetail = await as.anna.ok('evaluation.acknowledge', { id: annas });
    expect(acknowledged.agentResponse).toEqual({
      response: 'acknowledged',
      reason: null,
      by: { id: annaProfile, name: 'Anna Berg', role: 'agent' },
      at: clock.now().toISOString(),
    });
    expect(
      await as.anna.refused('evaluation.dispute', { id: annas, reason: 'Changed my mind' }),
    ).toMatchObject({
      code: 'conflict',
      message: `You acknowledged evaluation ${annas} on ${clock.now().toISOString().slice(0, 10)}; each submission of an evaluation is answered once.`,
      reason: 'already_answered',
    });
    // Not someone else's, not a draft: as if they did not exist.
    expect(await as.anna.refused('evaluation.dispute', { id: berts, reason: 'Not me' })).toEqual(
      missing(berts),
    );
    expect(await as.anna.refused('evaluation.acknowledge', { id: annasDraft })).toEqual(missing(annasDraft));
    // A reviewer may not answer for the agent.
    expect(await as.supervisor.refused('evaluation.acknowledge', { id: berts })).toMatchObject({
      code: 'not_allowed',
      message: /^A QA supervisor \(role qa_supervisor\) may not acknowledge their own evaluations/,
    });

    clock.advance(60_000);
    const disputed = await as.bert.ok('evaluation.dispute', {
      id: berts,
      reason: '  I was on a break; this was a colleague.  ',
    });
    expect(disputed.agentResponse).toMatchObject({
      response: 'disputed',
      reason: 'I was on a break; this was a colleague.',
      at: clock.now().toISOString(),
    });
    expect(await as.bert.refused('evaluation.dispute', { id: berts, reason: 'x' })).toMatchObject({
      code: 'invalid_params',
    });
    // QA sees the answers, in the list and in the evaluation.
    const list = await as.supervisor.ok('evaluation.list', {});
    const byId = new Map(list.items.map((item) => [item.id, item.agentResponse?.response ?? null]));
    expect(byId.get(annas)).toBe('acknowledged');
    expect(byId.get(berts)).toBe('disputed');
    expect(byId.get(annasDraft)).toBeNull();
    expect((await as.supervisor.ok('evaluation.get', { id: berts })).agentResponse?.reason).toBe(
      'I was on a break; this was a colleague.',
    );
  });
});
