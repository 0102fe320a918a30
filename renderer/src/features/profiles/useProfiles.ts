import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Params } from '../../../../shared/api';
import type { ProfileList, ReviewerProfile } from '../../../../shared/api/methods/profiles';
import { api } from '../../api/client';
import { profileOfAccount, useSessionAccount } from '../account/account-context';
import { afterProfileChange } from '../coaching/coaching-keys';

export const PROFILES_KEY = ['profiles'] as const;

export function useProfiles() {
  return useQuery<ProfileList>({ queryKey: PROFILES_KEY, queryFn: () => api.profile.list({}) });
}

/**
 * The profile this workstation works as, and so the backend writes as. Null until one is chosen. On a
 * team server: the logged-in account's profile.
 */
export function useCurrentReviewer(): ReviewerProfile | null {
  const account = useSessionAccount();
  const { data } = useProfiles();
  if (account) {
    const listed = data?.profiles.find((profile) => profile.id === account.profileId);
    return profileOfAccount(account, listed?.createdAt);
  }
  return data?.profiles.find((profile) => profile.id === data.currentId) ?? null;
}

/**
 * The current profile has a passphrase and is not unlocked: nothing may be done as it until it is. A
 * team account is never locked while logged in (its login is what unlocks it).
 */
export function useCurrentLocked(): boolean {
  const account = useSessionAccount();
  const locked = useProfiles().data?.currentLocked ?? false;
  return account ? false : locked;
}

/**
 * Switching, unlocking and locking profiles, and setting a passphrase. Each answers with the new
 * profile list, which replaces the cached one at once; whatever the previous profile could read
 * (private notes) leaves the cache before anything else renders.
 */
export function useProfileActions() {
  const queryClient = useQueryClient();
  const took = async (list: ProfileList) => {
    queryClient.setQueryData(PROFILES_KEY, list);
    await afterProfileChange(queryClient);
  };
  return {
    // gcTime 0: a finished call that carried a passphrase leaves the mutation cache at once.
    select: useMutation({
      gcTime: 0,
      mutationFn: (params: Params<'profile.select'>) => api.profile.select(params),
      onSuccess: took,
    }),
    lock: useMutation({ mutationFn: () => api.profile.lock({}), onSuccess: took }),
    setPassphrase: useMutation({
      gcTime: 0,
      mutationFn: (params: Params<'profile.setPassphrase'>) => api.profile.setPassphrase(params),
      // The profile keeps its notes and its key; only its list entry (hasPassphrase) changes.
      onSuccess: (list) => queryClient.setQueryData(PROFILES_KEY, list),
    }),
  };
}
