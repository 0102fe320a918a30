import type { AgentRef, LinkedMysteryShop } from '../../../../shared/api/methods/coaching';
import { EarmarkError } from '../../../../shared/errors';
import type { Query } from '../../db/schema';
import { permit } from '../../permissions';
import { shopRowsByIds, shopSummary } from '../mystery/store';

/**
 * Mystery shops brought into a one-to-one: the agent's own, settled results only (a draft can still
 * change), and only by a coach whose role may see shops. They are listed with their own score and
 * result; nothing here feeds the session's QA focus proposals.
 */

export async function checkMysteryShops(
  q: Query,
  coachId: number,
  agent: AgentRef,
  ids: readonly number[],
  field = 'mysteryShopIds',
): Promise<void> {
  if (ids.length === 0) return;
  await permit(q, 'mystery.get', coachId);
  const found = await shopRowsByIds(q, ids);
  const missing = ids.filter((id) => !found.some((row) => row.id === id));
  if (missing.length > 0) {
    throw new EarmarkError('not_found', `${field}: there is no mystery shop with id ${missing.join(', ')}.`);
  }
  for (const row of found) {
    if (row.agent_id !== agent.id) {
      throw new EarmarkError(
        'invalid_params',
        `${field}: mystery shop "${row.shop_id}" is not linked to ${agent.name}; link it to the agent first.`,
      );
    }
    if (row.status === 'draft') {
      throw new EarmarkError(
        'conflict',
        `${field}: mystery shop "${row.shop_id}" is a draft; submit it before coaching on it.`,
      );
    }
  }
}

/** Call inside the caller's transaction; replaces the whole list, in the order given. */
export async function writeMysteryShopLinks(
  q: Query,
  sessionId: number,
  ids: readonly number[],
): Promise<void> {
  await q.deleteFrom('coaching_mystery_shops').where('session_id', '=', sessionId).execute();
  if (ids.length === 0) return;
  await q
    .insertInto('coaching_mystery_shops')
    .values(ids.map((id, position) => ({ session_id: sessionId, shop_row_id: id, position })))
    .execute();
}

export async function linkedMysteryShops(q: Query, sessionId: number): Promise<LinkedMysteryShop[]> {
  const links = await q
    .selectFrom('coaching_mystery_shops')
    .select('shop_row_id')
    .where('session_id', '=', sessionId)
    .orderBy('position')
    .execute();
  const rows = await shopRowsByIds(
    q,
    links.map((link) => link.shop_row_id),
  );
  return rows.map((row) => {
    const shop = shopSummary(row);
    return {
      id: shop.id,
      shopId: shop.shopId,
      occurredAt: shop.occurredAt,
      scenario: shop.scenario,
      status: shop.status,
      percent: shop.percent,
      result: shop.result,
    };
  });
}
