import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type RefObject } from 'react';
import type { Recording } from '../../../../../shared/api';
import { createWaveSurfer, type WaveSurferSetup } from './create-wavesurfer';
import type { Lane } from './lanes';
import { overviewPeaksQuery } from './overview-peaks';
import type { PlayerStore } from './player-store';

export type { Regions, WaveSurferSetup } from './create-wavesurfer';

interface Options {
  container: RefObject<HTMLElement | null>;
  minimap: RefObject<HTMLElement | null>;
  media: RefObject<HTMLMediaElement | null>;
  recording: Pick<Recording, 'id' | 'durationMs'>;
  lanes: readonly Lane[];
  store: PlayerStore;
}

/**
 * The player's waveform for as long as the player is mounted; the setup once it is ready. The overview
 * peaks are awaited here rather than through a render, so the waveform appears the moment they arrive,
 * even while the transcript is still being laid out.
 */
export function useWaveSurfer({ recording, lanes, store, ...elements }: Options) {
  const queryClient = useQueryClient();
  const [setup, setSetup] = useState<WaveSurferSetup | null>(null);
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    let teardown: (() => void) | null = null;
    let cancelled = false;
    queryClient.fetchQuery(overviewPeaksQuery(recording)).then(
      (overview) => {
        // The elements are the player's own, mounted with it before this runs.
        const container = elements.container.current;
        const minimap = elements.minimap.current;
        const media = elements.media.current;
        if (cancelled || !container || !minimap || !media) return;
        teardown = createWaveSurfer({
          container,
          minimap,
          media,
          durationMs: recording.durationMs,
          overview,
          lanes,
          store,
          onReady: setSetup,
        });
      },
      (failure: Error) => {
        if (cancelled) return;
        setError(failure);
        store.set({ settled: true });
      },
    );
    return () => {
      cancelled = true;
      teardown?.();
      setSetup(null);
    };
  }, [queryClient, recording, lanes, store, elements.container, elements.minimap, elements.media]);

  return { setup, error };
}
