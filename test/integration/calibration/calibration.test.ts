import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AgentOverview } from '../../../shared/api/methods/agents';
import type {
  CalibrationResults,
  CalibrationSession,
  CalibrationSummary,
} from '../../../shared/api/methods/calibration';
import type { EvaluationSummary } from '../../../shared/api/methods/evaluations';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import type { MyQueue, QueueDraw, QueuePlan } from '../../../shared/api/methods/queue';
import type { Moment } from '../../../shared/api/methods/review';
import { callAs } from '../../support/backend';
import { TestClock } from '../../support/clock';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { createProfile, refusedAs } from '../evaluations/fixture';
import { buildQueueWorld, WEEK, type QueueWorld } from '../queue/fixture';

/**
 * Calibration sessions through the API, on the engine under test: a QA manager sets one up, three
 * reviewers score blind (the backend shows nobody anyone else's answers before the reveal), the manager
 * reveals (or closes without who is missing), and the result carries the agreement figures. Calibration
 * answers are never evaluations of the agent.
 */

let world: QueueWorld;
let sanna: ReviewerProfile;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  const made = await engineBackend({ clock: new TestClock('2026-11-09T08:00:00Z') });
  cleanup = made.cleanup;
  world = await buildQueueWorld(made.backend);
  sanna = await createProfile(made.backend, 'Sanna Mäki', 'qa_supervisor');
});
afterEach(() => cleanup());

const as = <T>(profileId: number, method: string, params: unknown = {}) =>
  callAs<T>(world.backend, profileId, method, params);
const refused = (profileId: number, method: string, params: unknown) =>
  refusedAs(world.backend, profileId, method, params);

const interactionIds = () =>
  ['Anna call 2026-11-02', 'Mikko call 2026-11-03'].map(
    (title) => [...world.titles].find(([, t]) => t === title)![0],
  );

async function createSession(extra: Record<string, unknown> = {}) {
  return as<CalibrationSession>(world.hanna.id, 'calibration.create', {
    name: 'November calibration',
    rubricId: world.rubricId,
    interactionIds: interactionIds(),
    participantIds: [world.maria.id, world.olli.id, sanna.id],
    hideAgent: true,
    expertId: world.maria.id,
    ...extra,
  });
}

type Scores = [greeting: 'yes' | 'no', polite: 'yes' | 'no', knowledge: number];
const answersFor = ([greeting, polite, knowledge]: Scores) => [
  { itemId: 'greeting', value: { kind: greeting } },
  {
    itemId: 'polite',
    value: { kind: polite },
    ...(polite === 'no' ? { comment: 'Sighed at the customer' } : {}),
  },
  { itemId: 'knowledge', value: { kind: 'scale', value: knowledge } },
];

async function score(profileId: number, sessionId: number, perInteraction: Scores[], submit = true) {
  const ids = interactionIds();
  for (const [index, scores] of perInteraction.entries())
    await as(profileId, 'calibration.saveAnswers', {
      sessionId,
      interactionId: ids[index],
      answers: answersFor(scores),
    });
  if (submit) await as(profileId, 'calibration.submit', { id: sessionId });
}

