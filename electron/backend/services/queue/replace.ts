import type { QueueItem } from '../../../../shared/api/methods/queue';
import { EarmarkError } from '../../../../shared/errors';
import { drawReplacement } from '../../../../shared/queue/draw';
import { managers } from '../../../../shared/permissions/groups';
import { sampledWeek } from '../../../../shared/queue/week';
import { nowIso } from '../../clock';
import type { Database } from '../../db/database';
import { roleOf } from '../../permissions';
import { weekCandidates } from './candidates';
import { planInEffect } from './top-up';
import { itemsWhere } from './items';

/**
 * Takes an item that cannot be reviewed (wrong agent, silent recording) out of the queue with a reason,
 * and draws a fresh one for the same agent from the plan the week is worked under (as drawn, or as at
 * its latest top-up), for the same reviewer, at the same place in the queue. The replaced item stays, with who took it out, when and why (audit). A
 * reviewer replaces their own items; a QA manager or administrator anyone's. A reviewed item is not
 * replaced: its review counts.
 */
export async function replaceItem(
  database: Database,
  actorId: number,
  itemId: number,
  reason: string,
): Promise<{ replaced: QueueItem; replacement: QueueItem | null }> {
  const at = nowIso(database);
  const newId = await database.transaction(async (trx) => {
    const [item] = await itemsWhere(trx, (query) => query.where('qi.id', '=', itemId));
    if (!item) throw new EarmarkError('not_found', `itemId: there is no queue item with id ${itemId}.`);
    if (item.reviewer.id !== actorId && !managers.includes(await roleOf(trx, actorId)))
      throw new EarmarkError(
        'not_allowed',
        `itemId: item ${itemId} is in ${item.reviewer.name}'s queue; only they or a QA manager can replace it.`,
      );
    if (item.state === 'replaced')
      throw new EarmarkError(
        'conflict',
        `itemId: item ${itemId} was replaced already (${item.replaced!.at}).`,
      );
    if (item.state === 'done')
      throw new EarmarkError(
        'conflict',
        `itemId: item ${itemId} has been reviewed; a finished review is not replaced.`,
      );
    const marked = await trx
      .updateTable('queue_items')
      .set({ replaced_at: at, replaced_by: actorId, replaced_reason: reason })
      .where('id', '=', itemId)
      .where('replaced_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!marked) throw new EarmarkError('conflict', `itemId: item ${itemId} was replaced a moment ago.`);

    const draw = await trx
      .selectFrom('queue_draws')
      .select('seed')
      .where('id', '=', item.drawId)
      .executeTakeFirstOrThrow();
    const snapshot = await planInEffect(trx, item.drawId);
    const inDraw = await trx
      .selectFrom('queue_items')
      .select(['interaction_id', 'agent_id', 'channel', 'day', 'replaced_at'])
      .where('draw_id', '=', item.drawId)
      .execute();
    const taken = new Set(inDraw.map((row) => row.interaction_id));
    const { candidates } = await weekCandidates(trx, snapshot.filters, sampledWeek(item.week), item.agent.id);
    const kept = inDraw.filter((row) => row.agent_id === item.agent.id && row.replaced_at === null);
    const pick = drawReplacement(
      `${draw.seed}:replace-${itemId}`,
      candidates.filter((candidate) => !taken.has(candidate.id)),
      kept,
    );
    if (!pick) return null;
    const { id } = await trx
      .insertInto('queue_items')
      .values({
        draw_id: item.drawId,
        interaction_id: pick.id,
        agent_id: item.agent.id,
        reviewer_id: item.reviewer.id,
        position: item.position,
        channel: pick.channel,
        day: pick.day,
        pool: candidates.length,
        assigned_at: at,
        replaces_id: itemId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  });
  const items = await itemsWhere(database.query, (query) =>
    query.where('qi.id', 'in', newId === null ? [itemId] : [itemId, newId]),
  );
  return {
    replaced: items.find((item) => item.id === itemId)!,
    replacement: items.find((item) => item.id === newId) ?? null,
  };
}
