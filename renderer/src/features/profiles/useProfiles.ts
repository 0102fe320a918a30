import { useQuery } from '@tanstack/react-query';
import type { ProfileList, ReviewerProfile } from '../../../../shared/api/methods/profiles';
import { api } from '../../api/client';

export const PROFILES_KEY = ['profiles'] as const;

export function useProfiles() {
  return useQuery<ProfileList>({ queryKey: PROFILES_KEY, queryFn: () => api.profile.list({}) });
}

/** The profile this workstation works as; every write is sent with its id. Null until one is chosen. */
export function useCurrentReviewer(): ReviewerProfile | null {
  const { data } = useProfiles();
  return data?.profiles.find((profile) => profile.id === data.currentId) ?? null;
}