describeEachEngine('calibration sessions', () => {
  it('runs a three-person blind calibration to the reveal, with agreement figures and leans', async () => {
    const created = await createSession();
    expect(created).toMatchObject({ state: 'open', hideAgent: true, interactionCount: 2 });
    expect(created.expert?.name).toBe('Maria Lind');
    // The manager who set it up sees whose calls they are; a participant scoring blind does not.
    expect(created.interactions.map((i) => i.agentName)).toEqual(['Anna Berg', 'Mikko Laine']);
    const asOlli = await as<CalibrationSession>(world.olli.id, 'calibration.get', { id: created.id });
    expect(asOlli.interactions.map((i) => i.agentName)).toEqual([null, null]);

    await score(world.maria.id, created.id, [
      ['yes', 'yes', 2],
      ['yes', 'yes', 1],
    ]);
    await score(world.olli.id, created.id, [
      ['yes', 'yes', 1],
      ['no', 'yes', 0],
    ]);

    // Blind: Olli reads his own answers only; Sanna, still scoring, reads none of theirs.
    const olliView = await as<CalibrationSession>(world.olli.id, 'calibration.get', { id: created.id });
    expect(olliView.myAnswers).toHaveLength(2);
    expect(olliView.myAnswers[0]!.answers.find((a) => a.itemId === 'knowledge')?.value).toEqual({
      kind: 'scale',
      value: 1,
    });
    const sannaView = await as<CalibrationSession>(sanna.id, 'calibration.get', { id: created.id });
    expect(sannaView.myAnswers).toEqual([]);
    expect(JSON.stringify(sannaView)).not.toContain('"value":2');
    // Before the reveal nobody reads the result: not a participant, not the manager.
    for (const who of [sanna.id, world.olli.id, world.hanna.id])
      expect((await refused(who, 'calibration.results', { id: created.id })).message).toMatch(
        /not revealed yet/,
      );
    // The manager cannot reveal while Sanna is scoring: she is named.
    const early = await refused(world.hanna.id, 'calibration.reveal', { id: created.id });
    expect(early).toMatchObject({ code: 'conflict' });
    expect(early.message).toContain('1 participant has not handed in yet (Sanna Mäki)');

    await score(sanna.id, created.id, [
      ['yes', 'yes', 2],
      ['yes', 'yes', 2],
    ]);
    const revealed = await as<CalibrationSession>(world.hanna.id, 'calibration.reveal', { id: created.id });
    expect(revealed).toMatchObject({ state: 'revealed', missing: [] });

    const results = await as<CalibrationResults>(sanna.id, 'calibration.results', { id: created.id });
    expect(results.counted.map((r) => r.name)).toEqual(['Maria Lind', 'Olli Virtanen', 'Sanna Mäki']);
    const knowledge = results.figures.criteria.find((c) => c.itemId === 'knowledge')!;
    expect(knowledge).toMatchObject({ level: 'ordinal', kappa: null });
    expect(knowledge.cells[0]!.answers.map((a) => a.value)).toEqual([
      { kind: 'scale', value: 2 },
      { kind: 'scale', value: 1 },
      { kind: 'scale', value: 2 },
    ]);
    expect(knowledge.cells[0]).toMatchObject({ distinct: 2, range: 1, expert: { kind: 'scale', value: 2 } });
    expect(knowledge.cells[0]!.pairAgreement).toBeCloseTo(1 / 3);
    expect(knowledge.alpha!.value).toBeLessThan(1);
    expect(knowledge.alpha!.interval!.lower).toBeLessThanOrEqual(knowledge.alpha!.value);
    const greeting = results.figures.criteria.find((c) => c.itemId === 'greeting')!;
    expect(greeting.level).toBe('nominal');
    expect(greeting.kappa).not.toBeNull();
    // Everyone agreed on polite tone everywhere: perfect agreement.
    expect(results.figures.criteria.find((c) => c.itemId === 'polite')!.alpha).toMatchObject({
      value: 1,
      band: 'excellent',
    });
    expect(results.figures.alpha).not.toBeNull();
    expect(results.figures.scoreAlpha).not.toBeNull();
    // Against Maria, the expert: Olli scores lower, Sanna higher; Maria, never measured
    // from her own answers, is measured from the others' middle answer (and not ranked against them).
    const lean = (id: number) => results.figures.deviations.find((d) => d.participantId === id)!;
    expect(lean(world.olli.id)).toMatchObject({ lean: 'strictest' });
    expect(lean(world.olli.id).meanDeviation).toBeLessThan(0);
    expect(lean(sanna.id)).toMatchObject({ lean: 'mostLenient' });
    expect(lean(world.maria.id)).toMatchObject({
      compared: 6,
      against: { agreed: 0, expert: 0, consensus: 0, others: 6 },
      lean: null,
    });
    // Greeting on the second call: her yes against Olli's no and Sanna's yes (+½); knowledge on the
    // first: her 2 against 1 and 2 (+¼ of the best 2); the rest as the others' middle.
    expect(lean(world.maria.id).meanDeviation).toBeCloseTo((0.5 + 0.25) / 6);
    expect(results.history.find((h) => h.reviewer.id === world.olli.id)!.sessions).toHaveLength(1);
    // After the reveal a participant still sees the agent hidden, and answers are final.
    expect(results.session.interactions.map((i) => i.agentName)).toEqual([null, null]);
    expect(
      (
        await refused(sanna.id, 'calibration.saveAnswers', {
          sessionId: created.id,
          interactionId: interactionIds()[0],
          answers: [{ itemId: 'greeting', value: { kind: 'no' } }],
        })
      ).code,
    ).toBe('conflict');

    // The manager records the agreed answer: it becomes the reference there.
    const agreed = await as<CalibrationResults>(world.hanna.id, 'calibration.agree', {
      sessionId: created.id,
      interactionId: interactionIds()[0],
      itemId: 'knowledge',
      value: { kind: 'scale', value: 1 },
    });
    const firstCell = agreed.figures.criteria.find((c) => c.itemId === 'knowledge')!.cells[0]!;
    expect(firstCell).toMatchObject({
      agreed: { kind: 'scale', value: 1 },
      reference: { kind: 'agreed', points: 1 },
    });
    // There Maria too is measured from the agreed answer; elsewhere still from the others.
    expect(agreed.figures.deviations.find((d) => d.participantId === world.maria.id)!.against).toEqual({
      agreed: 1,
      expert: 0,
      consensus: 0,
      others: 5,
    });
  });

  it('closes with who is missing: counted and named, their half-filled form left out of the figures', async () => {
    const created = await createSession({ expertId: null });
    await score(world.maria.id, created.id, [
      ['yes', 'yes', 2],
      ['yes', 'yes', 1],
    ]);
    await score(world.olli.id, created.id, [
      ['yes', 'yes', 2],
      ['yes', 'yes', 1],
    ]);
    await score(sanna.id, created.id, [['no', 'yes', 0]], false);
    const closed = await as<CalibrationSession>(world.hanna.id, 'calibration.reveal', {
      id: created.id,
      closeMissing: true,
    });
    expect(closed.missing.map((m) => m.name)).toEqual(['Sanna Mäki']);
    const results = await as<CalibrationResults>(world.hanna.id, 'calibration.results', { id: created.id });
    expect(results.counted.map((r) => r.name)).toEqual(['Maria Lind', 'Olli Virtanen']);
    expect(results.session.missing).toHaveLength(1);
    const greeting = results.figures.criteria.find((c) => c.itemId === 'greeting')!;
    expect(greeting.cells[0]!.answers).toHaveLength(2);
    expect(greeting.alpha!.value).toBe(1);
    expect(results.figures.deviations.every((d) => d.meanDeviation === 0)).toBe(true);
    expect(results.figures.criteria[0]!.cells[0]!.reference?.kind).toBe('consensus');
    // Sanna can no longer hand in.
    expect((await refused(sanna.id, 'calibration.submit', { id: created.id })).message).toMatch(/revealed/);
  });

  it('never counts calibration answers as evaluations: agent page, library, queue, export', async () => {
    const plan = await as<QueuePlan>(world.hanna.id, 'queue.savePlan', {
      name: 'Weekly',
      filters: {},
      per: 'agent',
      count: 5,
      reviewerIds: [world.maria.id],
    });
    await as<QueueDraw>(world.hanna.id, 'queue.draw', { planId: plan.id, week: WEEK });
    const created = await createSession();
    for (const who of [world.maria.id, world.olli.id, sanna.id])
      await score(who, created.id, [
        ['yes', 'yes', 2],
        ['yes', 'yes', 2],
      ]);
    await as(world.hanna.id, 'calibration.reveal', { id: created.id });

    const [anna] = interactionIds();
    const evaluations = await as<{ items: EvaluationSummary[] }>(world.hanna.id, 'evaluation.list', {
      interactionId: anna,
    });
    expect(evaluations.items).toEqual([]);
    const overview = await as<AgentOverview>(world.hanna.id, 'agent.overview', {
      agentId: world.agents.anna,
    });
    expect(overview.trend).toEqual([]);
    expect(overview.weakest).toEqual([]);
    const library = await as<{ items: { id: number; score: unknown }[] }>(world.hanna.id, 'library.list', {});
    expect(library.items.find((item) => item.id === anna)?.score ?? null).toBeNull();
    const queue = await as<MyQueue>(world.maria.id, 'queue.mine', { week: WEEK });
    expect(queue.done).toBe(0);
    const csv = await as<{ rows: number }>(world.hanna.id, 'evaluation.exportCsv', {
      rubricId: world.rubricId,
    });
    expect(csv.rows).toBe(0);
  });

  it('refuses a participant moments on its calls while scoring; others work on, and everybody after the reveal', async () => {
    const [anna, mikko] = interactionIds();
    const own = await as<Moment>(world.olli.id, 'moment.create', {
      interactionId: anna,
      startMs: 1000,
      comment: 'Before',
    });
    const created = await createSession({ participantIds: [world.maria.id, world.olli.id] });
    const pin = (who: number, interactionId = anna!) =>
      refused(who, 'moment.create', { interactionId, startMs: 2000, comment: 'Too slow' });

    // Scoring blind: no pinning, no change to a comment, no undo of a delete; handing in changes nothing.
    expect(await pin(world.olli.id)).toMatchObject({ code: 'not_allowed', reason: 'scoring_blind' });
    expect((await pin(world.maria.id, mikko)).message).toMatch(
      /scoring interaction \d+ blind in the calibration session "November calibration"/,
    );
    expect(
      await refused(world.olli.id, 'moment.update', { id: own.id, comment: 'Rude, surely' }),
    ).toMatchObject({ reason: 'scoring_blind' });
    await as(world.olli.id, 'moment.delete', { id: own.id });
    expect(await refused(world.olli.id, 'moment.restore', { id: own.id })).toMatchObject({
      reason: 'scoring_blind',
    });
    await score(world.olli.id, created.id, [
      ['yes', 'yes', 1],
      ['yes', 'yes', 1],
    ]);
    expect(await pin(world.olli.id)).toMatchObject({ reason: 'scoring_blind' });
    // Who does not take part works on: the manager, Sanna; nor are other calls closed to participants.
    await as(world.hanna.id, 'moment.create', { interactionId: anna, startMs: 3000, comment: 'Manager' });
    await as(sanna.id, 'moment.create', { interactionId: anna, startMs: 4000, comment: 'Not in it' });
    const other = [...world.titles].find(
      ([, t]) => t !== 'Anna call 2026-11-02' && t !== 'Mikko call 2026-11-03',
    )![0];
    await as(world.olli.id, 'moment.create', { interactionId: other, startMs: 0, comment: 'Elsewhere' });

    await score(world.maria.id, created.id, [
      ['yes', 'yes', 2],
      ['yes', 'yes', 2],
    ]);
    await as(world.hanna.id, 'calibration.reveal', { id: created.id });
    // After the reveal everybody pins again.
    await as(world.olli.id, 'moment.create', { interactionId: anna, startMs: 5000, comment: 'After' });
    await as(world.maria.id, 'moment.create', { interactionId: mikko, startMs: 5000, comment: 'After' });
    const comments = (await as<Moment[]>(world.hanna.id, 'moment.list', { interactionId: anna })).map(
      (m) => m.comment,
    );
    expect(comments).toEqual(['Manager', 'Not in it', 'After']);
  });

  it('refuses clearly: who may set up, who sees a session, incomplete hand-ins, bad answers', async () => {
    const create = {
      name: 'Refusals',
      rubricId: world.rubricId,
      interactionIds: interactionIds(),
      participantIds: [world.maria.id, world.olli.id],
    };
    expect(await refused(world.maria.id, 'calibration.create', create)).toMatchObject({
      code: 'not_allowed',
    });
    expect((await refused(world.pekka.id, 'calibration.list', {})).message).toMatch(/team lead/);
    expect(
      (await refused(world.hanna.id, 'calibration.create', { ...create, expertId: sanna.id })).message,
    ).toMatch(/expert must be one of the participants/);
    expect(
      (await refused(world.hanna.id, 'calibration.create', { ...create, participantIds: [world.maria.id] }))
        .message,
    ).toMatch(/at least 2 participants/);
    expect(
      (
        await refused(world.hanna.id, 'calibration.create', {
          ...create,
          participantIds: [world.maria.id, world.pekka.id],
        })
      ).message,
    ).toMatch(/Pekka Niemi \(team lead\) does not score calls/);

    const session = await as<CalibrationSession>(world.hanna.id, 'calibration.create', create);
    // Sanna does not take part: the session is not there for her.
    expect(await refused(sanna.id, 'calibration.get', { id: session.id })).toMatchObject({
      code: 'not_found',
    });
    expect(await as<CalibrationSummary[]>(sanna.id, 'calibration.list')).toEqual([]);
    expect((await as<CalibrationSummary[]>(world.maria.id, 'calibration.list')).map((s) => s.id)).toEqual([
      session.id,
    ]);
    expect(
      (
        await refused(world.maria.id, 'calibration.saveAnswers', {
          sessionId: session.id,
          interactionId: interactionIds()[0],
          answers: [{ itemId: 'knowledge', value: { kind: 'scale', value: 5 } }],
        })
      ).message,
    ).toMatch(/above the item's maximum 2/);
    expect(
      (
        await refused(world.maria.id, 'calibration.saveAnswers', {
          sessionId: session.id,
          interactionId: interactionIds()[0],
          answers: [{ itemId: 'nonsense', value: { kind: 'yes' } }],
        })
      ).message,
    ).toMatch(/has no item 'nonsense'/);
    await score(world.maria.id, session.id, [['yes', 'yes', 2]], false);
    expect((await refused(world.maria.id, 'calibration.submit', { id: session.id })).message).toMatch(
      /interaction 2 \("Mikko call 2026-11-03"\): "Greeting" is not answered yet/,
    );
    expect(await refused(world.maria.id, 'calibration.reveal', { id: session.id })).toMatchObject({
      code: 'not_allowed',
    });
  });
});
