import { afterEach, beforeEach, expect, it } from 'vitest';
import { weekCandidates } from '../../../electron/backend/services/queue/candidates';
import type { MyQueue, QueueDraw, QueueItem, QueuePlan } from '../../../shared/api/methods/queue';
import { drawSample } from '../../../shared/queue/draw';
import { callAs } from '../../support/backend';
import { TestClock } from '../../support/clock';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { refusedAs } from '../evaluations/fixture';
import { buildQueueWorld, DUE, review, WEEK, type QueueWorld } from './fixture';

/**
 * The weekly review queue through the API, on the engine under test: a QA manager's plan, the week's
 * draw (reproducible, spread, short agents reported, shared evenly), a reviewer's queue and its
 * progress, replacing an item with a reason, and the refusals.
 */

let world: QueueWorld;
let cleanup: () => Promise<void>;
let clock: TestClock;

beforeEach(async () => {
  clock = new TestClock('2026-11-09T08:00:00Z');
  const made = await engineBackend({ clock });
  cleanup = made.cleanup;
  world = await buildQueueWorld(made.backend);
});
afterEach(() => cleanup());

const as = <T>(profileId: number, method: string, params: unknown = {}) =>
  callAs<T>(world.backend, profileId, method, params);

/** Three per agent from both teams, shared by Maria and Olli. */
const weeklyPlan = (extra: Record<string, unknown> = {}) =>
  as<QueuePlan>(world.hanna.id, 'queue.savePlan', {
    name: 'Weekly sample',
    filters: {},
    per: 'agent',
    count: 3,
    reviewerIds: [world.maria.id, world.olli.id],
    ...extra,
  });
const draw = (planId: number, week = DUE) => as<QueueDraw>(world.hanna.id, 'queue.draw', { planId, week });
const mine = (profileId: number) => as<MyQueue>(profileId, 'queue.mine', { week: DUE });
const ofAgent = (items: QueueItem[], agentId: number) =>
  items.filter((item) => item.agent.id === agentId && item.state !== 'replaced');

