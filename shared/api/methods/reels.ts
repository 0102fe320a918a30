import { z } from 'zod';
import { Id, IsoDate, PlainText } from '../schemas';
import { AgentMoment } from './agents';
import { method } from './define';
import { ReviewerRef } from './profiles';

/**
 * Recognition: moments tagged exemplary ("wow") collected into a reel for a team meeting, played one
 * after another with the agent's name, so praise reaches the agent who earned it.
 */

export const MAX_REEL_TITLE_CHARS = 200;
export const MAX_REEL_MOMENTS = 100;

/** An exemplary moment with whose it is (the agent being praised). */
export const WowMoment = AgentMoment.extend({
  agentId: Id.nullable(),
  agentName: z.string().nullable(),
  teamName: z.string().nullable(),
});
export type WowMoment = z.infer<typeof WowMoment>;

export const ReelSummary = z.object({
  id: Id,
  title: z.string(),
  createdBy: ReviewerRef.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  momentCount: z.number().int().nonnegative(),
});
export type ReelSummary = z.infer<typeof ReelSummary>;

export const Reel = ReelSummary.extend({
  /** In playing order. A moment that lost its exemplary tag stays in the reel it was collected into. */
  moments: z.array(WowMoment),
});
export type Reel = z.infer<typeof Reel>;

const ReelTitle = PlainText('a reel title', MAX_REEL_TITLE_CHARS).min(1, 'a reel needs a title');
const ReelMomentIds = z
  .array(Id)
  .max(MAX_REEL_MOMENTS, `a reel holds at most ${MAX_REEL_MOMENTS} moments`)
  .refine((ids) => new Set(ids).size === ids.length, 'a moment is listed twice');

export const reelMethods = {
  /** Exemplary moments, newest first, to pick from (at most 500). */
  'reel.candidates': method(
    z
      .object({
        agentId: Id.optional(),
        teamId: Id.optional(),
        from: IsoDate.optional(),
        to: IsoDate.optional(),
      })
      .strict(),
    z.array(WowMoment),
    { actor: 'none', activity: true },
  ),
  'reel.list': method(z.object({}).strict(), z.array(ReelSummary), { actor: 'none', activity: true }),
  'reel.get': method(z.object({ id: Id }).strict(), Reel, { actor: 'none', activity: true }),
  /** Created by the acting profile; only exemplary moments can be added. */
  'reel.create': method(z.object({ title: ReelTitle, momentIds: ReelMomentIds }).strict(), Reel, {
    actor: 'required',
    activity: true,
  }),
  /** `momentIds` replaces the reel's moments, in that order. */
  'reel.update': method(
    z.object({ id: Id, title: ReelTitle.optional(), momentIds: ReelMomentIds.optional() }).strict(),
    Reel,
    { actor: 'required', activity: true },
  ),
  'reel.delete': method(z.object({ id: Id }).strict(), z.object({ id: Id }), {
    actor: 'required',
    activity: true,
  }),
} as const;
