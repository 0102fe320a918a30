import { z } from 'zod';
import { isIsoWeek } from '../../queue/week';
import { CustomerRating, Id, InteractionKind, PlainText } from '../schemas';
import { method, NoParams } from './define';
import { ReviewerRef } from './profiles';

/**
 * The weekly review queue (DOMAIN.md, "Running a QA programme"): a QA manager's plan says which
 * interactions to sample, how many per agent (or per team, or per reviewer) each week, and which
 * reviewers share the work. The draw for a week (when the reviews are due) samples the interactions
 * of the week before, which is complete by then. Each week's draw is random but reproducible (seeded
 * from the plan and the week, shared/queue/draw.ts) and kept, with the plan as it was, so every item
 * can say why it was picked. A reviewer works "my queue" top to bottom; an item that cannot be
 * reviewed is replaced with a reason by a fresh pick for the same agent. An item is done when its
 * reviewer submits an evaluation of it (after it was assigned).
 */

export const MAX_PLAN_NAME_CHARS = 200;
export const MAX_QUOTA = 1000;
export const MAX_REPLACE_REASON_CHARS = 500;

export { CustomerRating };
export const QuotaPer = z.enum(['agent', 'team', 'reviewer']);
export type QuotaPer = z.infer<typeof QuotaPer>;

/** A week as `2026-W45` (ISO 8601: Monday to Sunday). */
export const IsoWeek = z.string().refine(isIsoWeek, {
  error: (issue) => `expected a week such as 2026-W45 (got ${JSON.stringify(issue.input).slice(0, 40)})`,
});

const unique = <T extends z.ZodType>(item: T, what: string, max: number) =>
  z
    .array(item)
    .max(max, `at most ${max} ${what}`)
    .refine((list) => new Set(list).size === list.length, `a ${what.replace(/s$/, '')} is listed twice`);

const DAY_SECONDS = 86_400;
const Seconds = z
  .number()
  .int()
  .min(0, 'a duration is not negative')
  .max(DAY_SECONDS, 'at most a day (86400 s)');

/** Which interactions a plan samples from. An empty list means any; every list given must match. */
export const QueuePlanFilters = z
  .object({
    teamIds: unique(Id, 'teams', 500).default([]),
    channels: unique(InteractionKind, 'channels', 2).default([]),
    queues: unique(PlainText('a queue', 200).min(1, 'a queue needs a name'), 'queues', 200).default([]),
    minDurationSeconds: Seconds.nullable().default(null),
    maxDurationSeconds: Seconds.nullable().default(null),
    directions: unique(z.enum(['inbound', 'outbound']), 'directions', 2).default([]),
    /** Only interactions nobody has submitted an evaluation of. */
    notYetReviewed: z.boolean().default(false),
    customerRatings: unique(CustomerRating, 'customer ratings', 3).default([]),
  })
  .strict()
  .refine(
    (f) =>
      f.minDurationSeconds === null ||
      f.maxDurationSeconds === null ||
      f.minDurationSeconds <= f.maxDurationSeconds,
    {
      error: 'minDurationSeconds: the shortest duration is longer than the longest',
      path: ['minDurationSeconds'],
    },
  );
export type QueuePlanFilters = z.output<typeof QueuePlanFilters>;

export const QueuePlan = z.object({
  id: Id,
  name: z.string(),
  filters: QueuePlanFilters,
  per: QuotaPer,
  count: z.number().int().positive(),
  reviewers: z.array(ReviewerRef),
  createdBy: ReviewerRef.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The weeks drawn so far, newest first. */
  weeksDrawn: z.array(z.string()),
});
export type QueuePlan = z.infer<typeof QueuePlan>;

export const QueueItemState = z.enum(['open', 'started', 'done', 'replaced']);
export type QueueItemState = z.infer<typeof QueueItemState>;

