import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Params } from '../../../../shared/api';
import { api } from '../../api/client';

export const ACCOUNTS_KEY = ['account', 'list'] as const;

/** The team's accounts, for administrators. */
export function useAccounts() {
  return useQuery({ queryKey: ACCOUNTS_KEY, queryFn: () => api.account.list({}) });
}

/** Teams and agents to pick from (the library's lists of them). */
export function useTeamsAndAgents() {
  const facets = useQuery({ queryKey: ['library', 'facets'], queryFn: () => api.library.facets({}) });
  return { teams: facets.data?.teams ?? [], agents: facets.data?.agents ?? [] };
}

/** Creating, changing and resetting accounts; each refreshes the list (and the profiles, which they are). */
export function useAccountActions() {
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ACCOUNTS_KEY });
    await queryClient.invalidateQueries({ queryKey: ['profiles'] });
  };
  return {
    // gcTime 0: a call that carried a password leaves the mutation cache at once.
    create: useMutation({
      gcTime: 0,
      mutationFn: (params: Params<'account.create'>) => api.account.create(params),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: (params: Params<'account.update'>) => api.account.update(params),
      onSuccess: refresh,
    }),
    resetPassword: useMutation({
      gcTime: 0,
      mutationFn: (params: Params<'account.resetPassword'>) => api.account.resetPassword(params),
      onSuccess: refresh,
    }),
  };
}
