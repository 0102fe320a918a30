import type { AgentMysteryShops } from '../../../../shared/api/methods/mystery-figures';
import { EarmarkError } from '../../../../shared/errors';

/** What the agent page's mystery section shows, from the state of its query. */
export type MysterySection =
  | { kind: 'loading' }
  /** The reader's role may not see shops, or the profile is locked: say why, without a red alarm. */
  | { kind: 'refused' }
  | { kind: 'error'; message: string }
  | { kind: 'empty' }
  | { kind: 'shops'; data: AgentMysteryShops };

export function mysterySection(query: {
  isPending: boolean;
  error: Error | null;
  data: AgentMysteryShops | undefined;
}): MysterySection {
  if (query.error) {
    const refused =
      query.error instanceof EarmarkError && ['not_allowed', 'locked'].includes(query.error.code);
    return refused ? { kind: 'refused' } : { kind: 'error', message: query.error.message };
  }
  if (query.isPending || !query.data) return { kind: 'loading' };
  return query.data.figures.count === 0 ? { kind: 'empty' } : { kind: 'shops', data: query.data };
}
