import { z } from 'zod';
import {
  QueuePlanFilters,
  QuotaPer,
  type MyQueue,
  type QueueDraw,
  type QueueItem,
  type QueueShortfall,
} from '../../../../shared/api/methods/queue';
import type { ReviewerRole } from '../../../../shared/api/methods/profiles';
import { EarmarkError } from '../../../../shared/errors';
import { qa } from '../../../../shared/permissions/groups';
import { drawSample, type DrawnItem, type Shortfall } from '../../../../shared/queue/draw';
import { sampledWeek } from '../../../../shared/queue/week';
import { nowIso } from '../../clock';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';
import { weekCandidates } from './candidates';
import { completion, itemsWhere } from './items';
import { getPlan } from './plans';

/** The plan as a draw keeps it: what was asked, of whom. */
export const PlanSnapshot = z.object({
  filters: QueuePlanFilters,
  per: QuotaPer,
  count: z.number().int().positive(),
  reviewerIds: z.array(z.number().int().positive()),
});
export type PlanSnapshot = z.infer<typeof PlanSnapshot>;

/** The seed of a plan's draw for a week: written down with the draw, so it can be repeated. */
export const drawSeed = (planId: number, week: string) => `earmark-queue:plan-${planId}:${week}`;

/**
 * Draws a plan's sample for a week and assigns it, in one transaction: all items or none. `week` is the
 * week the reviews are due; the sample comes from the interactions of the week before it (sampledWeek),
 * which is over when the week's draw is made. A plan is
 * drawn once per week (`conflict` after, naming when and by whom); an unusable item is replaced, not
 * the whole week redrawn, so nobody's finished reviews vanish from their queue.
 */
