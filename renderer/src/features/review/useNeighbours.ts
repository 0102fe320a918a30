import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { Neighbours } from '../../../../shared/api/methods/review';
import { api } from '../../api/client';
import { viewFromSearch } from '../library/library-url';

/**
 * The interactions before and after this one in the library view the reviewer came from (its filters and
 * sort travel in the router state), and a way to open them that keeps that view for the next step.
 * `keep` is the workspace's own address search to carry over (the docked form).
 */
export function useNeighbours(id: number, librarySearch: string, keep = '') {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = {
    // Under 'library' so it refreshes when the library changes (an import, the demo data).
    queryKey: ['library', 'neighbours', id, librarySearch],
    queryFn: () => {
      const view = viewFromSearch(new URLSearchParams(librarySearch));
      return api.library.neighbours({
        id,
        filters: view.filters,
        order: view.order,
        ...(view.sort ? { sort: view.sort } : {}),
      });
    },
  };
  const neighbours = useQuery(query);
  // A reviewer pressing N the moment a call opens must not be ignored: wait for the answer if need be.
  const open = (which: 'next' | 'previous') =>
    void queryClient.ensureQueryData<Neighbours>(query).then((data) => {
      const target = data[which];
      if (target) navigate(`/interaction/${target.id}${keep}`, { state: { librarySearch } });
    });
  return {
    data: neighbours.data,
    openNext: () => open('next'),
    openPrevious: () => open('previous'),
    backToLibrary: () => navigate(`/${librarySearch}`),
  };
}
