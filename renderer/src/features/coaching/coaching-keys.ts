import type { QueryClient } from '@tanstack/react-query';

/**
 * Query keys. Sessions, lists and open actions live under `['coaching', …]`; notes live under their own
 * root so that dropping them (on a profile change or lock) never touches anything else, and so that
 * refreshing sessions never refetches notes by accident.
 */
export const COACHING_KEY = ['coaching'] as const;
export const sessionKey = (id: number) => ['coaching', 'session', id] as const;
export const listKey = (params: object) => ['coaching', 'list', params] as const;
export const openActionsKey = (params: object) => ['coaching', 'openActions', params] as const;

export const NOTES_KEY = ['coaching-notes'] as const;
/** Keyed by the reading profile too: one profile's notes can never be served from another's cache entry. */
export const notesKey = (sessionId: number, profileId: number) =>
  ['coaching-notes', sessionId, profileId] as const;

/**
 * After the acting profile changed or was locked: notes (private ones among them) leave the cache at
 * once, so whoever sits down next cannot see them even for a frame; sessions are refetched because
 * who may change them (`editable`) depends on the profile.
 */
export async function afterProfileChange(queryClient: QueryClient): Promise<void> {
  queryClient.removeQueries({ queryKey: NOTES_KEY });
  // Finished note writes keep what was sent (the note's text) in the mutation cache: drop those too.
  const mutations = queryClient.getMutationCache();
  for (const mutation of mutations.findAll({ mutationKey: NOTES_KEY })) mutations.remove(mutation);
  await queryClient.invalidateQueries({ queryKey: COACHING_KEY });
}
