import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ProfileList } from '../../../../shared/api/methods/profiles';
import { api } from '../../api/client';
import { afterProfileChange } from '../coaching/coaching-keys';
import { PROFILES_KEY } from './useProfiles';

/**
 * The backend switches or locks the acting profile on its own too (the idle timer, another window).
 * Whatever screen is open, the event is applied to the cached profile list at once (so a lock shows
 * the unlock screen in the same frame, not after a round trip), notes leave the cache, and the list is
 * refetched to be sure.
 */
export function useProfileChanges(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      api.on('profile.changed', ({ currentId, locked }) => {
        queryClient.setQueryData<ProfileList>(
          PROFILES_KEY,
          (list) => list && { ...list, currentId, currentLocked: locked },
        );
        void afterProfileChange(queryClient);
        void queryClient.invalidateQueries({ queryKey: PROFILES_KEY });
      }),
    [queryClient],
  );
}
