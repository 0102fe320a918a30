import { z } from 'zod';
import { EvaluationResult } from '../../rubric/outcome';
import { Id, PlainText } from '../schemas';
import { AgentRef, LinkedMoment } from './coaching';
import { method } from './define';

/**
 * The agent page: how one agent's submitted evaluations went over time, where they lose and earn
 * points, and the moments reviewers tagged on their calls and chats, praise included. Scores are
 * computed from the answers with each evaluation's own rubric version, as everywhere else.
 */

export const DEFAULT_AGENT_WINDOW = 10;
export const MAX_AGENT_WINDOW = 200;

export const AgentListEntry = AgentRef.extend({
  interactionCount: z.number().int().nonnegative(),
  evaluationCount: z.number().int().nonnegative(),
  lastEvaluatedAt: z.string().nullable(),
  /** Mean score of the last DEFAULT_AGENT_WINDOW submitted evaluations; null without any. */
  recentPercent: z.number().nullable(),
  sessionCount: z.number().int().nonnegative(),
  overdueActionCount: z.number().int().nonnegative(),
});
export type AgentListEntry = z.infer<typeof AgentListEntry>;

const SectionPercent = z.object({ sectionId: z.string(), title: z.string(), percent: z.number().nullable() });

export const TrendPoint = z.object({
  evaluationId: Id,
  interactionId: Id,
  interactionTitle: z.string(),
  /** When the interaction took place, if known; else null (the chart then uses `submittedAt`). */
  startedAt: z.string().nullable(),
  submittedAt: z.string(),
  rubricName: z.string(),
  percent: z.number().nullable(),
  result: EvaluationResult,
  /** The pass mark of the rubric version it was scored on. */
  passMark: z.number(),
  sections: z.array(SectionPercent),
});
export type TrendPoint = z.infer<typeof TrendPoint>;

/** A section's mean over the window: `courtesy` and `competence` in the default rubric. */
export const SectionAverage = SectionPercent.extend({ evaluationCount: z.number().int().nonnegative() });
export type SectionAverage = z.infer<typeof SectionAverage>;

/** One rubric item across the window (items are matched by id across languages and versions). */
export const ItemStat = z.object({
  itemId: z.string(),
  title: z.string(),
  sectionTitle: z.string(),
  /** Points earned and possible, summed over the evaluations that counted the item (N/A left out). */
  earned: z.number(),
  possible: z.number(),
  percent: z.number(),
  answeredCount: z.number().int().nonnegative(),
  /** Answers that earned nothing or failed the item. */
  missedCount: z.number().int().nonnegative(),
});
export type ItemStat = z.infer<typeof ItemStat>;

export const AgentMoment = LinkedMoment.extend({
  interactionStartedAt: z.string().nullable(),
  authorName: z.string().nullable(),
  exemplary: z.boolean(),
  createdAt: z.string(),
});
export type AgentMoment = z.infer<typeof AgentMoment>;

export const AgentOverview = z.object({
  agent: AgentRef,
  /** How many of the latest submitted evaluations the averages and item figures cover. */
  window: z.number().int().positive(),
  /** Every submitted evaluation of the agent, oldest first (at most 500, the latest ones). */
  trend: z.array(TrendPoint),
  sections: z.array(SectionAverage),
  /** Items that lost points, lowest percentage first; only items answered at least once in the window. */
  weakest: z.array(ItemStat),
  /** Items that earned points and are not among `weakest`, highest percentage first. */
  strongest: z.array(ItemStat),
  /** Tagged moments on the agent's interactions, newest first (at most 200). */
  moments: z.array(AgentMoment),
});
export type AgentOverview = z.infer<typeof AgentOverview>;

export const agentMethods = {
  'agent.list': method(
    z
      .object({
        teamId: Id.optional(),
        search: PlainText('the search text', 200, { multiline: true, trim: true }).optional(),
      })
      .strict(),
    z.array(AgentListEntry),
    { actor: 'none', activity: true },
  ),
  'agent.overview': method(
    z
      .object({
        agentId: Id,
        window: z.number().int().min(1).max(MAX_AGENT_WINDOW).default(DEFAULT_AGENT_WINDOW),
        /** Items listed as weakest and as strongest. */
        itemCount: z.number().int().min(1).max(20).default(5),
      })
      .strict(),
    AgentOverview,
    { actor: 'none', activity: true },
  ),
} as const;
