import type { AgentRef, LinkedMysteryShop } from '../../../../shared/api/methods/coaching';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { permitSync } from '../../permissions';
import { SHOP_SELECT, shopSummary, type ShopRow } from '../mystery/store';

/**
 * Mystery shops brought into a one-to-one: the agent's own, settled results only (a draft can still
 * change), and only by a coach whose role may see shops. They are listed with their own score and
 * result; nothing here feeds the session's QA focus proposals.
 */

function shopRows(db: Db, ids: readonly number[]): ShopRow[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(`${SHOP_SELECT} WHERE s.id IN (${ids.map(() => '?').join(', ')})`)
    .all(...ids) as ShopRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export function checkMysteryShops(
  db: Db,
  coachId: number,
  agent: AgentRef,
  ids: readonly number[],
  field = 'mysteryShopIds',
): void {
  if (ids.length === 0) return;
  permitSync(db, 'mystery.get', coachId);
  const found = shopRows(db, ids);
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
export function writeMysteryShopLinks(db: Db, sessionId: number, ids: readonly number[]): void {
  db.prepare('DELETE FROM coaching_mystery_shops WHERE session_id = ?').run(sessionId);
  const insert = db.prepare(
    'INSERT INTO coaching_mystery_shops (session_id, shop_row_id, position) VALUES (?, ?, ?)',
  );
  ids.forEach((id, position) => insert.run(sessionId, id, position));
}

export function linkedMysteryShops(db: Db, sessionId: number): LinkedMysteryShop[] {
  const ids = db
    .prepare('SELECT shop_row_id FROM coaching_mystery_shops WHERE session_id = ? ORDER BY position')
    .pluck()
    .all(sessionId) as number[];
  return shopRows(db, ids).map((row) => {
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
