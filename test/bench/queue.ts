import type { Backend } from '../../electron/backend/backend';
import type { ReviewerProfile } from '../../shared/api/methods/profiles';
import type { QueueDraw, QueuePlan } from '../../shared/api/methods/queue';
import { drawSample, type Candidate, type ScopeAgent } from '../../shared/queue/draw';
import { weekDays } from '../../shared/queue/week';
import { withBenchBackend } from './backend';
import { createDatabase, startPostgresCluster } from '../support/postgres';
import { median, round } from './stats';

/** The week the interactions are in; the draw is for the week after, when their reviews are due. */
const WEEK = '2026-W45';
const DUE = '2026-W46';
const AGENTS = 200;
const INTERACTIONS = 100_000;
const PER_AGENT = 5;
const REVIEWERS = 4;

/**
 * The weekly review queue's draw for a plan over 100,000 interactions of 200 agents in one week (500
 * each, calls and chats over seven days), five per agent, shared by four reviewers:
 * - queue_draw_pure_ms: the draw itself (shared/queue/draw.ts), CPU time per draw, against sorting
 *   the same interactions by id (which the draw must do to be reproducible) as the baseline in the
 *   same run (queue_draw_vs_sort);
 * - queue_draw_ms / pg_queue_draw_ms: `queue.draw` through the API on SQLite and on a throwaway
 *   PostgreSQL: reading the week's matching interactions, drawing, storing the 1,000 items and
 *   answering with the draw and its completion; one plan per sample, as a plan is drawn once a week.
 */
export async function benchQueue(quick: boolean): Promise<Record<string, number>> {
  const figures: Record<string, number> = { ...pureDraw(quick) };
  const cluster = await startPostgresCluster();
  try {
    for (const engine of ['sqlite', 'postgres'] as const) {
      const databaseUrl = engine === 'postgres' ? await createDatabase(cluster.adminUrl) : undefined;
      const prefix = engine === 'postgres' ? 'pg_' : '';
      figures[`${prefix}queue_draw_ms`] = await apiDraw(quick, databaseUrl);
    }
  } finally {
    await cluster.stop();
  }
  return figures;
}

const days = weekDays(WEEK);

/** Interaction n: its agent, channel and day, spread evenly. */
const shapeOf = (n: number) => ({
  agent: n % AGENTS,
  channel: n % 3 === 0 ? ('chat' as const) : ('call' as const),
  day: days[Math.floor(n / AGENTS) % 7]!,
});

function pureDraw(quick: boolean): Record<string, number> {
  const agents: ScopeAgent[] = Array.from({ length: AGENTS }, (_, id) => ({
    id: id + 1,
    teamId: (id % 10) + 1,
  }));
  const candidates: Candidate[] = Array.from({ length: INTERACTIONS }, (_, n) => {
    const shape = shapeOf(n);
    return { id: n + 1, agentId: shape.agent + 1, channel: shape.channel, day: shape.day };
  }).reverse(); // read in an order other than the ids', as a database may
  const reviewerIds = Array.from({ length: REVIEWERS }, (_, n) => n + 1);
  const rounds = quick ? 5 : 25;
  const draws: number[] = [];
  const sorts: number[] = [];
  let items = 0;
  for (let round = 0; round < rounds; round++) {
    let started = process.cpuUsage();
    const drawn = drawSample({
      seed: `bench:${round}`,
      per: 'agent',
      count: PER_AGENT,
      reviewerIds,
      agents,
      candidates,
    });
    draws.push(cpuMs(started));
    items = drawn.items.length;
    started = process.cpuUsage();
    [...candidates].sort((a, b) => a.id - b.id);
    sorts.push(cpuMs(started));
  }
  if (items !== AGENTS * PER_AGENT)
    throw new Error(`the draw gave ${items} items, not ${AGENTS * PER_AGENT}`);
  return {
    queue_draw_pure_ms: round(median(draws), 2),
    queue_draw_sort_baseline_ms: round(median(sorts), 2),
    queue_draw_vs_sort: round(median(draws) / median(sorts), 2),
  };
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

async function apiDraw(quick: boolean, databaseUrl: string | undefined): Promise<number> {
  return withBenchBackend('queue', databaseUrl, async (backend) => {
    const call = async <T>(method: string, params: unknown = {}): Promise<T> => {
      const reply = await backend.dispatch(method, params);
      if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
      return reply.value as T;
    };
    const reviewerIds: number[] = [];
    for (let n = 1; n <= REVIEWERS; n++)
      reviewerIds.push(
        (await call<ReviewerProfile>('profile.create', { name: `Reviewer ${n}`, role: 'qa_supervisor' })).id,
      );
    await call('profile.create', { name: 'Bench Manager', role: 'qa_manager' });
    await seedWeek(backend);
    const samples: number[] = [];
    for (let n = 0; n < (quick ? 2 : 6); n++) {
      const plan = await call<QueuePlan>('queue.savePlan', {
        name: `Bench plan ${n}`,
        filters: {},
        per: 'agent',
        count: PER_AGENT,
        reviewerIds,
      });
      const started = performance.now();
      const drawn = await call<QueueDraw>('queue.draw', { planId: plan.id, week: DUE });
      samples.push(performance.now() - started);
      if (drawn.items.length !== AGENTS * PER_AGENT)
        throw new Error(`queue.draw gave ${drawn.items.length} items`);
    }
    return round(median(samples), 1);
  });
}

async function seedWeek(backend: Backend): Promise<void> {
  await backend.database.transaction(async (trx) => {
    const teams = await trx
      .insertInto('teams')
      .values(Array.from({ length: 10 }, (_, n) => ({ name: `Bench team ${n + 1}` })))
      .returning('id')
      .execute();
    const agents = await trx
      .insertInto('agents')
      .values(
        Array.from({ length: AGENTS }, (_, n) => ({
          name: `Bench Agent ${n + 1}`,
          team_id: teams[n % 10]!.id,
        })),
      )
      .returning('id')
      .execute();
    await backend.database.insertMany(
      trx,
      'interactions',
      Array.from({ length: INTERACTIONS }, (_, n) => {
        const shape = shapeOf(n);
        return {
          kind: shape.channel,
          title: `Bench interaction ${n + 1}`,
          source: 'bench',
          agent_id: agents[shape.agent]!.id,
          started_at: `${shape.day}T${String(8 + (n % 10)).padStart(2, '0')}:00:00Z`,
          duration_ms: 60_000 + (n % 600) * 1000,
        };
      }),
    );
  });
}