describeEachEngine('queue plans and the weekly draw', () => {
  it('draws three per agent spread over days and channels, reports a short agent and shares the work evenly', async () => {
    const plan = await weeklyPlan();
    expect(plan).toMatchObject({ name: 'Weekly sample', per: 'agent', count: 3, weeksDrawn: [] });
    expect(plan.reviewers.map((r) => r.name)).toEqual(['Maria Lind', 'Olli Virtanen']);
    expect(plan.createdBy?.name).toBe('Hanna Koch');

    const drawn = await draw(plan.id);
    const anna = ofAgent(drawn.items, world.agents.anna);
    expect(anna).toHaveLength(3);
    expect(new Set(anna.map((item) => item.day)).size).toBe(3);
    expect(new Set(anna.map((item) => item.interaction.kind))).toEqual(new Set(['call', 'chat']));
    expect(anna.every((item) => item.pool === 10)).toBe(true);
    expect(ofAgent(drawn.items, world.agents.mikko)).toHaveLength(3);
    // Jonas took one call: it is drawn, and he is reported short rather than padded.
    expect(ofAgent(drawn.items, world.agents.jonas).map((item) => item.interaction.title)).toEqual([
      'Jonas call Monday',
    ]);
    expect(drawn.short).toEqual([
      { agent: { id: world.agents.jonas, name: 'Jonas Keller' }, team: null, wanted: 3, available: 1 },
    ]);
    const titles = drawn.items.map((item) => item.interaction.title);
    expect(new Set(titles).size).toBe(7);
    expect(titles).not.toContain('Anna call next week');
    const loads = drawn.byReviewer.map((row) => row.total).sort();
    expect(loads).toEqual([3, 4]);
    expect(drawn.byAgent.map((row) => [row.agent.name, row.done, row.total])).toEqual([
      ['Anna Berg', 0, 3],
      ['Jonas Keller', 0, 1],
      ['Mikko Laine', 0, 3],
    ]);
    expect(drawn.drawnBy?.name).toBe('Hanna Koch');
    expect(drawn.plan).toMatchObject({ per: 'agent', count: 3 });

    // Auditable: the seed and the plan as drawn give the same items again.
    const { candidates, agents } = await weekCandidates(
      world.backend.database.query,
      drawn.plan.filters,
      WEEK,
    );
    const again = drawSample({
      seed: drawn.seed,
      per: 'agent',
      count: 3,
      reviewerIds: [world.maria.id, world.olli.id],
      agents,
      candidates,
    });
    expect(again.items.map((item) => [item.interactionId, item.reviewerId])).toEqual(
      drawn.items.map((item) => [item.interaction.id, item.reviewer.id]),
    );

    // Kept: the manager reads it back; a second draw of the same week is refused.
    const progress = await as<{ draw: QueueDraw }>(world.hanna.id, 'queue.progress', {
      planId: plan.id,
      week: DUE,
    });
    expect(progress.draw).toEqual(drawn);
    const twice = await refusedAs(world.backend, world.hanna.id, 'queue.draw', {
      planId: plan.id,
      week: DUE,
    });
    expect(twice).toMatchObject({ code: 'conflict' });
    expect(twice.message).toMatch(/drawn for 2026-W46 already.*by Hanna Koch/);
    expect(await as(world.hanna.id, 'queue.progress', { planId: plan.id, week: '2026-W47' })).toEqual({
      draw: null,
    });
    expect((await as<QueuePlan[]>(world.hanna.id, 'queue.plans'))[0]!.weeksDrawn).toEqual([DUE]);
    // Each draw samples the week before the one it is due in: the one due in W47 takes W46's call.
    const later = await draw(plan.id, '2026-W47');
    expect(later.items.map((item) => item.interaction.title)).toEqual(['Anna call next week']);
  });

  it('samples only what the filters let through', async () => {
    // Anna's Billing call on Tuesday is reviewed already (Monday's is outbound and rated bad).
    const tuesday = [...world.titles].find(([, title]) => title === 'Anna call 2026-11-03')![0];
    await review(world, world.olli.id, tuesday);
    const plan = await weeklyPlan({
      name: 'Billing, not reviewed',
      count: 10,
      filters: {
        teamIds: [world.teams.care],
        channels: ['call'],
        queues: ['Billing'],
        minDurationSeconds: 200,
        maxDurationSeconds: 400,
        directions: ['inbound'],
        notYetReviewed: true,
        customerRatings: ['good'],
      },
    });
    const drawn = await draw(plan.id);
    // Anna's calls Tuesday to Friday are rated good and inbound; Tuesday's is reviewed; Mikko's are short.
    expect(drawn.items.map((item) => item.interaction.title).sort()).toEqual([
      'Anna call 2026-11-04',
      'Anna call 2026-11-05',
      'Anna call 2026-11-06',
    ]);
    expect(drawn.short.map((s) => [s.agent?.name, s.available])).toEqual([
      ['Anna Berg', 3],
      ['Mikko Laine', 0],
    ]);
  });

  it("draws by the customer's rating as set in an interaction's details, and refuses a rating that is not one", async () => {
    const mikkoWednesday = [...world.titles].find(([, title]) => title === 'Mikko call 2026-11-04')![0];
    await as(world.hanna.id, 'interaction.updateDetails', {
      id: mikkoWednesday,
      details: { customerRating: 'bad' },
    });
    const plan = await weeklyPlan({ name: 'Unhappy customers', filters: { customerRatings: ['bad'] } });
    const drawn = await draw(plan.id);
    expect(drawn.items.map((item) => item.interaction.title).sort()).toEqual([
      'Anna call 2026-11-02',
      'Mikko call 2026-11-04',
    ]);
    const wrong = await refusedAs(world.backend, world.hanna.id, 'interaction.updateDetails', {
      id: mikkoWednesday,
      details: { customerRating: 'great' },
    });
    expect(wrong.message).toMatch(/details.customerRating: must be bad, neutral, good or null/);
  });

  it('gives no new work to a reviewer who has become a team lead since the plan was made', async () => {
    const plan = await weeklyPlan();
    await as(world.olli.id, 'profile.update', { id: world.olli.id, role: 'team_lead' });
    const drawn = await draw(plan.id);
    expect(new Set(drawn.items.map((item) => item.reviewer.name))).toEqual(new Set(['Maria Lind']));
  });

  it('shares a team quota among its agents, and a quota per reviewer over everyone', async () => {
    const perTeam = await weeklyPlan({ name: 'Per team', per: 'team', count: 4 });
    const teamDraw = await draw(perTeam.id);
    const care = teamDraw.items.filter((item) => item.agent.teamName === 'Customer Care');
    expect(care).toHaveLength(4);
    expect(ofAgent(care, world.agents.anna)).toHaveLength(2);
    expect(teamDraw.short).toEqual([
      { agent: null, team: { id: world.teams.support, name: 'Technical Support' }, wanted: 4, available: 1 },
    ]);
    const perReviewer = await weeklyPlan({ name: 'Per reviewer', per: 'reviewer', count: 5 });
    const reviewerDraw = await draw(perReviewer.id);
    expect(reviewerDraw.byReviewer.map((row) => row.total)).toEqual([5, 5]);
    expect(reviewerDraw.short).toEqual([]);
  });
});

