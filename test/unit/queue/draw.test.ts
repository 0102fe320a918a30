import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawReplacement, drawSample, type Candidate, type DrawRequest } from '../../../shared/queue/draw';
import { seededRandom, shuffled } from '../../../shared/queue/random';
import { isIsoWeek, sampledWeek, shiftWeek, weekDays, weekOf } from '../../../shared/queue/week';

const DAYS = weekDays('2026-W45');

/** An agent's week: `perDay` calls and `perDay` chats on each of the given days. */
function week(agentId: number, days: readonly string[], perDay: number, firstId: number): Candidate[] {
  const out: Candidate[] = [];
  let id = firstId;
  for (const day of days)
    for (const channel of ['call', 'chat'])
      for (let n = 0; n < perDay; n++) out.push({ id: id++, agentId, channel, day });
  return out;
}

const busyWeek = [...week(1, DAYS.slice(0, 5), 4, 1), ...week(2, DAYS.slice(0, 5), 4, 1000)];
const request = (over: Partial<DrawRequest> = {}): DrawRequest => ({
  seed: 'plan:1:week:2026-W45',
  per: 'agent',
  count: 4,
  reviewerIds: [10, 11],
  agents: [
    { id: 1, teamId: 1 },
    { id: 2, teamId: 1 },
  ],
  candidates: busyWeek,
  ...over,
});

