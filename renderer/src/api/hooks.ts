import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { refreshAfterDetails } from '../features/details/refresh';
import { api } from './client';

/**
 * Refetches library queries whenever the backend says the library changed (demo load, import, delete);
 * changed details (agent, team, time: from this window, another one, or a manifest) reach the agents too.
 */
export function useLibraryChanges(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      api.on('library.changed', ({ reason }) => {
        if (reason === 'details') void refreshAfterDetails(queryClient);
        else void queryClient.invalidateQueries({ queryKey: ['library'] });
      }),
    [queryClient],
  );
}

export type MediaUrlState =
  { state: 'loading' } | { state: 'ready'; url: string } | { state: 'error'; message: string };

/**
 * The URL a media element loads a recording from, asked for once per recording shown (in the browser
 * host it carries a ticket that runs for hours; asking again on every render would reload the audio).
 */
export function useMediaUrl(recordingId: number): MediaUrlState {
  const [result, setResult] = useState<{ recordingId: number; value: MediaUrlState } | null>(null);
  useEffect(() => {
    let current = true;
    api.mediaUrl(recordingId).then(
      (url) => current && setResult({ recordingId, value: { state: 'ready', url } }),
      (error: unknown) =>
        current && setResult({ recordingId, value: { state: 'error', message: (error as Error).message } }),
    );
    return () => {
      current = false;
    };
  }, [recordingId]);
  return result?.recordingId === recordingId ? result.value : { state: 'loading' };
}
