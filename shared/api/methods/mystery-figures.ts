import { z } from 'zod';
import { Id } from '../schemas';
import { method, NoParams } from './define';
import { MysteryShopSummary } from './mystery';

/**
 * Mystery shop results beside QA, never mixed into it: an agent's shops and each team's, with their
 * own count, average and results. Only settled results count (submitted, queried, confirmed): a draft
 * is not a result yet.
 */

export const MAX_AGENT_SHOPS = 200;

export const MysteryFigures = z.object({
  count: z.number().int().nonnegative(),
  /** Mean score of the counted shops; null without any. */
  averagePercent: z.number().nullable(),
  pass: z.number().int().nonnegative(),
  belowTarget: z.number().int().nonnegative(),
  criticalFail: z.number().int().nonnegative(),
});
export type MysteryFigures = z.infer<typeof MysteryFigures>;

export const AgentMysteryShops = z.object({
  agentId: Id,
  figures: MysteryFigures,
  /** The agent's counted shops, newest first (at most MAX_AGENT_SHOPS). */
  shops: z.array(MysteryShopSummary),
});
export type AgentMysteryShops = z.infer<typeof AgentMysteryShops>;

/** A team's shops: the team the agency reports the shop under (its location or team). */
export const TeamMysteryFigures = MysteryFigures.extend({
  team: z.string(),
  /** The newest counted shop's date and time. */
  latestAt: z.string(),
});
export type TeamMysteryFigures = z.infer<typeof TeamMysteryFigures>;

export const mysteryFigureMethods = {
  'mystery.agentShops': method(z.strictObject({ agentId: Id }), AgentMysteryShops, {
    actor: 'required',
    activity: true,
  }),
  /** Every team with counted shops, by team name. */
  'mystery.teamFigures': method(NoParams, z.array(TeamMysteryFigures), { actor: 'required', activity: true }),
} as const;
