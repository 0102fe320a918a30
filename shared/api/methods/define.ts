import { z } from 'zod';

/**
 * Who a call acts as, declared once per method so that the dispatch decides it, not each handler, and
 * never from an id in the payload:
 * - `required`: a write made in someone's name; refused unless a profile is chosen and, when it has a
 *   passphrase, unlocked. The handler gets that profile's id.
 * - `optional`: runs for anyone; the handler gets the acting profile's id, or null (and the locked
 *   profile's id when the chosen one is locked). For reads that show what the reader may change, and
 *   for work a person may do before making a profile (pinning moments).
 * - `none`: does not depend on who is acting (library reads, settings, imports, choosing a profile).
 */
export const actorRules = ['required', 'optional', 'none'] as const;
export type ActorRule = (typeof actorRules)[number];

export interface MethodRules<A extends ActorRule = ActorRule> {
  readonly actor: A;
  /**
   * Whether a call is the person at work, and so keeps an unlocked profile open. False for calls the
   * renderer makes on its own (polling, background uploads, the playback position saved every 5 s):
   * those must not keep an unattended profile unlocked.
   */
  readonly activity: boolean;
}

/** One API method: the schema of its parameters and of its result, who it acts as, whether it is activity. */
export const method = <P extends z.ZodType, R extends z.ZodType, const A extends ActorRule>(
  params: P,
  result: R,
  rules: MethodRules<A>,
) => ({ params, result, actor: rules.actor, activity: rules.activity });
export type MethodSpec = ReturnType<typeof method>;
export const NoParams = z.object({}).strict();
