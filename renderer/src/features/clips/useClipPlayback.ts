import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { api } from '../../api/client';
import { clampSpan, reachedEnd, resumeFrom, type ClipSpan } from './clip-span';
import { giveUpTurn, takeTurn } from './one-at-a-time';

export type ClipState = 'idle' | 'playing' | 'paused' | 'ended';

/** Position updates are rounded to this many ms, so a playing clip re-renders ~20 times a second, not 60. */
const POSITION_STEP_MS = 50;

/**
 * Plays one span of a recording through an <audio> element. The source is set only when play is first
 * pressed, and the media URL serves byte ranges, so the browser fetches the headers and the part around
 * the clip, never the whole recording; nothing is decoded up front. Stops itself at the span's end.
 */
export function useClipPlayback(
  audioRef: RefObject<HTMLAudioElement | null>,
  requested: ClipSpan | null,
  options: { autoPlay: boolean; onEnded?: () => void },
) {
  const [state, setState] = useState<ClipState>('idle');
  const [durationMs, setDurationMs] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const span = requested && clampSpan(requested, durationMs);
  const [positionMs, setPositionMs] = useState<number | null>(null);
  // Listeners and the frame loop read the latest values through refs rather than re-subscribing.
  const spanRef = useRef(span);
  const positionRef = useRef<number | null>(null);
  const onEndedRef = useRef(options.onEnded);
  useEffect(() => {
    spanRef.current = span;
    onEndedRef.current = options.onEnded;
  });

  const report = useCallback((ms: number) => {
    positionRef.current = ms;
    const stepped = Math.round(ms / POSITION_STEP_MS) * POSITION_STEP_MS;
    setPositionMs((current) => (current === stepped ? current : stepped));
  }, []);

  const finish = useCallback(() => {
    const audio = audioRef.current;
    const current = spanRef.current;
    if (!audio || !current) return;
    audio.pause();
    report(current.toMs);
    setState('ended');
    onEndedRef.current?.();
  }, [audioRef, report]);

  // Follow the media element: its own events for state, a frame loop (and timeupdate, which still fires
  // in a hidden window where frames stop) for the position and the stop at the clip's end.
  useEffect(() => {
    const audio = audioRef.current;
    if (!audio) return;
    let frame = 0;
    const tick = () => {
      const current = spanRef.current;
      if (!current || audio.paused) return;
      const ms = audio.currentTime * 1000;
      if (reachedEnd(current, ms)) return finish();
      report(ms);
      frame = requestAnimationFrame(tick);
    };
    const onPlaying = () => {
      setState('playing');
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(tick);
    };
    const onPause = () => {
      cancelAnimationFrame(frame);
      setState((current) => (current === 'playing' ? 'paused' : current));
    };
    const onTimeUpdate = () => {
      const current = spanRef.current;
      if (current && !audio.paused && reachedEnd(current, audio.currentTime * 1000)) finish();
    };
    const onMetadata = () => setDurationMs(Number.isFinite(audio.duration) ? audio.duration * 1000 : null);
    const onError = () => {
      setFailed(true);
      setState('idle');
    };
    audio.addEventListener('playing', onPlaying);
    audio.addEventListener('pause', onPause);
    audio.addEventListener('timeupdate', onTimeUpdate);
    audio.addEventListener('ended', finish);
    audio.addEventListener('loadedmetadata', onMetadata);
    audio.addEventListener('error', onError);
    return () => {
      cancelAnimationFrame(frame);
      audio.removeEventListener('playing', onPlaying);
      audio.removeEventListener('pause', onPause);
      audio.removeEventListener('timeupdate', onTimeUpdate);
      audio.removeEventListener('ended', finish);
      audio.removeEventListener('loadedmetadata', onMetadata);
      audio.removeEventListener('error', onError);
    };
  }, [audioRef, finish, report]);

  const pause = useCallback(() => audioRef.current?.pause(), [audioRef]);

  // Leaving the page (or the next clip of a reel replacing this one) stops the sound and the download.
  useEffect(() => {
    const audio = audioRef.current;
    return () => {
      giveUpTurn(pause);
      if (!audio) return;
      audio.pause();
      audio.removeAttribute('src');
      audio.load();
    };
  }, [audioRef, pause]);

  const recordingId = requested?.recordingId ?? null;
  const play = useCallback(async () => {
    const audio = audioRef.current;
    const current = spanRef.current;
    if (!audio || !current || recordingId === null) return;
    setFailed(false);
    if (!audio.getAttribute('src')) {
      let url: string;
      try {
        url = await api.mediaUrl(recordingId);
      } catch {
        return setFailed(true);
      }
      // Another press of play may have set it while the URL was on its way.
      if (!audio.getAttribute('src')) {
        audio.preload = 'metadata';
        audio.src = url;
      }
    }
    takeTurn(pause);
    try {
      if (audio.readyState < HTMLMediaElement.HAVE_METADATA) await metadataOf(audio);
      const from = resumeFrom(spanRef.current ?? current, positionRef.current);
      audio.currentTime = from / 1000;
      report(from);
      await audio.play();
    } catch {
      // The browser refused to start sound without a click (autoplay), a newer play or pause cut this
      // one short, or the recording is unreadable (the error event says so): in every case the state
      // stays what the media element last reported, and the listener can press play.
    }
  }, [audioRef, pause, recordingId, report]);

  /** Moves within the clip; while not playing, play then starts there. */
  const seek = useCallback(
    (ms: number) => {
      const audio = audioRef.current;
      report(ms);
      if (audio && audio.readyState >= HTMLMediaElement.HAVE_METADATA) audio.currentTime = ms / 1000;
      setState((current) => (current === 'ended' ? 'paused' : current));
    },
    [audioRef, report],
  );

  const autoPlayed = useRef(false);
  useEffect(() => {
    if (!options.autoPlay || autoPlayed.current) return;
    autoPlayed.current = true;
    void play();
  }, [options.autoPlay, play]);

  return { state, span, positionMs: positionMs ?? span?.fromMs ?? null, failed, play, pause, seek };
}

function metadataOf(audio: HTMLAudioElement): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      audio.removeEventListener('loadedmetadata', done);
      audio.removeEventListener('error', fail);
      resolve();
    };
    const fail = () => {
      audio.removeEventListener('loadedmetadata', done);
      audio.removeEventListener('error', fail);
      reject(new Error('the recording could not be loaded'));
    };
    audio.addEventListener('loadedmetadata', done);
    audio.addEventListener('error', fail);
  });
}