describeEachEngine("a reviewer's queue", () => {
  it('shows what is due with progress; only the reviewer’s own submitted evaluation after assignment counts', async () => {
    const plan = await weeklyPlan();
    await draw(plan.id);
    const before = await mine(world.maria.id);
    expect(before.week).toBe(DUE);
    expect(before.items.every((item) => item.reviewer.id === world.maria.id)).toBe(true);
    expect(before.done).toBe(0);
    expect(before.total).toBe(before.items.length);
    const [first, second] = before.items;

    clock.advance();
    await review(world, world.olli.id, first!.interaction.id); // someone else's review of Maria's item
    await review(world, world.maria.id, second!.interaction.id, false); // a draft
    let now = await mine(world.maria.id);
    expect(now.items.map((item) => item.state).slice(0, 2)).toEqual(['open', 'started']);
    expect(now.items[1]!.evaluationId).not.toBeNull();

    await review(world, world.maria.id, first!.interaction.id);
    now = await mine(world.maria.id);
    expect(now.items[0]!.state).toBe('done');
    expect(now.done).toBe(1);

    const progress = await as<{ draw: QueueDraw }>(world.hanna.id, 'queue.progress', {
      planId: plan.id,
      week: DUE,
    });
    expect(progress.draw.byReviewer.find((row) => row.reviewer.id === world.maria.id)).toMatchObject({
      done: 1,
    });
    const agentRow = progress.draw.byAgent.find((row) => row.agent.id === first!.agent.id)!;
    expect(agentRow.done).toBe(1);
    expect((await mine(world.olli.id)).done).toBe(0);
    expect((await as<MyQueue>(world.maria.id, 'queue.mine', { week: '2026-W47' })).items).toEqual([]);
  });

  it('replaces an item with a reason by a fresh pick for the same agent, and keeps the replaced one', async () => {
    const plan = await weeklyPlan();
    const drawn = await draw(plan.id);
    const target = (await mine(world.maria.id)).items.find((item) => item.agent.id !== world.agents.jonas)!;
    clock.advance();
    const { replaced, replacement } = await as<{ replaced: QueueItem; replacement: QueueItem }>(
      world.maria.id,
      'queue.replace',
      { itemId: target.id, reason: '  Silent recording  ' },
    );
    expect(replaced).toMatchObject({
      id: target.id,
      state: 'replaced',
      replaced: { reason: 'Silent recording', by: { name: 'Maria Lind' } },
    });
    expect(replacement).toMatchObject({
      agent: { id: target.agent.id },
      reviewer: { id: world.maria.id },
      replacesId: target.id,
      position: target.position,
      state: 'open',
    });
    const before = new Set(drawn.items.map((item) => item.interaction.id));
    expect(before.has(replacement.interaction.id)).toBe(false);

    const now = await mine(world.maria.id);
    expect(now.total).toBe(drawn.byReviewer.find((row) => row.reviewer.id === world.maria.id)!.total);
    expect(now.items.filter((item) => item.state === 'replaced').map((item) => item.id)).toEqual([target.id]);
    // Why is this call in the queue? The item that drew it, and what it replaced.
    const why = await as<QueueItem[]>(world.maria.id, 'queue.why', {
      interactionId: replacement.interaction.id,
    });
    expect(why.map((item) => [item.planName, item.week, item.replacesId])).toEqual([
      ['Weekly sample', DUE, target.id],
    ]);

    const again = await refusedAs(world.backend, world.maria.id, 'queue.replace', {
      itemId: target.id,
      reason: 'again',
    });
    expect(again).toMatchObject({ code: 'conflict' });
  });

  it('lets only the item’s reviewer or a manager replace it, never a reviewed one, and says when nothing is left', async () => {
    const plan = await weeklyPlan();
    const drawn = await draw(plan.id);
    const olliItem = drawn.items.find((item) => item.reviewer.id === world.olli.id)!;
    const refused = await refusedAs(world.backend, world.maria.id, 'queue.replace', {
      itemId: olliItem.id,
      reason: 'Wrong agent',
    });
    expect(refused).toMatchObject({ code: 'not_allowed' });
    expect(refused.message).toContain("Olli Virtanen's queue");

    const jonas = drawn.items.find((item) => item.agent.id === world.agents.jonas)!;
    const byManager = await as<{ replacement: QueueItem | null }>(world.hanna.id, 'queue.replace', {
      itemId: jonas.id,
      reason: 'Wrong agent',
    });
    expect(byManager.replacement).toBeNull();

    const done = drawn.items.find((item) => item.agent.id === world.agents.mikko)!;
    clock.advance();
    await review(world, done.reviewer.id, done.interaction.id);
    const reviewed = await refusedAs(world.backend, world.hanna.id, 'queue.replace', {
      itemId: done.id,
      reason: 'x',
    });
    expect(reviewed).toMatchObject({ code: 'conflict' });
    expect(reviewed.message).toMatch(/reviewed/);
  });
});