export const QueueItem = z.object({
  id: Id,
  drawId: Id,
  planId: Id,
  planName: z.string(),
  week: z.string(),
  position: z.number().int().nonnegative(),
  interaction: z.object({
    id: Id,
    title: z.string(),
    kind: InteractionKind,
    startedAt: z.string().nullable(),
    durationMs: z.number().int().nonnegative().nullable(),
  }),
  agent: z.object({ id: Id, name: z.string(), teamName: z.string().nullable() }),
  reviewer: ReviewerRef,
  /** Why it was picked: its channel and day, and how many of the agent's interactions matched that week. */
  channel: z.string(),
  day: z.string(),
  pool: z.number().int().nonnegative(),
  assignedAt: z.string(),
  /** open: not started; started: the reviewer has a draft; done: submitted; replaced: taken out (see `replaced`). */
  state: QueueItemState,
  /** The reviewer's evaluation of it (draft or submitted), to open. */
  evaluationId: Id.nullable(),
  /** The item this one replaced. */
  replacesId: Id.nullable(),
  /** The top-up ("Draw more") that added it, after the week's first draw; null for the first draw's. */
  topUpId: Id.nullable(),
  replaced: z.object({ at: z.string(), by: ReviewerRef.nullable(), reason: z.string() }).nullable(),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const Completion = z.object({
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type Completion = z.infer<typeof Completion>;

export const QueueShortfall = z.object({
  agent: z.object({ id: Id, name: z.string() }).nullable(),
  team: z.object({ id: Id, name: z.string() }).nullable(),
  wanted: z.number().int().nonnegative(),
  available: z.number().int().nonnegative(),
});
export type QueueShortfall = z.infer<typeof QueueShortfall>;

const PlanAsDrawn = z.object({
  filters: QueuePlanFilters,
  per: QuotaPer,
  count: z.number().int(),
  reviewers: z.array(ReviewerRef),
});

/** A week drawn again for what was missing under the plan as it then was. */
export const QueueTopUp = z.object({
  id: Id,
  seed: z.string(),
  drawnAt: z.string(),
  drawnBy: ReviewerRef.nullable(),
  /** The plan at the top-up: from then on, what the week is worked under. */
  plan: PlanAsDrawn,
  /** How many items it added. */
  added: z.number().int().nonnegative(),
});
export type QueueTopUp = z.infer<typeof QueueTopUp>;

export const QueueDraw = z.object({
  id: Id,
  planId: Id,
  planName: z.string(),
  week: z.string(),
  /** What the draw was seeded with: drawing again from the same interactions gives the same items. */
  seed: z.string(),
  drawnAt: z.string(),
  drawnBy: ReviewerRef.nullable(),
  /** The plan as it was when drawn. */
  plan: PlanAsDrawn,
  /** Each "Draw more" since, oldest first. */
  topUps: z.array(QueueTopUp),
  items: z.array(QueueItem),
  /** Who had too few interactions, at the draw or at the latest top-up (under the plan as it was then). */
  short: z.array(QueueShortfall),
  byReviewer: z.array(Completion.extend({ reviewer: ReviewerRef })),
  byAgent: z.array(
    Completion.extend({ agent: z.object({ id: Id, name: z.string(), teamName: z.string().nullable() }) }),
  ),
});
export type QueueDraw = z.infer<typeof QueueDraw>;

export const MyQueue = Completion.extend({
  week: z.string(),
  /** In working order: plan, then position; a replacement right after the item it replaced. */
  items: z.array(QueueItem),
});
export type MyQueue = z.infer<typeof MyQueue>;

const PlanName = PlainText('a plan name', MAX_PLAN_NAME_CHARS).min(1, 'a plan needs a name');
const ReplaceReason = PlainText('a reason', MAX_REPLACE_REASON_CHARS).min(
  1,
  'say why the item cannot be reviewed (wrong agent, silent recording…)',
);

export const queueMethods = {
  /** Every plan, by name. */
  'queue.plans': method(NoParams, z.array(QueuePlan), { actor: 'none', activity: true }),
  /** What a plan can pick from: the teams, the queues seen in the library, and who can review. */
  'queue.options': method(
    NoParams,
    z.object({
      teams: z.array(z.object({ id: Id, name: z.string() })),
      queues: z.array(z.string()),
      reviewers: z.array(ReviewerRef),
    }),
    { actor: 'none', activity: true },
  ),
  /** Creates a plan (no id) or changes one; draws already made keep the plan as it was. */
  'queue.savePlan': method(
    z
      .object({
        id: Id.optional(),
        name: PlanName,
        filters: QueuePlanFilters,
        per: QuotaPer,
        count: z
          .number()
          .int('count: a whole number')
          .min(1, 'count: at least 1')
          .max(MAX_QUOTA, `count: at most ${MAX_QUOTA}`),
        reviewerIds: unique(Id, 'reviewers', 200).refine(
          (ids) => ids.length > 0,
          'a plan needs at least one reviewer',
        ),
      })
      .strict(),
    QueuePlan,
    { actor: 'required', activity: true },
  ),
  /**
   * Draws a plan's sample for a week and assigns it; once per plan and week (`conflict` after). `week`
   * is when the reviews are due; they sample the interactions of the week before (complete by then).
   */
  'queue.draw': method(z.object({ planId: Id, week: IsoWeek }).strict(), QueueDraw, {
    actor: 'required',
    activity: true,
  }),
  /**
   * "Draw more": tops a week already drawn up to what the plan asks for now (a reviewer added, a quota
   * raised), drawing only what is missing, never an interaction the week holds (replaced ones
   * included), seeded like the draw (`<draw's seed>:top-up-N`) and kept beside it. Nothing is written
   * when nothing can be added (`added` 0; `short` says who has too few under the plan as it is now).
   */
  'queue.topUp': method(
    z.object({ planId: Id, week: IsoWeek }).strict(),
    z.object({ draw: QueueDraw, added: z.number().int().nonnegative(), short: z.array(QueueShortfall) }),
    { actor: 'required', activity: true },
  ),
  /** A plan's draw for a week with completion per reviewer and per agent; null before it is drawn. */
  'queue.progress': method(
    z.object({ planId: Id, week: IsoWeek }).strict(),
    z.object({ draw: QueueDraw.nullable() }),
    {
      actor: 'none',
      activity: true,
    },
  ),
  /** The acting reviewer's items of a week, of every plan, with progress. */
  'queue.mine': method(z.object({ week: IsoWeek }).strict(), MyQueue, { actor: 'required', activity: true }),
  /**
   * Takes an item out with a reason and draws a fresh one for the same agent from the same plan and
   * week, for the same reviewer (`replacement` null when the agent has no other matching interaction).
   * A reviewer replaces their own items; a QA manager any.
   */
  'queue.replace': method(
    z.object({ itemId: Id, reason: ReplaceReason }).strict(),
    z.object({ replaced: QueueItem, replacement: QueueItem.nullable() }),
    { actor: 'required', activity: true },
  ),
  /** Why an interaction is (or was) in a queue: every item that drew it, oldest first. */
  'queue.why': method(z.object({ interactionId: Id }).strict(), z.array(QueueItem), {
    actor: 'none',
    activity: true,
  }),
} as const;
