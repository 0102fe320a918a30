import { z } from 'zod';
import { CustomerRating, Id, InteractionSummary, IsoDateTime, PlainText } from '../schemas';
import { method } from './define';

/**
 * What a reviewer can set on an interaction after it was imported: who handled it (agent and team),
 * when it started, which way it went, its queue, the customer's reference and rating, and its title. Imports
 * without a manifest leave most of these empty, and an interaction without an agent never reaches an
 * agent's page or coaching.
 */

export const MAX_BULK_INTERACTIONS = 10_000;

/** A name the user typed, trimmed. The dispatch puts the field's name before each message. */
const name = (whenEmpty: string) =>
  PlainText('', 200, { tooLong: 'is longer than 200 characters' }).min(1, `must not be empty${whenEmpty}`);

/** Free text where empty means "not known". */
const optionalText = PlainText('', 200, { tooLong: 'is longer than 200 characters' })
  .transform((value) => (value === '' ? null : value))
  .nullable();

/**
 * Only the fields present change; a field set to null is cleared. The team belongs to the agent (an
 * agent is a name within a team), so a team needs an agent.
 */
export const DetailsPatch = z
  .object({
    title: PlainText('', 300, { tooLong: 'is longer than 300 characters' }).min(1, 'must not be empty'),
    agentName: name('; send null to remove the agent').nullable(),
    teamName: name('; send null for no team').nullable(),
    startedAt: IsoDateTime.nullable(),
    direction: z.enum(['inbound', 'outbound'], 'must be inbound, outbound or null').nullable(),
    queue: optionalText,
    customerRef: optionalText,
    customerRating: z.enum(CustomerRating.options, 'must be bad, neutral, good or null').nullable(),
  })
  .partial()
  .strict();
export type DetailsPatch = z.output<typeof DetailsPatch>;

export const InteractionDetails = InteractionSummary.extend({
  customerRef: z.string().nullable(),
  customerRating: CustomerRating.nullable(),
});
export type InteractionDetails = z.infer<typeof InteractionDetails>;

export const detailsMethods = {
  /** Changes an interaction's details; the library, agent pages and coaching see the change at once. */
  'interaction.updateDetails': method(
    z.object({ id: Id, details: DetailsPatch }).strict(),
    InteractionDetails.extend({ changed: z.boolean() }),
    { actor: 'none', activity: true },
  ),
  /** Gives every chosen interaction the same agent (and team), in one transaction. */
  'library.assignAgent': method(
    z
      .object({
        ids: z
          .array(Id)
          .min(1, 'choose at least one interaction')
          .max(MAX_BULK_INTERACTIONS, `choose at most ${MAX_BULK_INTERACTIONS} interactions at once`),
        agentName: name(': name the agent to assign'),
        teamName: name('; send null for no team').nullable().default(null),
      })
      .strict(),
    z.object({
      /** Interactions whose agent changed; the others already had this agent. */
      changed: z.number().int().nonnegative(),
      total: z.number().int().nonnegative(),
    }),
    { actor: 'none', activity: true },
  ),
} as const;