describeEachEngine('queue refusals', () => {
  it('keeps plans and draws to QA managers and the queue to reviewers, naming the role', async () => {
    const asSupervisor = await refusedAs(world.backend, world.maria.id, 'queue.savePlan', {
      name: 'Mine',
      filters: {},
      per: 'agent',
      count: 1,
      reviewerIds: [world.maria.id],
    });
    expect(asSupervisor).toMatchObject({ code: 'not_allowed' });
    expect(asSupervisor.message).toMatch(/QA supervisor.*may not change review plans/);
    const plan = await weeklyPlan();
    expect(
      await refusedAs(world.backend, world.olli.id, 'queue.draw', { planId: plan.id, week: DUE }),
    ).toMatchObject({
      code: 'not_allowed',
    });
    expect(await refusedAs(world.backend, world.pekka.id, 'queue.mine', { week: WEEK })).toMatchObject({
      code: 'not_allowed',
    });
  });

  it('names what is wrong in a bad plan or week and stores nothing', async () => {
    const bad = (params: Record<string, unknown>) =>
      refusedAs(world.backend, world.hanna.id, 'queue.savePlan', {
        name: 'Bad',
        filters: {},
        per: 'agent',
        count: 2,
        reviewerIds: [world.maria.id],
        ...params,
      });
    expect((await bad({ count: 0 })).message).toMatch(/count: at least 1/);
    expect((await bad({ reviewerIds: [] })).message).toMatch(/at least one reviewer/);
    expect((await bad({ reviewerIds: [world.maria.id, world.maria.id] })).message).toMatch(/listed twice/);
    expect((await bad({ filters: { minDurationSeconds: 300, maxDurationSeconds: 60 } })).message).toMatch(
      /minDurationSeconds: the shortest duration is longer than the longest/,
    );
    expect((await bad({ filters: { channel: ['call'] } })).code).toBe('invalid_params');
    const lead = await bad({ reviewerIds: [world.maria.id, world.pekka.id] });
    expect(lead).toMatchObject({ code: 'invalid_params' });
    expect(lead.message).toMatch(/reviewerIds\[1\]: Pekka Niemi \(role team_lead\) does not review/);
    expect((await bad({ filters: { teamIds: [999] } })).message).toMatch(
      /filters.teamIds\[0\]: there is no team/,
    );
    expect(await as(world.hanna.id, 'queue.plans')).toEqual([]);

    const plan = await weeklyPlan();
    expect((await bad({ name: 'weekly SAMPLE' })).message).toMatch(/named "weekly SAMPLE" exists already/);
    const week = await refusedAs(world.backend, world.hanna.id, 'queue.draw', {
      planId: plan.id,
      week: '2026-45',
    });
    expect(week).toMatchObject({ code: 'invalid_params' });
    expect(week.message).toMatch(/week: expected a week such as 2026-W45/);
    expect(
      (await refusedAs(world.backend, world.hanna.id, 'queue.draw', { planId: plan.id, week: '2021-W53' }))
        .code,
    ).toBe('invalid_params');
    expect(
      (await refusedAs(world.backend, world.hanna.id, 'queue.draw', { planId: 999, week: DUE })).message,
    ).toMatch(/no review plan with id 999/);
    expect(
      (await refusedAs(world.backend, world.maria.id, 'queue.replace', { itemId: 1, reason: '   ' })).message,
    ).toMatch(/say why/);
  });
});
