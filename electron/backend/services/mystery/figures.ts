import {
  MAX_AGENT_SHOPS,
  type AgentMysteryShops,
  type MysteryFigures,
  type TeamMysteryFigures,
} from '../../../../shared/api/methods/mystery-figures';
import type { MysteryShopSummary } from '../../../../shared/api/methods/mystery';
import type { Viewer } from '../../context';
import type { Query } from '../../db/schema';
import { agentRef } from '../agents/overview';
import { agentSight, shopVisible } from '../viewer';
import { shopRows, shopSummary } from './store';

/**
 * A shop's own figures, read from mystery_shops alone: nothing here touches evaluations, and nothing
 * that reads evaluations reads this. Drafts are left out: they are not a result yet.
 */
const COUNTED = ['submitted', 'queried', 'confirmed'] as const;

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
export async function agentShops(q: Query, agentId: number, viewer?: Viewer): Promise<AgentMysteryShops> {
  await agentRef(q, agentId, 'agentId', viewer);
  const rows = await shopRows(q)
    .where('s.agent_id', '=', agentId)
    .where('s.status', 'in', COUNTED)
    .orderBy('s.occurred_at', 'desc')
    .orderBy('s.shop_id')
    .limit(MAX_AGENT_SHOPS)
    .execute();
  const shops = rows.map(shopSummary);
  return { agentId, figures: figuresOf(shops), shops };
}

/** Each team's counted shops, by the team the agency reports; shops without a team come last. */
export async function teamFigures(q: Query, viewer?: Viewer): Promise<TeamMysteryFigures[]> {
  const sight = agentSight(viewer);
  const rows = await shopRows(q)
    .where('s.status', 'in', COUNTED)
    .$if(sight !== null, (select) => select.where(shopVisible(sight!)))
    .orderBy('s.occurred_at', 'desc')
    .orderBy('s.id')
    .execute();
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
