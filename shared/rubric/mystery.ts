import { z } from 'zod';
import { Id, LocalDateTime } from '../api/schemas';

/**
 * A mystery shop result = the checklist answers (a rubric of kind 'mysteryChecklist', scored like
 * any evaluation) + these details, which describe the shop itself rather than the checklist.
 */

/** Local wall-clock time as the shopper noted it ("2025-03-14T10:30"); agencies report no time zone. */
export { LocalDateTime };

export const MysteryChannel = z.enum(['call', 'chat', 'email', 'visit']);
export type MysteryChannel = z.infer<typeof MysteryChannel>;

export const MysteryShopDetails = z.strictObject({
  /** What the shopper asked for or pretended, including the prepared provocative question. */
  scenario: z
    .string()
    .max(4000)
    .refine((text) => text.trim() !== '', { error: 'must not be empty' }),
  occurredAt: LocalDateTime,
  channel: MysteryChannel,
  /** Who answered, as the shopper noted it (a name or "woman, did not give her name"); null if unknown. */
  answeredBy: z.string().max(200).nullable(),
  evidence: z.strictObject({
    /** The recording of the call, once imported into the library. */
    recordingId: Id.nullable(),
    notes: z.string().max(10_000).default(''),
  }),
});
export type MysteryShopDetails = z.infer<typeof MysteryShopDetails>;
