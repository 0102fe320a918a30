import { z } from 'zod';
import { Id } from '../api/schemas';
import { describeValue } from './issues';

/**
 * A mystery shop result = the checklist answers (a rubric of kind 'mysteryChecklist', scored like
 * any evaluation) + these details, which describe the shop itself rather than the checklist.
 */

/** Local wall-clock time as the shopper noted it ("2025-03-14T10:30"); agencies report no time zone. */
export const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, {
    error: (issue) => `must be a date and time as YYYY-MM-DDTHH:MM (got ${describeValue(issue.input)})`,
  })
  .refine(isRealDateTime, {
    error: (issue) => `is not a real date and time (got ${describeValue(issue.input)})`,
  });

function isRealDateTime(text: string): boolean {
  const [year, month, day, hour, minute] = text.split(/[-T:]/).map(Number);
  if (
    year === undefined ||
    month === undefined ||
    day === undefined ||
    hour === undefined ||
    minute === undefined
  ) {
    return false;
  }
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59;
}

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
