import type { QueueItem } from '../../../../shared/api/methods/queue';
import type { ReviewerRole } from '../../../../shared/api/methods/profiles';
import type { Query } from '../../db/schema';

/**
 * Queue items as every screen shows them: the interaction, the agent, the reviewer, why it was picked,
 * and how far its review is. Done means the item's reviewer submitted an evaluation of the interaction
 * after it was assigned to them (an older evaluation, or someone else's, does not do this week's work);
 * started means that reviewer has a draft of it.
 */
export function selectItems(q: Query) {
  return q
    .selectFrom('queue_items as qi')
    .innerJoin('queue_draws as d', 'd.id', 'qi.draw_id')
    .innerJoin('queue_plans as p', 'p.id', 'd.plan_id')
    .innerJoin('interactions as i', 'i.id', 'qi.interaction_id')
    .innerJoin('agents as a', 'a.id', 'qi.agent_id')
    .leftJoin('teams as t', 't.id', 'a.team_id')
    .innerJoin('reviewer_profiles as r', 'r.id', 'qi.reviewer_id')
    .leftJoin('reviewer_profiles as rb', 'rb.id', 'qi.replaced_by')
    .select((eb) => [
      'qi.id',
      'qi.draw_id',
      'd.plan_id',
      'p.name as plan_name',
      'd.week',
      'qi.position',
      'i.id as interaction_id',
      'i.title',
      'i.kind',
      'i.started_at',
      'i.duration_ms',
      'a.id as agent_id',
      'a.name as agent_name',
      't.name as team_name',
      'r.id as reviewer_id',
      'r.name as reviewer_name',
      'r.role as reviewer_role',
      'qi.channel',
      'qi.day',
      'qi.pool',
      'qi.assigned_at',
      'qi.replaces_id',
      'qi.top_up_id',
      'qi.replaced_at',
      'qi.replaced_reason',
      'rb.id as replaced_by_id',
      'rb.name as replaced_by_name',
      'rb.role as replaced_by_role',
      eb
        .selectFrom('evaluations as e')
        .select('e.id')
        .whereRef('e.interaction_id', '=', 'qi.interaction_id')
        .whereRef('e.reviewer_id', '=', 'qi.reviewer_id')
        .where((w) => w.or([w('e.state', '=', 'draft'), w('e.submitted_at', '>=', w.ref('qi.assigned_at'))]))
        .orderBy('e.id', 'desc')
        .limit(1)
        .as('evaluation_id'),
      eb
        .selectFrom('evaluations as e')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('e.interaction_id', '=', 'qi.interaction_id')
        .whereRef('e.reviewer_id', '=', 'qi.reviewer_id')
        .where('e.state', '=', 'submitted')
        .whereRef('e.submitted_at', '>=', 'qi.assigned_at')
        .as('done_count'),
    ]);
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof selectItems>['executeTakeFirstOrThrow']>>;

const ref = (id: number | null, name: string | null, role: ReviewerRole | null) =>
  id !== null && name !== null && role !== null ? { id, name, role } : null;

export function toItem(row: ItemRow): QueueItem {
  const done = Number(row.done_count ?? 0) > 0;
  const state =
    row.replaced_at !== null ? 'replaced' : done ? 'done' : row.evaluation_id !== null ? 'started' : 'open';
  return {
    id: row.id,
    drawId: row.draw_id,
    planId: row.plan_id,
    planName: row.plan_name,
    week: row.week,
    position: row.position,
    interaction: {
      id: row.interaction_id,
      title: row.title,
      kind: row.kind,
      startedAt: row.started_at,
      durationMs: row.duration_ms,
    },
    agent: { id: row.agent_id, name: row.agent_name, teamName: row.team_name },
    reviewer: { id: row.reviewer_id, name: row.reviewer_name, role: row.reviewer_role },
    channel: row.channel,
    day: row.day,
    pool: Number(row.pool),
    assignedAt: row.assigned_at,
    state,
    evaluationId: row.evaluation_id ?? null,
    replacesId: row.replaces_id,
    topUpId: row.top_up_id,
    replaced:
      row.replaced_at !== null
        ? {
            at: row.replaced_at,
            by: ref(row.replaced_by_id, row.replaced_by_name, row.replaced_by_role),
            reason: row.replaced_reason ?? '',
          }
        : null,
  };
}

/** Items in working order: by plan and draw, then position; a replacement right after what it replaced. */
export async function itemsWhere(
  q: Query,
  where: (query: ReturnType<typeof selectItems>) => ReturnType<typeof selectItems>,
): Promise<QueueItem[]> {
  const rows = await where(selectItems(q))
    .orderBy('p.name')
    .orderBy('qi.draw_id')
    .orderBy('qi.position')
    .orderBy('qi.id')
    .execute();
  return rows.map(toItem);
}

/** Done out of the items that count (replaced ones do not). */
export function completion(items: readonly QueueItem[]): { done: number; total: number } {
  const counted = items.filter((item) => item.state !== 'replaced');
  return { done: counted.filter((item) => item.state === 'done').length, total: counted.length };
}
