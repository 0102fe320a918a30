import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawSample, type Candidate, type DrawnItem, type DrawRequest } from '../../../shared/queue/draw';
import { seededRandom, shuffled } from '../../../shared/queue/random';
import { drawTopUp, type HeldItem } from '../../../shared/queue/top-up';
import { weekDays } from '../../../shared/queue/week';

const DAYS = weekDays('2026-W45').slice(0, 5);

/** An agent's week: a call and a chat on each weekday. */
function week(agentId: number, firstId: number): Candidate[] {
  return DAYS.flatMap((day, index) => [
    { id: firstId + 2 * index, agentId, channel: 'call', day },
    { id: firstId + 2 * index + 1, agentId, channel: 'chat', day },
  ]);
}

const candidates = [...week(1, 100), ...week(2, 200), ...week(3, 300)];
const agents = [
  { id: 1, teamId: 1 },
  { id: 2, teamId: 1 },
  { id: 3, teamId: 2 },
];
const first = (over: Partial<DrawRequest> = {}): DrawRequest => ({
  seed: 'earmark-queue:plan-1:2026-W46',
  per: 'agent',
  count: 2,
  reviewerIds: [10, 11],
  agents,
  candidates,
  ...over,
});
const held = (items: readonly DrawnItem[], replaced: number[] = []): HeldItem[] =>
  items.map((item) => ({ ...item, replaced: replaced.includes(item.interactionId) }));
const topUp = (start: DrawRequest, over: Partial<DrawRequest> = {}, replaced: number[] = []) =>
  drawTopUp({
    ...start,
    seed: `${start.seed}:top-up-1`,
    held: held(drawSample(start).items, replaced),
    ...over,
  });
const perAgent = (items: readonly { agentId: number }[]) =>
  [1, 2, 3].map((id) => items.filter((item) => item.agentId === id).length);

