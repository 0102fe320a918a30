import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../../api/client';
import type { PlayerController } from './controller';
import type { PlayerStore } from './player-store';

/** Positions this close to either end are not worth resuming: the reviewer starts over or had finished. */
const RESUME_MARGIN_MS = 5_000;
const SAVE_EVERY_MS = 5_000;
const SAVE_AFTER_SEEK_MS = 1_000;

/**
 * Opens a call where the reviewer left off and keeps that place in the backend: every few seconds while
 * playing, when pausing, shortly after a seek, and when leaving the call.
 */
export function useResumePosition(
  interactionId: number,
  durationMs: number,
  store: PlayerStore,
  controller: PlayerController | null,
) {
  const saved = useQuery({
    queryKey: ['playback', interactionId],
    queryFn: () => api.playback.get({ interactionId }),
    staleTime: 0,
    gcTime: 0,
  });
  const [dismissed, setDismissed] = useState(false);
  const resumed = useRef(false);
  const position = saved.data?.positionMs ?? null;
  const resumeAt =
    position !== null && position > RESUME_MARGIN_MS && position < durationMs - RESUME_MARGIN_MS
      ? position
      : null;

  useEffect(() => {
    if (!controller || !saved.isSuccess || resumed.current) return;
    resumed.current = true;
    if (resumeAt !== null) controller.seek(resumeAt);
  }, [controller, saved.isSuccess, resumeAt]);

  useEffect(() => {
    let lastSaved: number | null = null;
    let last = store.get();
    let changed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      clearTimeout(timer);
      const ms = Math.round(store.get().currentMs);
      if (!changed || ms === lastSaved) return;
      lastSaved = ms;
      // Losing one position save is harmless; the next one follows within seconds.
      api.playback.save({ interactionId, positionMs: ms }).catch(() => undefined);
    };
    const unsubscribe = store.subscribe(() => {
      const now = store.get();
      if (now.currentMs !== last.currentMs) changed = true;
      if (now.playing && Math.abs(now.currentMs - (lastSaved ?? 0)) >= SAVE_EVERY_MS) save();
      else if (last.playing && !now.playing) save();
      else if (!now.playing && now.currentMs !== last.currentMs) {
        clearTimeout(timer);
        timer = setTimeout(save, SAVE_AFTER_SEEK_MS);
      }
      last = now;
    });
    return () => {
      unsubscribe();
      save();
    };
  }, [interactionId, store]);

  return {
    resumedAtMs: dismissed ? null : resumeAt,
    startOver: () => {
      setDismissed(true);
      controller?.seek(0);
    },
    dismiss: () => setDismissed(true),
  };
}
