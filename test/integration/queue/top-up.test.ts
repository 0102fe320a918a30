import { afterEach, beforeEach, expect, it } from 'vitest';
import { weekCandidates } from '../../../electron/backend/services/queue/candidates';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import type { QueueDraw, QueueItem, QueuePlan, QueueShortfall } from '../../../shared/api/methods/queue';
import { drawTopUp } from '../../../shared/queue/top-up';
import { callAs } from '../../support/backend';
import { TestClock } from '../../support/clock';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { createProfile, refusedAs } from '../evaluations/fixture';
import { buildQueueWorld, DUE, review, WEEK, type QueueWorld } from './fixture';

/**
 * "Draw more" through the API, on the engine under test: a QA manager raises a quota and adds a
 * reviewer mid-week; the week gets only what is missing under the plan as it is now, never an
 * interaction it holds (a replaced one included), seeded and kept like the first draw; reviews done
 * and items replaced stay as they were.
 */

let world: QueueWorld;
let sanna: ReviewerProfile;
let clock: TestClock;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  clock = new TestClock('2026-11-09T08:00:00Z');
  const made = await engineBackend({ clock });
  cleanup = made.cleanup;
  world = await buildQueueWorld(made.backend);
  sanna = await createProfile(made.backend, 'Sanna Mäki', 'qa_supervisor');
});
afterEach(() => cleanup());

const as = <T>(profileId: number, method: string, params: unknown = {}) =>
  callAs<T>(world.backend, profileId, method, params);
type TopUp = { draw: QueueDraw; added: number; short: QueueShortfall[] };
const topUp = (planId: number) => as<TopUp>(world.hanna.id, 'queue.topUp', { planId, week: DUE });
const plan = (id: number | undefined, count: number, reviewerIds: number[]) =>
  as<QueuePlan>(world.hanna.id, 'queue.savePlan', {
    ...(id === undefined ? {} : { id }),
    name: 'Weekly sample',
    filters: {},
    per: 'agent',
    count,
    reviewerIds,
  });
const live = (items: QueueItem[], agentId: number) =>
  items.filter((item) => item.agent.id === agentId && item.state !== 'replaced');

