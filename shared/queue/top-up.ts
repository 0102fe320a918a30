import {
  groupBy,
  pickSpread,
  poolsByAgent,
  shareOut,
  toItem,
  type Draw,
  type DrawnItem,
  type DrawRequest,
  type ScopeAgent,
  type Shortfall,
} from './draw';
import { seededRandom, shuffled, type Random } from './random';

/**
 * "Draw more": a week already drawn, topped up to what the plan asks for as it is now (a reviewer was
 * added, a quota raised) without touching what was drawn. Only what is missing is drawn:
 * - per agent: each agent in scope up to `count` items that count (replaced ones do not);
 * - per team: each team up to `count`, the new ones going first to its agents with fewest items;
 * - per reviewer: each of the plan's reviewers up to `count` items, from the agents with fewest.
 * Never an interaction the week holds already (a replaced one included: it was unusable). The new picks
 * continue each agent's spread across days and channels, and go to the reviewers with the fewest items
 * of the week, so loads even out. Seeded like the first draw: the same week, plan and seed give the
 * same top-up, whatever order the rows come in. Shortfalls are those of the plan as it is now,
 * counting what the week holds.
 */

/** An item the week holds already, replaced or not. */
export interface HeldItem {
  readonly interactionId: number;
  readonly agentId: number;
  readonly reviewerId: number;
  readonly channel: string;
  readonly day: string;
  readonly replaced: boolean;
}

export interface TopUpRequest extends DrawRequest {
  readonly held: readonly HeldItem[];
}

export function drawTopUp(request: TopUpRequest): Draw {
  if (request.reviewerIds.length === 0) throw new Error('a draw needs at least one reviewer');
  if (!Number.isInteger(request.count) || request.count < 1) throw new Error('a draw asks for at least one');
  const random = seededRandom(request.seed);
  const agents = [...request.agents].sort((a, b) => a.id - b.id);
  const live = [...request.held]
    .filter((item) => !item.replaced)
    .sort((a, b) => a.interactionId - b.interactionId);
  const taken = new Set(request.held.map((item) => item.interactionId));
  const matched = poolsByAgent(request.candidates);
  const pools = poolsByAgent(request.candidates.filter((candidate) => !taken.has(candidate.id)));
  const has = countBy(live, (item) => item.agentId);
  const have = (agent: ScopeAgent) => has.get(agent.id) ?? 0;
  const left = (agent: ScopeAgent) => pools.get(agent.id)?.length ?? 0;
  const capacity = (agent: ScopeAgent) => have(agent) + left(agent);
  // Every agent starts from what they hold; the draw raises these to the new totals.
  const totals = new Map(agents.map((agent) => [agent.id, have(agent)]));
  const short: Shortfall[] = [];
  const { count } = request;

  if (request.per === 'agent') {
    for (const agent of agents) {
      totals.set(agent.id, Math.max(have(agent), Math.min(count, capacity(agent))));
      if (capacity(agent) < count)
        short.push({ agentId: agent.id, teamId: agent.teamId, wanted: count, available: capacity(agent) });
    }
  } else if (request.per === 'team') {
    for (const [teamId, members] of groupBy(agents, (agent) => agent.teamId)) {
      const held = members.reduce((sum, agent) => sum + have(agent), 0);
      const reachable = members.reduce((sum, agent) => sum + capacity(agent), 0);
      if (reachable < count) short.push({ agentId: null, teamId, wanted: count, available: reachable });
      shareOut(members, Math.max(0, count - held), capacity, random, totals);
    }
  } else {
    const loads = countBy(live, (item) => item.reviewerId);
    const missing = request.reviewerIds.reduce(
      (sum, id) => sum + Math.max(0, count - (loads.get(id) ?? 0)),
      0,
    );
    const wanted = count * request.reviewerIds.length;
    const spare = agents.reduce((sum, agent) => sum + left(agent), 0);
    if (spare < missing)
      short.push({ agentId: null, teamId: null, wanted, available: wanted - missing + spare });
    shareOut(agents, missing, capacity, random, totals);
  }

  const picked: Omit<DrawnItem, 'reviewerId'>[] = [];
  for (const agent of shuffled(agents, random)) {
    const pool = pools.get(agent.id) ?? [];
    const kept = live.filter((item) => item.agentId === agent.id);
    for (const candidate of pickSpread(pool, (totals.get(agent.id) ?? 0) - have(agent), random, kept))
      picked.push({ ...toItem(candidate), pool: matched.get(agent.id)?.length ?? 0 });
  }
  return { items: assign(picked, request.reviewerIds, live, random), short };
}

/**
 * Each new item to the reviewer with the fewest items of the week so far (new ones included); ties
 * in a turn order starting at a random reviewer, as the first draw's round goes.
 */
function assign(
  picked: readonly Omit<DrawnItem, 'reviewerId'>[],
  reviewerIds: readonly number[],
  live: readonly HeldItem[],
  random: Random,
): DrawnItem[] {
  const reviewers = [...reviewerIds].sort((a, b) => a - b);
  const loads = countBy(live, (item) => item.reviewerId);
  const start = random.below(reviewers.length);
  const turn = reviewers.map((_, index) => reviewers[(start + index) % reviewers.length]!);
  return picked.map((item) => {
    let best = turn[0]!;
    for (const id of turn) if ((loads.get(id) ?? 0) < (loads.get(best) ?? 0)) best = id;
    loads.set(best, (loads.get(best) ?? 0) + 1);
    return { ...item, reviewerId: best };
  });
}

function countBy<T>(items: readonly T[], key: (item: T) => number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
