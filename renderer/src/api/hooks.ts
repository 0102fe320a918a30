import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from './client';

/** Refetches library queries whenever the backend says the library changed (demo load, import, delete). */
export function useLibraryChanges(): void {
  const queryClient = useQueryClient();
  useEffect(
    () => api.on('library.changed', () => void queryClient.invalidateQueries({ queryKey: ['library'] })),
    [queryClient],
  );
}