describeEachEngine('drawing more for a week already drawn', () => {
  it('adds only what a raised quota misses, to the new reviewer first, seeded and kept beside the draw', async () => {
    const weekly = await plan(undefined, 2, [world.maria.id, world.olli.id]);
    const first = await as<QueueDraw>(world.hanna.id, 'queue.draw', { planId: weekly.id, week: DUE });
    // Mid-week: Maria reviewed one of hers, Olli replaced one of his.
    clock.advance();
    const mariaItem = first.items.find((item) => item.reviewer.id === world.maria.id)!;
    await review(world, world.maria.id, mariaItem.interaction.id);
    const olliItem = first.items.find(
      (item) => item.reviewer.id === world.olli.id && item.agent.id !== world.agents.jonas,
    )!;
    await as(world.olli.id, 'queue.replace', { itemId: olliItem.id, reason: 'Silent recording' });
    const before = (
      await as<{ draw: QueueDraw }>(world.hanna.id, 'queue.progress', {
        planId: weekly.id,
        week: DUE,
      })
    ).draw;

    // Nothing is missing yet: nothing is drawn, nothing written.
    const idle = await topUp(weekly.id);
    expect(idle.added).toBe(0);
    expect(idle.draw).toEqual(before);

    await plan(weekly.id, 3, [world.maria.id, world.olli.id, sanna.id]);
    clock.advance();
    const more = await topUp(weekly.id);
    expect(more.added).toBe(2);
    const added = more.draw.items.filter((item) => item.topUpId !== null);
    expect(added.map((item) => item.agent.id).sort()).toEqual([world.agents.anna, world.agents.mikko].sort());
    expect(added.every((item) => item.reviewer.id === sanna.id && item.state === 'open')).toBe(true);
    expect(added.every((item) => item.assignedAt === clock.now().toISOString())).toBe(true);
    expect(Math.min(...added.map((item) => item.position))).toBeGreaterThan(
      Math.max(...before.items.map((item) => item.position)),
    );
    // Anna and Mikko now have three that count; Jonas still one, reported under the plan as it is now.
    for (const agentId of [world.agents.anna, world.agents.mikko])
      expect(live(more.draw.items, agentId)).toHaveLength(3);
    const jonasShort = [
      { agent: { id: world.agents.jonas, name: 'Jonas Keller' }, team: null, wanted: 3, available: 1 },
    ];
    expect(more.draw.short).toEqual(jonasShort);
    expect(more.short).toEqual(jonasShort);
    // Never an interaction twice, the replaced one included; what was done stays done.
    const ids = more.draw.items.map((item) => item.interaction.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(more.draw.items.find((item) => item.id === mariaItem.id)?.state).toBe('done');
    expect(more.draw.items.find((item) => item.id === olliItem.id)?.state).toBe('replaced');
    expect(more.draw.byReviewer.find((row) => row.reviewer.id === sanna.id)).toMatchObject({
      done: 0,
      total: 2,
    });
    // Kept: who, when, the seed, the plan as it was then; the first draw's plan is untouched.
    expect(more.draw.plan.count).toBe(2);
    expect(more.draw.topUps).toEqual([
      {
        id: added[0]!.topUpId,
        seed: `${first.seed}:top-up-1`,
        drawnAt: clock.now().toISOString(),
        drawnBy: { id: world.hanna.id, name: 'Hanna Koch', role: 'qa_manager' },
        plan: expect.objectContaining({ per: 'agent', count: 3 }) as unknown,
        added: 2,
      },
    ]);
    expect(more.draw.topUps[0]!.plan.reviewers.map((r) => r.name)).toEqual([
      'Maria Lind',
      'Olli Virtanen',
      'Sanna Mäki',
    ]);
    // Explainable: the seed, the plan and what the week held give the same items again.
    const { candidates, agents } = await weekCandidates(world.backend.database.query, weekly.filters, WEEK);
    const again = drawTopUp({
      seed: more.draw.topUps[0]!.seed,
      per: 'agent',
      count: 3,
      reviewerIds: [world.maria.id, world.olli.id, sanna.id],
      agents,
      candidates,
      held: before.items.map((item) => ({
        interactionId: item.interaction.id,
        agentId: item.agent.id,
        reviewerId: item.reviewer.id,
        channel: item.channel,
        day: item.day,
        replaced: item.state === 'replaced',
      })),
    });
    expect(again.items.map((item) => [item.interactionId, item.reviewerId])).toEqual(
      added.map((item) => [item.interaction.id, item.reviewer.id]),
    );

    // Drawing more again finds nothing missing: no second top-up is kept.
    const twice = await topUp(weekly.id);
    expect(twice.added).toBe(0);
    expect(twice.draw.topUps).toHaveLength(1);
    expect(twice.short).toEqual(jonasShort);
    // A top-up item is replaced like any other, from the plan the week is now worked under.
    const { replacement } = await as<{ replacement: QueueItem | null }>(sanna.id, 'queue.replace', {
      itemId: added[0]!.id,
      reason: 'Wrong agent',
    });
    expect(replacement).toMatchObject({ agent: { id: added[0]!.agent.id }, reviewer: { id: sanna.id } });
    expect(ids).not.toContain(replacement!.interaction.id);
    // Sanna's queue says it: her items of the week, the top-up's.
    const hers = await as<{ items: QueueItem[] }>(sanna.id, 'queue.mine', { week: DUE });
    expect(hers.items.filter((item) => item.state !== 'replaced')).toHaveLength(2);
  });

  it('refuses drawing more before the week is drawn, and to anyone but a QA manager', async () => {
    const weekly = await plan(undefined, 2, [world.maria.id]);
    const early = await refusedAs(world.backend, world.hanna.id, 'queue.topUp', {
      planId: weekly.id,
      week: DUE,
    });
    expect(early).toMatchObject({ code: 'conflict' });
    expect(early.message).toMatch(/has not been drawn for 2026-W46 yet; draw the week first/);
    await as(world.hanna.id, 'queue.draw', { planId: weekly.id, week: DUE });
    const supervisor = await refusedAs(world.backend, world.maria.id, 'queue.topUp', {
      planId: weekly.id,
      week: DUE,
    });
    expect(supervisor).toMatchObject({ code: 'not_allowed' });
    expect(
      (await refusedAs(world.backend, world.hanna.id, 'queue.topUp', { planId: 999, week: DUE })).message,
    ).toMatch(/no review plan with id 999/);
  });
});
