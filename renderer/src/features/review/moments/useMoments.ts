import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { Moment, MomentChanges, NewMoment } from '../../../../../shared/api/methods/review';
import { api } from '../../../api/client';

const NO_MOMENTS: Moment[] = [];

/**
 * The moments of one interaction, and the writes on them. Every write goes straight to the backend
 * (which commits it durably) and its answer replaces the moment in the cache.
 */
export function useMoments(interactionId: number) {
  const queryClient = useQueryClient();
  const key = useMemo(() => ['moments', interactionId], [interactionId]);
  const query = useQuery({ queryKey: key, queryFn: () => api.moment.list({ interactionId }) });

  const put = useCallback(
    (moment: Moment) =>
      queryClient.setQueryData<Moment[]>(key, (list = []) =>
        sortMoments([...list.filter((known) => known.id !== moment.id), moment]),
      ),
    [queryClient, key],
  );
  const create = useCallback(
    async (moment: Omit<NewMoment, 'interactionId'>) => {
      const created = await api.moment.create({ ...moment, interactionId });
      put(created);
      return created;
    },
    [interactionId, put],
  );
  const update = useCallback(
    async (changes: MomentChanges) => {
      const updated = await api.moment.update(changes);
      put(updated);
      return updated;
    },
    [put],
  );
  const remove = useCallback(
    async (id: number) => {
      await api.moment.delete({ id });
      queryClient.setQueryData<Moment[]>(key, (list = []) => list.filter((known) => known.id !== id));
    },
    [queryClient, key],
  );
  /** Undo of a delete: the moment comes back with its comment, tags and links. */
  const restore = useCallback(
    async (id: number) => {
      const restored = await api.moment.restore({ id });
      put(restored);
      return restored;
    },
    [put],
  );
  return {
    moments: query.data ?? NO_MOMENTS,
    isPending: query.isPending,
    error: query.error,
    create,
    update,
    remove,
    restore,
  };
}

/** The backend's order: by time, then by turn (chat moments have no time). */
function sortMoments(moments: Moment[]): Moment[] {
  return moments.sort(
    (a, b) =>
      (a.startMs ?? Infinity) - (b.startMs ?? Infinity) || (a.turnSeq ?? 0) - (b.turnSeq ?? 0) || a.id - b.id,
  );
}
