import {
  MAX_AGENT_SHOPS,
  type AgentMysteryShops,
  type MysteryFigures,
  type TeamMysteryFigures,
} from '../../../../shared/api/methods/mystery-figures';
import type { MysteryShopSummary } from '../../../../shared/api/methods/mystery';
import type { Db } from '../../db/open';
import { agentRef } from '../agents/overview';
import { statement } from './statements';
import { SHOP_SELECT, shopSummary, type ShopRow } from './store';

/**
 * A shop's own figures, read from mystery_shops alone: nothing here touches evaluations, and nothing
 * that reads evaluations reads this. Drafts are left out: they are not a result yet.
 */
const COUNTED = `s.status IN ('submitted', 'queried', 'confirmed')`;

export function figuresOf(shops: readonly MysteryShopSummary[]): MysteryFigures {
  const scored = shops.filter((shop) => shop.percent !== null);
  const total = scored.reduce((sum, shop) => sum + (shop.percent ?? 0), 0);
  const counts = { pass: 0, belowTarget: 0, criticalFail: 0 };
  for (const shop of shops) if (shop.result !== 'incomplete') counts[shop.result] += 1;
  return {
    count: shops.length,
    averagePercent: scored.length ? Math.round((total / scored.length) * 10) / 10 : null,
    ...counts,
  };
}

/** The agent's counted shops, newest first, with their figures. */
export function agentShops(db: Db, agentId: number): AgentMysteryShops {
  agentRef(db, agentId);
  const rows = statement(
    db,
    `${SHOP_SELECT} WHERE s.agent_id = ? AND ${COUNTED} ORDER BY s.occurred_at DESC, s.shop_id LIMIT ?`,
  ).all(agentId, MAX_AGENT_SHOPS) as ShopRow[];
  const shops = rows.map(shopSummary);
  return { agentId, figures: figuresOf(shops), shops };
}

/** Each team's counted shops, by the team the agency reports; shops without a team come last. */
export function teamFigures(db: Db): TeamMysteryFigures[] {
  const rows = statement(
    db,
    `${SHOP_SELECT} WHERE ${COUNTED} ORDER BY s.occurred_at DESC`,
  ).all() as ShopRow[];
  const byTeam = new Map<string, MysteryShopSummary[]>();
  for (const shop of rows.map(shopSummary)) {
    const team = shop.team.trim();
    const shops = byTeam.get(team);
    if (shops) shops.push(shop);
    else byTeam.set(team, [shop]);
  }
  return [...byTeam.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([team, shops]) => ({ team, latestAt: shops[0]!.occurredAt, ...figuresOf(shops) }));
}
