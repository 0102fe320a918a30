import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Params } from '../../../../shared/api';
import type { CoachingSession } from '../../../../shared/api/methods/coaching';
import { api } from '../../api/client';
import { COACHING_KEY, sessionKey } from './coaching-keys';

export function useCoachingSession(id: number) {
  return useQuery({
    queryKey: sessionKey(id),
    queryFn: () => api.coaching.get({ id }),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export type SessionPatch = Omit<Params<'coaching.update'>, 'id'>;

/**
 * Writes to one session. Every write answers with the session (or changes what lists show), so the
 * session's cache takes the answer and lists and open actions refetch.
 */
export function useSessionWrites(id: number) {
  const queryClient = useQueryClient();
  const refreshLists = () =>
    queryClient.invalidateQueries({
      queryKey: COACHING_KEY,
      predicate: (query) => query.queryKey[1] !== 'session',
    });
  const took = async (session: CoachingSession) => {
    queryClient.setQueryData(sessionKey(id), session);
    await refreshLists();
  };
  const refetchSession = async () => {
    await queryClient.invalidateQueries({ queryKey: sessionKey(id) });
    await refreshLists();
  };

  return {
    /** For autosave and immediate edits alike; the caller decides when. */
    update: (patch: SessionPatch) => api.coaching.update({ id, ...patch }).then(took),
    close: useMutation({
      mutationFn: (outcome: string) => api.coaching.close({ id, outcome }),
      onSuccess: took,
    }),
    reopen: useMutation({ mutationFn: () => api.coaching.reopen({ id }), onSuccess: took }),
    addAction: useMutation({
      mutationFn: (action: Omit<Params<'coaching.actionAdd'>, 'sessionId'>) =>
        api.coaching.actionAdd({ sessionId: id, ...action }),
      onSuccess: refetchSession,
    }),
    updateAction: useMutation({
      mutationFn: (change: Params<'coaching.actionUpdate'>) => api.coaching.actionUpdate(change),
      onSuccess: refetchSession,
    }),
    deleteAction: useMutation({
      mutationFn: (actionId: number) => api.coaching.actionDelete({ id: actionId }),
      onSuccess: refetchSession,
    }),
  };
}

export type SessionWrites = ReturnType<typeof useSessionWrites>;

/** What each part of the session page gets: the session, whether this reader may change it, and how. */
export interface SessionPartProps {
  session: CoachingSession;
  editable: boolean;
  writes: SessionWrites;
}
