import { useSyncExternalStore } from 'react';

/** What the player is doing, for the components around it that follow along (transcript, clock, controls). */
export interface PlayerState {
  ready: boolean;
  /** The player is ready or has failed: either way, the rest of the workspace may render. */
  settled: boolean;
  playing: boolean;
  currentMs: number;
  rate: number;
  /** Pixels per second of the waveform; 0 fits the whole recording in view. */
  zoom: number;
  /** Pixels per second that fit the whole recording in view (the zoom slider's far end). */
  fitZoom: number;
  skipSilences: boolean;
}

export interface PlayerStore {
  get(): PlayerState;
  set(patch: Partial<PlayerState>): void;
  /** Returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

/**
 * A small store outside React: the playback position changes on every animation frame, and only the
 * components whose selected slice changes (the active turn, the second on the clock) re-render.
 */
export function createPlayerStore(): PlayerStore {
  let state: PlayerState = {
    ready: false,
    settled: false,
    playing: false,
    currentMs: 0,
    rate: 1,
    zoom: 0,
    fitZoom: 0,
    skipSilences: false,
  };
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(patch) {
      state = { ...state, ...patch };
      listeners.forEach((listener) => listener());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Re-renders only when the selected value changes (select must return a primitive or a stable value). */
export function usePlayerState<T>(store: PlayerStore, select: (state: PlayerState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}
