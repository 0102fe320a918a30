import { seededRandom, shuffled, type Random } from './random';

/**
 * The weekly draw of the review queue, as a pure function: given the interactions that match a plan in
 * one week, it picks how many the plan asks for per agent (or per team, or per reviewer), spread across
 * the week's days and the agent's channels, never one interaction twice, and shares them evenly among
 * the reviewers. The same seed and the same interactions give the same draw, whatever order they come
 * in: the backend seeds it from the plan and the week, so a draw can be repeated to show why a call was
 * picked. Agents (or teams) with fewer matching interactions than asked are reported, never padded
 * with calls from elsewhere.
 */

export type QuotaPer = 'agent' | 'team' | 'reviewer';

/** An interaction that matches the plan this week. */
export interface Candidate {
  readonly id: number;
  readonly agentId: number;
  /** The interaction's channel (call, chat). */
  readonly channel: string;
  /** The date it started (YYYY-MM-DD). */
  readonly day: string;
}

/** An agent in the plan's scope, whether or not any of their interactions match. */
export interface ScopeAgent {
  readonly id: number;
  readonly teamId: number | null;
}

export interface DrawRequest {
  readonly seed: string;
  readonly per: QuotaPer;
  /** How many per agent, per team or per reviewer. */
  readonly count: number;
  readonly reviewerIds: readonly number[];
  readonly agents: readonly ScopeAgent[];
  readonly candidates: readonly Candidate[];
}

export interface DrawnItem {
  readonly interactionId: number;
  readonly agentId: number;
  readonly reviewerId: number;
  readonly channel: string;
  readonly day: string;
  /** How many of this agent's interactions matched the plan that week: the pool it was drawn from. */
  readonly pool: number;
}

/** Fewer matching interactions than the plan asks for: per agent, per team (agentId null) or overall (both null). */
export interface Shortfall {
  readonly agentId: number | null;
  readonly teamId: number | null;
  readonly wanted: number;
  readonly available: number;
}

export interface Draw {
  readonly items: DrawnItem[];
  readonly short: Shortfall[];
}

export function drawSample(request: DrawRequest): Draw {
  if (request.reviewerIds.length === 0) throw new Error('a draw needs at least one reviewer');
  if (!Number.isInteger(request.count) || request.count < 1) throw new Error('a draw asks for at least one');
  const random = seededRandom(request.seed);
  const agents = [...request.agents].sort((a, b) => a.id - b.id);
  const pools = poolsByAgent(request.candidates);
  const quotas = new Map<number, number>();
  const short: Shortfall[] = [];
  const available = (agent: ScopeAgent) => pools.get(agent.id)?.length ?? 0;

  if (request.per === 'agent') {
    for (const agent of agents) {
      quotas.set(agent.id, Math.min(request.count, available(agent)));
      if (available(agent) < request.count)
        short.push({
          agentId: agent.id,
          teamId: agent.teamId,
          wanted: request.count,
          available: available(agent),
        });
    }
  } else if (request.per === 'team') {
    for (const [teamId, members] of groupBy(agents, (agent) => agent.teamId)) {
      const total = members.reduce((sum, agent) => sum + available(agent), 0);
      if (total < request.count)
        short.push({ agentId: null, teamId, wanted: request.count, available: total });
      shareOut(members, request.count, available, random, quotas);
    }
  } else {
    const wanted = request.count * request.reviewerIds.length;
    const total = agents.reduce((sum, agent) => sum + available(agent), 0);
    if (total < wanted) short.push({ agentId: null, teamId: null, wanted, available: total });
    shareOut(agents, wanted, available, random, quotas);
  }

  const picked: Omit<DrawnItem, 'reviewerId'>[] = [];
  for (const agent of shuffled(agents, random)) {
    const pool = pools.get(agent.id) ?? [];
    const quota = quotas.get(agent.id) ?? 0;
    for (const candidate of pickSpread(pool, quota, random)) {
      picked.push({ ...toItem(candidate), pool: pool.length });
    }
  }
  // One after another round the reviewers, from a random start: every reviewer gets the same number
  // (give or take one), and one agent's calls go to different reviewers.
  const reviewers = [...request.reviewerIds].sort((a, b) => a - b);
  const start = random.below(reviewers.length);
  const items = picked.map((item, index) => ({
    ...item,
    reviewerId: reviewers[(start + index) % reviewers.length]!,
  }));
  return { items, short };
}

/**
 * A fresh pick for one agent, to replace an item that cannot be reviewed: from `pool` (the agent's
 * matching interactions not yet in the draw), spread away from the days and channels of the agent's
 * items that stay (`kept`). Null when the agent has nothing left.
 */
