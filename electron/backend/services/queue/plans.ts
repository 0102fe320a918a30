import { QueuePlanFilters, type QueuePlan, type QuotaPer } from '../../../../shared/api/methods/queue';
import type { ReviewerRef } from '../../../../shared/api/methods/profiles';
import { EarmarkError } from '../../../../shared/errors';
import { qa } from '../../../../shared/permissions/groups';
import { nowIso } from '../../clock';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';

export interface PlanInput {
  id?: number | undefined;
  name: string;
  filters: QueuePlanFilters;
  per: QuotaPer;
  count: number;
  reviewerIds: number[];
}

const noPlan = (id: number) =>
  new EarmarkError('not_found', `planId: there is no review plan with id ${id}.`);

/** A stored plan's filters; a row that no longer reads as filters is a bug, said as such. */
export function parseFilters(text: string): QueuePlanFilters {
  return QueuePlanFilters.parse(JSON.parse(text));
}

async function reviewersOf(q: Query, planIds: readonly number[]): Promise<Map<number, ReviewerRef[]>> {
  const byPlan = new Map<number, ReviewerRef[]>();
  if (planIds.length === 0) return byPlan;
  const rows = await q
    .selectFrom('queue_plan_reviewers as pr')
    .innerJoin('reviewer_profiles as r', 'r.id', 'pr.profile_id')
    .select(['pr.plan_id', 'r.id', 'r.name', 'r.role'])
    .where('pr.plan_id', 'in', planIds)
    .orderBy('r.name')
    .execute();
  for (const row of rows) {
    const list = byPlan.get(row.plan_id) ?? [];
    list.push({ id: row.id, name: row.name, role: row.role });
    byPlan.set(row.plan_id, list);
  }
  return byPlan;
}

async function plansWhere(q: Query, id?: number): Promise<QueuePlan[]> {
  let query = q
    .selectFrom('queue_plans as p')
    .leftJoin('reviewer_profiles as c', 'c.id', 'p.created_by')
    .select(['p.id', 'p.name', 'p.filters', 'p.quota_per', 'p.quota_count', 'p.created_at', 'p.updated_at'])
    .select(['c.id as creator_id', 'c.name as creator_name', 'c.role as creator_role']);
  if (id !== undefined) query = query.where('p.id', '=', id);
  const rows = await query.orderBy('p.name').execute();
  const ids = rows.map((row) => row.id);
  const reviewers = await reviewersOf(q, ids);
  const draws = ids.length
    ? await q
        .selectFrom('queue_draws')
        .select(['plan_id', 'week'])
        .where('plan_id', 'in', ids)
        .orderBy('week', 'desc')
        .execute()
    : [];
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    filters: parseFilters(row.filters),
    per: row.quota_per,
    count: Number(row.quota_count),
    reviewers: reviewers.get(row.id) ?? [],
    createdBy:
      row.creator_id !== null && row.creator_name !== null && row.creator_role !== null
        ? { id: row.creator_id, name: row.creator_name, role: row.creator_role }
        : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    weeksDrawn: draws.filter((draw) => draw.plan_id === row.id).map((draw) => draw.week),
  }));
}

export const listPlans = (q: Query) => plansWhere(q);

export async function getPlan(q: Query, id: number): Promise<QueuePlan> {
  const [plan] = await plansWhere(q, id);
  if (!plan) throw noPlan(id);
  return plan;
}

/** Teams to filter by, the queues the library has seen, and the profiles that review (QA roles). */
export async function planOptions(q: Query) {
  const [teams, queues, reviewers] = await Promise.all([
    q.selectFrom('teams').select(['id', 'name']).orderBy('name').execute(),
    q
      .selectFrom('interactions')
      .select('queue')
      .distinct()
      .where('queue', 'is not', null)
      .orderBy('queue')
      .execute(),
    q
      .selectFrom('reviewer_profiles')
      .select(['id', 'name', 'role'])
      .where('role', 'in', qa)
      .orderBy('name')
      .execute(),
  ]);
  return { teams, queues: queues.map((row) => row.queue!), reviewers };
}

/**
 * Refuses, naming the entry, a team that is not there and a reviewer who is not there or does not
 * review (a team lead coaches; a mystery shopper enters shops).
 */
async function checkPlan(q: Query, input: PlanInput): Promise<void> {
  if (input.filters.teamIds.length) {
    const found = new Set(
      (await q.selectFrom('teams').select('id').where('id', 'in', input.filters.teamIds).execute()).map(
        (t) => t.id,
      ),
    );
    input.filters.teamIds.forEach((id, index) => {
      if (!found.has(id))
        throw new EarmarkError('not_found', `filters.teamIds[${index}]: there is no team with id ${id}.`);
    });
  }
  const profiles = new Map(
    (
      await q
        .selectFrom('reviewer_profiles')
        .select(['id', 'name', 'role'])
        .where('id', 'in', input.reviewerIds)
        .execute()
    ).map((row) => [row.id, row]),
  );
  input.reviewerIds.forEach((id, index) => {
    const profile = profiles.get(id);
    if (!profile)
      throw new EarmarkError(
        'not_found',
        `reviewerIds[${index}]: there is no reviewer profile with id ${id}.`,
      );
    if (!qa.includes(profile.role))
      throw new EarmarkError(
        'invalid_params',
        `reviewerIds[${index}]: ${profile.name} (role ${profile.role}) does not review; reviewers are QA supervisors, QA managers or administrators.`,
      );
  });
}

/** Creates a plan or changes one; the draws already made keep the plan as it was when drawn. */
export async function savePlan(database: Database, actorId: number, input: PlanInput): Promise<QueuePlan> {
  const at = nowIso(database);
  return database.transaction(async (trx) => {
    await checkPlan(trx, input);
    const taken = await trx
      .selectFrom('queue_plans')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['name']), '=', input.name.toLowerCase()))
      .executeTakeFirst();
    if (taken && taken.id !== input.id)
      throw new EarmarkError('conflict', `name: a review plan named "${input.name}" exists already.`);
    const values = {
      name: input.name,
      filters: JSON.stringify(input.filters),
      quota_per: input.per,
      quota_count: input.count,
      updated_at: at,
    };
    let id: number;
    if (input.id === undefined) {
      ({ id } = await trx
        .insertInto('queue_plans')
        .values({ ...values, created_by: actorId, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow());
    } else {
      const updated = await trx
        .updateTable('queue_plans')
        .set(values)
        .where('id', '=', input.id)
        .returning('id')
        .executeTakeFirst();
      if (!updated) throw noPlan(input.id);
      id = updated.id;
      await trx.deleteFrom('queue_plan_reviewers').where('plan_id', '=', id).execute();
    }
    await trx
      .insertInto('queue_plan_reviewers')
      .values(input.reviewerIds.map((profileId) => ({ plan_id: id, profile_id: profileId })))
      .execute();
    return getPlan(trx, id);
  });
}
