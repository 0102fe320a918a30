import { useCallback, useEffect, useRef, useState } from 'react';
import { giveUpTurn, takeTurn } from './one-at-a-time';
import {
  elapsedAt,
  finishedAt,
  seekClock,
  startClock,
  stopClock,
  stoppedClock,
  type ReadingClock,
} from './reading-clock';
import type { ClipState } from './useClipPlayback';

/**
 * How often a running reading time is looked at: often enough for a smooth bar and a countdown that
 * changes on the second. A timer, not animation frames, so a reel still moves on in a hidden window.
 */
const TICK_MS = 100;

/**
 * Plays a text moment for its reading time (see ./reading-clock): the same states, pause, seek and
 * `onEnded` as a recording's clip, so a reel moves on from a chat message as it does from a call.
 * `lengthMs` null means there is nothing to read; play then does nothing.
 */
export function useReadingPlayback(
  lengthMs: number | null,
  options: { autoPlay: boolean; onEnded?: () => void },
) {
  const [state, setState] = useState<ClipState>('idle');
  const [elapsedMs, setElapsedMs] = useState(0);
  const clockRef = useRef<ReadingClock>(stoppedClock(lengthMs ?? 0));
  const onEndedRef = useRef(options.onEnded);
  useEffect(() => {
    onEndedRef.current = options.onEnded;
  });

  const pause = useCallback(() => {
    const now = performance.now();
    if (clockRef.current.runningSince === null) return;
    clockRef.current = stopClock(clockRef.current, now);
    setElapsedMs(elapsedAt(clockRef.current, now));
    setState('paused');
  }, []);

  // While playing, the clock is read on a timer (restarted by the effect, so it survives a remount).
  useEffect(() => {
    if (state !== 'playing') return;
    const tick = () => {
      const now = performance.now();
      const clock = clockRef.current;
      if (!finishedAt(clock, now)) {
        setElapsedMs(elapsedAt(clock, now));
        return;
      }
      clockRef.current = stopClock(clock, now);
      setElapsedMs(clock.lengthMs);
      setState('ended');
      onEndedRef.current?.();
    };
    tick();
    const timer = window.setInterval(tick, TICK_MS);
    return () => window.clearInterval(timer);
  }, [state]);

  useEffect(() => () => giveUpTurn(pause), [pause]);

  const playable = lengthMs !== null && lengthMs > 0;
  const play = useCallback(() => {
    if (!playable) return;
    takeTurn(pause);
    const now = performance.now();
    // A moment keeps its text; should it change all the same, its reading time starts over.
    if (clockRef.current.lengthMs !== lengthMs) clockRef.current = stoppedClock(lengthMs);
    clockRef.current = startClock(clockRef.current, now);
    setElapsedMs(elapsedAt(clockRef.current, now));
    setState('playing');
  }, [lengthMs, pause, playable]);

  /** Moves within the reading time; while not playing, play then starts there. */
  const seek = useCallback((ms: number) => {
    const now = performance.now();
    clockRef.current = seekClock(clockRef.current, ms, now);
    setElapsedMs(elapsedAt(clockRef.current, now));
    setState((current) => (current === 'ended' ? 'paused' : current));
  }, []);

  const autoPlayed = useRef(false);
  useEffect(() => {
    if (!options.autoPlay || autoPlayed.current) return;
    autoPlayed.current = true;
    play();
  }, [options.autoPlay, play]);

  return { state, elapsedMs, lengthMs: playable ? lengthMs : null, play, pause, seek };
}
