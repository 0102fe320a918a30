import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Params } from '../../../../shared/api';
import type { CoachingSession } from '../../../../shared/api/methods/coaching';
import { api } from '../../api/client';
import { useVersionedEdits } from '../../app/conflict/useVersionedEdits';
import { COACHING_KEY, sessionKey } from './coaching-keys';

export function useCoachingSession(id: number) {
  return useQuery({
    queryKey: sessionKey(id),
    queryFn: () => api.coaching.get({ id }),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export type SessionPatch = Omit<Params<'coaching.update'>, 'id' | 'version'>;

/**
 * Writes to one session. Every write answers with the session (or changes what lists show), so the
 * session's cache takes the answer and lists and open actions refetch.
 */
export function useSessionWrites(session: CoachingSession) {
  const id = session.id;
  const queryClient = useQueryClient();
  // Changes go out on the version this page loaded or last saved; one saved elsewhere meanwhile (the
  // coach's other window) is a conflict, held until the coach chooses whose content stays.
  const { edits, conflict } = useVersionedEdits<CoachingSession, SessionPatch>({
    version: session.version,
    load: async () => {
      const stored = await api.coaching.get({ id });
      return {
        value: stored,
        version: stored.version,
        savedBy: stored.updatedBy?.name ?? null,
        savedAt: stored.updatedAt,
      };
    },
    merge: (older, newer) => ({ ...older, ...newer }),
  });
  const refreshLists = () =>
    queryClient.invalidateQueries({
      queryKey: COACHING_KEY,
      predicate: (query) => query.queryKey[1] !== 'session',
    });
  const took = async (saved: CoachingSession) => {
    edits.adopt(saved.version);
    queryClient.setQueryData(sessionKey(id), saved);
    await refreshLists();
  };
  const refetchSession = async () => {
    await queryClient.invalidateQueries({ queryKey: sessionKey(id) });
    await refreshLists();
  };

  return {
    /** For autosave and immediate edits alike; the caller decides when. */
    update: (patch: SessionPatch) =>
      edits.save(patch, (change, version) => api.coaching.update({ id, version, ...change })).then(took),
    /** A change refused because the session was saved elsewhere: what is stored, and this page's change. */
    conflict,
    /** Takes the stored session; the page shows it (texts included) from then on. */
    seeTheirs: () => {
      const stored = edits.seeTheirs();
      queryClient.setQueryData(sessionKey(id), stored);
      return stored;
    },
    /** Sends the refused change again on the stored version, overwriting what was saved elsewhere. */
    keepMine: async () => {
      const mine = edits.keepMine();
      await took(
        await edits.save(mine, (change, version) => api.coaching.update({ id, version, ...change })),
      );
    },
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
