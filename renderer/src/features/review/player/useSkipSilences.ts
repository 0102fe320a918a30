import { useEffect } from 'react';
import type { PlayerController } from './controller';
import type { PlayerStore } from './player-store';
import { skipTarget, type Silence } from './silences';

/** While skipping is on and the call plays, jumps over every long silence to just before the next words. */
export function useSkipSilences(
  store: PlayerStore,
  controller: PlayerController | null,
  silences: readonly Silence[],
) {
  useEffect(() => {
    if (!controller || silences.length === 0) return;
    return store.subscribe(() => {
      const { skipSilences, playing, currentMs } = store.get();
      if (!skipSilences || !playing) return;
      const target = skipTarget(silences, currentMs);
      if (target !== null) controller.seek(target);
    });
  }, [store, controller, silences]);
}
