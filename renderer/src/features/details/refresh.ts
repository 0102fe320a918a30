import type { QueryClient } from '@tanstack/react-query';

/**
 * After an interaction's agent, team or time changed: everything that lists interactions or agents.
 * Open editors (an evaluation draft, a coaching session) are left alone, so nothing being typed is reset.
 */
export const DETAILS_VIEWS = ['library', 'interaction', 'agents', 'evaluations'] as const;

export function refreshAfterDetails(queryClient: QueryClient): Promise<void> {
  return Promise.all(DETAILS_VIEWS.map((root) => queryClient.invalidateQueries({ queryKey: [root] }))).then(
    () => undefined,
  );
}