export function drawReplacement(
  seed: string,
  pool: readonly Candidate[],
  kept: readonly Pick<Candidate, 'channel' | 'day'>[],
): Candidate | null {
  const sorted = [...pool].sort((a, b) => a.id - b.id);
  const [pick] = pickSpread(sorted, 1, seededRandom(seed), kept);
  return pick ?? null;
}

export const toItem = (candidate: Candidate) => ({
  interactionId: candidate.id,
  agentId: candidate.agentId,
  channel: candidate.channel,
  day: candidate.day,
});

/** Each agent's candidates in id order, so the draw does not depend on the order they were read in. */
export function poolsByAgent(candidates: readonly Candidate[]): Map<number, Candidate[]> {
  const pools = new Map<number, Candidate[]>();
  const seen = new Set<number>();
  for (const candidate of [...candidates].sort((a, b) => a.id - b.id)) {
    if (seen.has(candidate.id)) continue; // the same interaction read twice is still one interaction
    seen.add(candidate.id);
    const pool = pools.get(candidate.agentId);
    if (pool) pool.push(candidate);
    else pools.set(candidate.agentId, [candidate]);
  }
  return pools;
}

export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * Shares `total` among agents as evenly as their interactions allow: one each in turn (in a random
 * order), skipping those who have no more, until the total is reached or nobody has any left. Counts
 * already in `quotas` (a top-up's agents who have items) are where each starts: the least served get
 * the next ones first, so a top-up evens a team out rather than piling onto who had most.
 */
export function shareOut(
  agents: readonly ScopeAgent[],
  total: number,
  available: (agent: ScopeAgent) => number,
  random: Random,
  quotas: Map<number, number>,
): void {
  const quota = (agent: ScopeAgent) => quotas.get(agent.id) ?? 0;
  let open = shuffled(agents, random).filter((agent) => quota(agent) < available(agent));
  let left = total;
  let level = Math.min(...open.map(quota));
  while (left > 0 && open.length > 0) {
    for (const agent of open) {
      if (left === 0) break;
      if (quota(agent) > level) continue;
      quotas.set(agent.id, quota(agent) + 1);
      left--;
    }
    level++;
    open = open.filter((agent) => quota(agent) < available(agent));
  }
}

/**
 * Picks `count` of one agent's candidates: each pick takes the channel picked least so far, then within
 * it the day picked least so far (ties in an order drawn once per agent), then a random interaction of
 * that channel and day. So three picks from a week of calls and chats land on three days and both
 * channels whenever the agent's week allows it. `already` counts days and channels as taken.
 */
export function pickSpread(
  pool: readonly Candidate[],
  count: number,
  random: Random,
  already: readonly Pick<Candidate, 'channel' | 'day'>[] = [],
): Candidate[] {
  if (count <= 0 || pool.length === 0) return [];
  const buckets = new Map<string, Map<string, Candidate[]>>();
  for (const candidate of pool) {
    let days = buckets.get(candidate.channel);
    if (!days) buckets.set(candidate.channel, (days = new Map()));
    const bucket = days.get(candidate.day);
    if (bucket) bucket.push(candidate);
    else days.set(candidate.day, [candidate]);
  }
  const channelRank = rankOf(shuffled([...buckets.keys()].sort(), random));
  const allDays = [...new Set(pool.map((candidate) => candidate.day))].sort();
  const dayRank = rankOf(shuffled(allDays, random));
  const channelUse = new Map<string, number>();
  const dayUse = new Map<string, number>();
  for (const taken of already) {
    channelUse.set(taken.channel, (channelUse.get(taken.channel) ?? 0) + 1);
    dayUse.set(taken.day, (dayUse.get(taken.day) ?? 0) + 1);
  }
  const picks: Candidate[] = [];
  while (picks.length < count && buckets.size > 0) {
    const channel = leastUsed([...buckets.keys()], channelUse, channelRank);
    const days = buckets.get(channel)!;
    const day = leastUsed([...days.keys()], dayUse, dayRank);
    const bucket = days.get(day)!;
    const index = random.below(bucket.length);
    const pick = bucket[index]!;
    bucket[index] = bucket[bucket.length - 1]!;
    bucket.pop();
    if (bucket.length === 0) days.delete(day);
    if (days.size === 0) buckets.delete(channel);
    picks.push(pick);
    channelUse.set(channel, (channelUse.get(channel) ?? 0) + 1);
    dayUse.set(day, (dayUse.get(day) ?? 0) + 1);
  }
  return picks;
}

const rankOf = (order: readonly string[]) => new Map(order.map((key, index) => [key, index]));

function leastUsed(keys: readonly string[], use: Map<string, number>, rank: Map<string, number>): string {
  let best = keys[0]!;
  for (const key of keys) {
    const a = use.get(key) ?? 0;
    const b = use.get(best) ?? 0;
    if (a < b || (a === b && (rank.get(key) ?? 0) < (rank.get(best) ?? 0))) best = key;
  }
  return best;
}