describe('drawTopUp ("Draw more")', () => {
  it('adds nothing while the plan asks for what the week holds, whatever the quota kind', () => {
    for (const per of ['agent', 'team', 'reviewer'] as const)
      expect(topUp(first({ per })).items, per).toEqual([]);
  });

  it('draws only the missing ones when a quota is raised: never one the week holds, spread on', () => {
    const start = first();
    const before = drawSample(start).items;
    const more = topUp(start, { count: 4 });
    expect(perAgent(more.items)).toEqual([2, 2, 2]);
    const ids = [...before, ...more.items].map((item) => item.interactionId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const agentId of [1, 2, 3]) {
      const all = [...before, ...more.items].filter((item) => item.agentId === agentId);
      // Four of a week of calls and chats on five days: four days, two of each channel.
      expect(new Set(all.map((item) => item.day)).size).toBe(4);
      expect(all.filter((item) => item.channel === 'call')).toHaveLength(2);
    }
    // The loads stay even: 3 + 3 before, 3 more each now.
    expect([10, 11].map((id) => more.items.filter((item) => item.reviewerId === id).length)).toEqual([3, 3]);
    expect(more.items.every((item) => item.pool === 10)).toBe(true);
  });

  it('is seeded: the same week and seed give the same top-up, whatever order the rows come in', () => {
    const start = first();
    const again = drawTopUp({
      ...start,
      seed: `${start.seed}:top-up-1`,
      count: 4,
      candidates: shuffled(candidates, seededRandom('other order')),
      agents: [...agents].reverse(),
      held: [...held(drawSample(start).items)].reverse(),
    });
    expect(again).toEqual(topUp(start, { count: 4 }));
    expect(topUp(start, { count: 4, seed: 'another seed' }).items).not.toEqual(again.items);
  });

  it('gives a reviewer added to the plan the new work first', () => {
    const more = topUp(first(), { count: 3, reviewerIds: [10, 11, 12] });
    // 6 held (3 each for 10 and 11), 3 new: all to the newcomer.
    expect(more.items.map((item) => item.reviewerId)).toEqual([12, 12, 12]);
  });

  it('fills each reviewer up to a quota per reviewer, the newcomer included, from the agents with fewest', () => {
    const start = first({ per: 'reviewer', count: 3 });
    const before = drawSample(start).items;
    expect(perAgent(before).sort()).toEqual([2, 2, 2]);
    const more = topUp(start, { reviewerIds: [10, 11, 12] });
    expect(more.items).toHaveLength(3);
    expect(more.items.every((item) => item.reviewerId === 12)).toBe(true);
    expect(perAgent(more.items)).toEqual([1, 1, 1]);
    expect(more.short).toEqual([]);
  });

  it('evens a team out when its quota is raised, and reports who falls short under the plan as it is now', () => {
    const start = first({ per: 'team', count: 3 });
    const before = drawSample(start).items;
    const more = topUp(start, { count: 6 });
    const team1 = perAgent([...before, ...more.items]).slice(0, 2);
    expect(team1).toEqual([3, 3]);
    expect(perAgent(more.items)[2]).toBe(3);
    const tooMany = topUp(start, { count: 12 });
    expect(tooMany.short).toEqual([{ agentId: null, teamId: 2, wanted: 12, available: 10 }]);
    expect(perAgent([...before, ...tooMany.items])).toEqual([6, 6, 10]);
  });

  it('does not count a replaced item, nor draw its interaction again', () => {
    const start = first({ count: 10 });
    const before = drawSample(start).items;
    const gone = before.find((item) => item.agentId === 1)!.interactionId;
    // Agent 1's week is used up: the replaced call cannot come back; the others need nothing.
    const more = topUp(start, {}, [gone]);
    expect(more.items).toEqual([]);
    expect(more.short).toEqual([{ agentId: 1, teamId: 1, wanted: 10, available: 9 }]);
    // A call of agent 1 that turned up later (its rating set, say) fills the gap.
    const late = { id: 999, agentId: 1, channel: 'call', day: DAYS[0]! };
    const filled = topUp(start, { candidates: [...candidates, late] }, [gone]);
    expect(filled.items.map((item) => item.interactionId)).toEqual([999]);
  });

  it('never draws twice, and tops each agent up to what the plan and their week allow', () => {
    const candidate = fc.record({
      id: fc.integer({ min: 1, max: 300 }),
      agentId: fc.integer({ min: 1, max: 6 }),
      channel: fc.constantFrom('call', 'chat'),
      day: fc.constantFrom(...DAYS),
    });
    fc.assert(
      fc.property(
        fc.array(candidate, { maxLength: 150 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 4 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 4 }),
        fc.string(),
        (raw, count, raise, reviewersThen, reviewersNow, seed) => {
          const byId = new Map<number, Candidate>();
          for (const c of raw) if (!byId.has(c.id)) byId.set(c.id, c);
          const pool = [...byId.values()];
          const scope = [1, 2, 3, 4, 5, 6].map((id) => ({ id, teamId: id % 2 }));
          const start: DrawRequest = {
            seed,
            per: 'agent',
            count,
            reviewerIds: reviewersThen,
            agents: scope,
            candidates: pool,
          };
          const before = drawSample(start).items;
          const more = drawTopUp({
            ...start,
            seed: `${seed}:top-up`,
            count: count + raise,
            reviewerIds: reviewersNow,
            held: held(before),
          });
          const ids = [...before, ...more.items].map((item) => item.interactionId);
          expect(new Set(ids).size).toBe(ids.length);
          for (const item of more.items) {
            expect(byId.get(item.interactionId)?.agentId).toBe(item.agentId);
            expect(reviewersNow).toContain(item.reviewerId);
          }
          for (const agent of scope) {
            const available = pool.filter((c) => c.agentId === agent.id).length;
            const total = [...before, ...more.items].filter((item) => item.agentId === agent.id).length;
            expect(total).toBe(Math.min(count + raise, available));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