export async function drawWeek(
  database: Database,
  actorId: number,
  planId: number,
  week: string,
): Promise<QueueDraw> {
  const at = nowIso(database);
  const drawId = await database.transaction(async (trx) => {
    const plan = await getPlan(trx, planId);
    const earlier = await trx
      .selectFrom('queue_draws as d')
      .leftJoin('reviewer_profiles as r', 'r.id', 'd.drawn_by')
      .select(['d.drawn_at', 'r.name'])
      .where('d.plan_id', '=', planId)
      .where('d.week', '=', week)
      .executeTakeFirst();
    if (earlier)
      throw new EarmarkError(
        'conflict',
        `week: "${plan.name}" was drawn for ${week} already (${earlier.drawn_at}${earlier.name ? ` by ${earlier.name}` : ''}); draw more for what is missing, or replace single items.`,
      );
    // A reviewer whose role changed since the plan was made (now a team lead, say) gets no new work.
    const reviewerIds = plan.reviewers.filter((reviewer) => qa.includes(reviewer.role)).map((r) => r.id);
    if (reviewerIds.length === 0)
      throw new EarmarkError(
        'conflict',
        `planId: "${plan.name}" has no reviewers left; add one before drawing.`,
      );
    const { candidates, agents } = await weekCandidates(trx, plan.filters, sampledWeek(week));
    const seed = drawSeed(planId, week);
    const drawn = drawSample({ seed, per: plan.per, count: plan.count, reviewerIds, agents, candidates });
    const { id } = await trx
      .insertInto('queue_draws')
      .values({
        plan_id: planId,
        week,
        ...drawnRecord({ seed, plan, reviewerIds, short: drawn.short, actorId, at }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertItems(database, trx, drawn.items, { drawId: id, topUpId: null, firstPosition: 0, at });
    return id;
  });
  return getDraw(database.query, drawId);
}

/**
 * What a draw and a top-up both keep of how they were drawn: the seed, the plan as it was (so "why was
 * this drawn" reads the same later), who was left short, and who drew when.
 */
export function drawnRecord(drawn: {
  seed: string;
  plan: Omit<PlanSnapshot, 'reviewerIds'>;
  reviewerIds: PlanSnapshot['reviewerIds'];
  short: readonly Shortfall[];
  actorId: number;
  at: string;
}) {
  const { filters, per, count } = drawn.plan;
  const snapshot: PlanSnapshot = { filters, per, count, reviewerIds: drawn.reviewerIds };
  return {
    seed: drawn.seed,
    plan_snapshot: JSON.stringify(snapshot),
    short: JSON.stringify(drawn.short),
    drawn_by: drawn.actorId,
    drawn_at: drawn.at,
  };
}

/**
 * Writes drawn items onto a week's list in the order drawn, from `firstPosition` on (a top-up's follow
 * what the list holds); a top-up's items name it, a draw's name none.
 */
export async function insertItems(
  database: Database,
  trx: Query,
  items: readonly DrawnItem[],
  to: { drawId: number; topUpId: number | null; firstPosition: number; at: string },
): Promise<void> {
  await database.insertMany(
    trx,
    'queue_items',
    items.map((item, index) => ({
      draw_id: to.drawId,
      interaction_id: item.interactionId,
      agent_id: item.agentId,
      reviewer_id: item.reviewerId,
      position: to.firstPosition + index,
      channel: item.channel,
      day: item.day,
      pool: item.pool,
      assigned_at: to.at,
      top_up_id: to.topUpId,
    })),
  );
}

/** A plan's draw for a week, or null before it is drawn. */
export async function drawProgress(q: Query, planId: number, week: string): Promise<QueueDraw | null> {
  await getPlan(q, planId); // a missing plan is said as such, not as "not drawn yet"
  const row = await q
    .selectFrom('queue_draws')
    .select('id')
    .where('plan_id', '=', planId)
    .where('week', '=', week)
    .executeTakeFirst();
  return row ? getDraw(q, row.id) : null;
}

export async function getDraw(q: Query, drawId: number): Promise<QueueDraw> {
  const row = await q
    .selectFrom('queue_draws as d')
    .innerJoin('queue_plans as p', 'p.id', 'd.plan_id')
    .leftJoin('reviewer_profiles as r', 'r.id', 'd.drawn_by')
    .select([
      'd.id',
      'd.plan_id',
      'p.name as plan_name',
      'd.week',
      'd.seed',
      'd.drawn_at',
      'd.plan_snapshot',
      'd.short',
    ])
    .select(['r.id as by_id', 'r.name as by_name', 'r.role as by_role'])
    .where('d.id', '=', drawId)
    .executeTakeFirstOrThrow();
  const topUpRows = await q
    .selectFrom('queue_top_ups as u')
    .leftJoin('reviewer_profiles as r', 'r.id', 'u.drawn_by')
    .select(['u.id', 'u.seed', 'u.drawn_at', 'u.plan_snapshot', 'u.short'])
    .select(['r.id as by_id', 'r.name as by_name', 'r.role as by_role'])
    .where('u.draw_id', '=', drawId)
    .orderBy('u.id')
    .execute();
  const snapshot = PlanSnapshot.parse(JSON.parse(row.plan_snapshot));
  const snapshots = topUpRows.map((topUp) => PlanSnapshot.parse(JSON.parse(topUp.plan_snapshot)));
  const items = await itemsWhere(q, (query) => query.where('qi.draw_id', '=', drawId));
  // Everyone the week was ever drawn for, so a reviewer dropped from the plan still shows their part.
  const reviewerIds = [...new Set([snapshot, ...snapshots].flatMap((s) => s.reviewerIds))];
  const people = new Map(
    (reviewerIds.length
      ? await q
          .selectFrom('reviewer_profiles')
          .select(['id', 'name', 'role'])
          .where('id', 'in', reviewerIds)
          .orderBy('name')
          .execute()
      : []
    ).map((person) => [person.id, person]),
  );
  const reviewersOf = (ids: readonly number[]) =>
    ids.flatMap((id) => people.get(id) ?? []).sort((a, b) => a.name.localeCompare(b.name));
  const planOf = (s: PlanSnapshot) => ({
    filters: s.filters,
    per: s.per,
    count: s.count,
    reviewers: reviewersOf(s.reviewerIds),
  });
  const latestShort = topUpRows.at(-1)?.short ?? row.short;
  return {
    id: row.id,
    planId: row.plan_id,
    planName: row.plan_name,
    week: row.week,
    seed: row.seed,
    drawnAt: row.drawn_at,
    drawnBy: ref(row.by_id, row.by_name, row.by_role),
    plan: planOf(snapshot),
    topUps: topUpRows.map((topUp, index) => ({
      id: topUp.id,
      seed: topUp.seed,
      drawnAt: topUp.drawn_at,
      drawnBy: ref(topUp.by_id, topUp.by_name, topUp.by_role),
      plan: planOf(snapshots[index]!),
      added: items.filter((item) => item.topUpId === topUp.id).length,
    })),
    items,
    short: await namedShortfalls(q, JSON.parse(latestShort) as Shortfall[]),
    byReviewer: reviewersOf(reviewerIds).map((reviewer) => ({
      reviewer,
      ...completion(items.filter((item) => item.reviewer.id === reviewer.id)),
    })),
    byAgent: byAgent(items),
  };
}

const ref = (id: number | null, name: string | null, role: ReviewerRole | null) =>
  id !== null && name !== null && role !== null ? { id, name, role } : null;

function byAgent(items: readonly QueueItem[]): QueueDraw['byAgent'] {
  const agents = new Map<number, QueueItem['agent']>();
  for (const item of items) agents.set(item.agent.id, item.agent);
  return [...agents.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((agent) => ({ agent, ...completion(items.filter((item) => item.agent.id === agent.id)) }));
}

export async function namedShortfalls(q: Query, short: readonly Shortfall[]): Promise<QueueShortfall[]> {
  const agentIds = short.flatMap((s) => (s.agentId === null ? [] : [s.agentId]));
  const teamIds = short.flatMap((s) => (s.teamId === null || s.agentId !== null ? [] : [s.teamId]));
  const agents = new Map(
    agentIds.length
      ? (await q.selectFrom('agents').select(['id', 'name']).where('id', 'in', agentIds).execute()).map(
          (a) => [a.id, a],
        )
      : [],
  );
  const teams = new Map(
    teamIds.length
      ? (await q.selectFrom('teams').select(['id', 'name']).where('id', 'in', teamIds).execute()).map((t) => [
          t.id,
          t,
        ])
      : [],
  );
  return short.map((s) => ({
    agent: s.agentId === null ? null : (agents.get(s.agentId) ?? { id: s.agentId, name: `#${s.agentId}` }),
    team:
      s.agentId !== null || s.teamId === null
        ? null
        : (teams.get(s.teamId) ?? { id: s.teamId, name: `#${s.teamId}` }),
    wanted: s.wanted,
    available: s.available,
  }));
}

/** The acting reviewer's items of a week, of every plan: what is left first in working order, then done, then replaced. */
export async function myQueue(q: Query, reviewerId: number, week: string): Promise<MyQueue> {
  const items = await itemsWhere(q, (query) =>
    query.where('qi.reviewer_id', '=', reviewerId).where('d.week', '=', week),
  );
  return { week, items, ...completion(items) };
}

/** Every item that drew an interaction, oldest first: why it is (or was) in a queue. */
export const whyQueued = (q: Query, interactionId: number) =>
  itemsWhere(q, (query) => query.where('qi.interaction_id', '=', interactionId));
