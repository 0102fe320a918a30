import type { QueueDraw, QueueShortfall } from '../../../../shared/api/methods/queue';
import { EarmarkError } from '../../../../shared/errors';
import { qa } from '../../../../shared/permissions/groups';
import { drawTopUp } from '../../../../shared/queue/top-up';
import { sampledWeek } from '../../../../shared/queue/week';
import { nowIso } from '../../clock';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';
import { weekCandidates } from './candidates';
import { drawnRecord, getDraw, insertItems, namedShortfalls, PlanSnapshot } from './draws';
import { getPlan } from './plans';

/**
 * "Draw more" (shared/queue/top-up.ts): a week already drawn gets what is missing under the plan as it
 * is now, in one transaction, kept beside the draw with its own seed and the plan as it was, so each
 * item it adds can say why. The items already drawn stay with their reviewers, started or not.
 */
export async function topUpWeek(
  database: Database,
  actorId: number,
  planId: number,
  week: string,
): Promise<{ draw: QueueDraw; added: number; short: QueueShortfall[] }> {
  const at = nowIso(database);
  const outcome = await database.transaction(async (trx) => {
    const plan = await getPlan(trx, planId);
    let find = trx
      .selectFrom('queue_draws')
      .select(['id', 'seed'])
      .where('plan_id', '=', planId)
      .where('week', '=', week);
    // Two managers drawing more at once: the second waits, then sees the first one's items.
    if (database.engine === 'postgres') find = find.forUpdate();
    const draw = await find.executeTakeFirst();
    if (!draw)
      throw new EarmarkError(
        'conflict',
        `week: "${plan.name}" has not been drawn for ${week} yet; draw the week first.`,
      );
    const reviewerIds = plan.reviewers.filter((reviewer) => qa.includes(reviewer.role)).map((r) => r.id);
    if (reviewerIds.length === 0)
      throw new EarmarkError(
        'conflict',
        `planId: "${plan.name}" has no reviewers left; add one before drawing more.`,
      );
    const held = await trx
      .selectFrom('queue_items')
      .select(['interaction_id', 'agent_id', 'reviewer_id', 'channel', 'day', 'replaced_at', 'position'])
      .where('draw_id', '=', draw.id)
      .execute();
    const { n: earlier } = await trx
      .selectFrom('queue_top_ups')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('draw_id', '=', draw.id)
      .executeTakeFirstOrThrow();
    const seed = `${draw.seed}:top-up-${Number(earlier) + 1}`;
    const { candidates, agents } = await weekCandidates(trx, plan.filters, sampledWeek(week));
    const drawn = drawTopUp({
      seed,
      per: plan.per,
      count: plan.count,
      reviewerIds,
      agents,
      candidates,
      held: held.map((row) => ({
        interactionId: row.interaction_id,
        agentId: row.agent_id,
        reviewerId: row.reviewer_id,
        channel: row.channel,
        day: row.day,
        replaced: row.replaced_at !== null,
      })),
    });
    if (drawn.items.length === 0) return { drawId: draw.id, added: 0, short: drawn.short };
    const { id: topUpId } = await trx
      .insertInto('queue_top_ups')
      .values({
        draw_id: draw.id,
        ...drawnRecord({ seed, plan, reviewerIds, short: drawn.short, actorId, at }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const after = held.reduce((last, row) => Math.max(last, Number(row.position)), -1) + 1;
    await insertItems(database, trx, drawn.items, { drawId: draw.id, topUpId, firstPosition: after, at });
    return { drawId: draw.id, added: drawn.items.length, short: drawn.short };
  });
  return {
    draw: await getDraw(database.query, outcome.drawId),
    added: outcome.added,
    short: await namedShortfalls(database.query, outcome.short),
  };
}

/** The plan a week is worked under: its latest top-up's, else its draw's (a replacement draws from it). */
export async function planInEffect(q: Query, drawId: number): Promise<PlanSnapshot> {
  const latest = await q
    .selectFrom('queue_top_ups')
    .select('plan_snapshot')
    .where('draw_id', '=', drawId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const draw = latest
    ? latest
    : await q
        .selectFrom('queue_draws')
        .select('plan_snapshot')
        .where('id', '=', drawId)
        .executeTakeFirstOrThrow();
  return PlanSnapshot.parse(JSON.parse(draw.plan_snapshot));
}