describe('drawSample', () => {
  it('gives the same draw for the same seed, whatever order the interactions come in', () => {
    const first = drawSample(request());
    const reordered = shuffled(busyWeek, seededRandom('another order'));
    const again = drawSample(request({ candidates: reordered, agents: [...request().agents].reverse() }));
    expect(again).toEqual(first);
    expect(first.items).toHaveLength(8);
    const otherWeek = drawSample(request({ seed: 'plan:1:week:2026-W46' }));
    expect(otherWeek.items.map((item) => item.interactionId)).not.toEqual(
      first.items.map((item) => item.interactionId),
    );
  });

  it("spreads an agent's picks across the week's days and their channels", () => {
    const { items } = drawSample(request({ count: 5, reviewerIds: [10] }));
    for (const agentId of [1, 2]) {
      const mine = items.filter((item) => item.agentId === agentId);
      expect(new Set(mine.map((item) => item.day)).size).toBe(5);
      const calls = mine.filter((item) => item.channel === 'call').length;
      expect(Math.abs(calls - (mine.length - calls))).toBeLessThanOrEqual(1);
    }
    // Two picks from a week of calls and chats: one of each, on two days.
    const two = drawSample(request({ count: 2 })).items.filter((item) => item.agentId === 1);
    expect(new Set(two.map((item) => item.channel))).toEqual(new Set(['call', 'chat']));
    expect(new Set(two.map((item) => item.day)).size).toBe(2);
  });

  it('reports agents with too few interactions and does not pad their share from others', () => {
    const thin = [...busyWeek, { id: 5000, agentId: 3, channel: 'call', day: DAYS[2]! }];
    const { items, short } = drawSample(
      request({
        candidates: thin,
        agents: [...request().agents, { id: 3, teamId: 2 }, { id: 4, teamId: 2 }],
      }),
    );
    expect(items.filter((item) => item.agentId === 3).map((item) => item.interactionId)).toEqual([5000]);
    expect(items.filter((item) => item.agentId === 1)).toHaveLength(4);
    expect(items).toHaveLength(9);
    expect(short).toEqual([
      { agentId: 3, teamId: 2, wanted: 4, available: 1 },
      { agentId: 4, teamId: 2, wanted: 4, available: 0 },
    ]);
  });

  it('shares a team quota among its agents and reports a team that has too few', () => {
    const thin = [...busyWeek, { id: 5000, agentId: 3, channel: 'call', day: DAYS[2]! }];
    const { items, short } = drawSample(
      request({
        per: 'team',
        count: 5,
        candidates: thin,
        agents: [...request().agents, { id: 3, teamId: 2 }],
      }),
    );
    const team1 = items.filter((item) => item.agentId !== 3);
    expect(team1).toHaveLength(5);
    const perAgent = [1, 2].map((agent) => team1.filter((item) => item.agentId === agent).length).sort();
    expect(perAgent).toEqual([2, 3]);
    expect(short).toEqual([{ agentId: null, teamId: 2, wanted: 5, available: 1 }]);
  });

  it('draws count × reviewers for a quota per reviewer, spread over the agents', () => {
    const { items, short } = drawSample(request({ per: 'reviewer', count: 3, reviewerIds: [10, 11, 12] }));
    expect(items).toHaveLength(9);
    expect(short).toEqual([]);
    const byAgent = [1, 2].map((agent) => items.filter((item) => item.agentId === agent).length).sort();
    expect(byAgent).toEqual([4, 5]);
    for (const reviewer of [10, 11, 12])
      expect(items.filter((item) => item.reviewerId === reviewer)).toHaveLength(3);
  });

  it('never draws an interaction twice, takes what each agent can give and shares it evenly', () => {
    const candidate = fc.record({
      id: fc.integer({ min: 1, max: 300 }),
      agentId: fc.integer({ min: 1, max: 6 }),
      channel: fc.constantFrom('call', 'chat'),
      day: fc.constantFrom(...DAYS),
    });
    fc.assert(
      fc.property(
        fc.array(candidate, { maxLength: 200 }),
        fc.integer({ min: 1, max: 8 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 5 }),
        fc.string(),
        (raw, count, reviewerIds, seed) => {
          // One interaction has one agent: the first reading of an id wins.
          const byId = new Map<number, Candidate>();
          for (const c of raw) if (!byId.has(c.id)) byId.set(c.id, c);
          const candidates = [...byId.values()];
          const agents = [1, 2, 3, 4, 5, 6].map((id) => ({ id, teamId: id % 2 }));
          const { items, short } = drawSample({ seed, per: 'agent', count, reviewerIds, agents, candidates });
          const ids = items.map((item) => item.interactionId);
          expect(new Set(ids).size).toBe(ids.length);
          for (const item of items) expect(byId.get(item.interactionId)?.agentId).toBe(item.agentId);
          for (const agent of agents) {
            const available = candidates.filter((c) => c.agentId === agent.id).length;
            expect(items.filter((item) => item.agentId === agent.id)).toHaveLength(
              Math.min(count, available),
            );
            expect(short.some((s) => s.agentId === agent.id)).toBe(available < count);
          }
          const loads = reviewerIds.map((id) => items.filter((item) => item.reviewerId === id).length);
          expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a draw without reviewers or with nothing to draw', () => {
    expect(() => drawSample(request({ reviewerIds: [] }))).toThrow(/reviewer/);
    expect(() => drawSample(request({ count: 0 }))).toThrow(/at least one/);
  });
});

describe('drawReplacement', () => {
  it("picks one of the agent's other interactions, away from the days and channels kept", () => {
    const pool = week(1, DAYS.slice(0, 3), 1, 1);
    const kept = [
      { channel: 'call', day: DAYS[0]! },
      { channel: 'chat', day: DAYS[1]! },
      { channel: 'call', day: DAYS[1]! },
    ];
    const pick = drawReplacement('seed', pool, kept);
    expect(pick?.day).toBe(DAYS[2]);
    expect(drawReplacement('seed', pool, kept)).toEqual(pick);
    expect(drawReplacement('seed', [], kept)).toBeNull();
  });
});

describe('weeks', () => {
  it('names ISO weeks, Monday to Sunday, across year ends', () => {
    expect(weekOf('2026-11-02T09:14:00Z')).toBe('2026-W45');
    expect(weekOf('2026-11-08')).toBe('2026-W45');
    expect(weekDays('2026-W45')).toEqual([
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
      '2026-11-07',
      '2026-11-08',
    ]);
    expect(weekOf('2021-01-03')).toBe('2020-W53');
    expect(weekOf('2024-12-30')).toBe('2025-W01');
    expect(isIsoWeek('2020-W53')).toBe(true);
    expect(isIsoWeek('2021-W53')).toBe(false);
    expect(isIsoWeek('2026-W00')).toBe(false);
    expect(isIsoWeek('2026-45')).toBe(false);
    expect(shiftWeek('2026-W01', -1)).toBe('2025-W52');
    expect(shiftWeek('2026-W45', 1)).toBe('2026-W46');
    // Reviews due in a week sample the week before it.
    expect(sampledWeek('2026-W46')).toBe('2026-W45');
    expect(sampledWeek('2026-W01')).toBe('2025-W52');
  });
});
