import type WaveSurfer from 'wavesurfer.js';
import type { PlayerStore } from './player-store';

/** What the rest of the workspace (transcript, moments, shortcuts) can ask of the player. */
export interface PlayerController {
  togglePlay(): void;
  /** Plays, from `fromMs` when given. */
  play(fromMs?: number): void;
  pause(): void;
  seek(ms: number): void;
  skip(deltaMs: number): void;
  /** Changes the speed keeping the pitch, so voices stay natural at 1.5× and 0.75×. */
  setRate(rate: number): void;
  /** The speed now (read from the media element, so two quick key presses both count). */
  rate(): number;
  /** Pixels per second; 0 fits the whole recording. */
  zoomTo(pxPerSec: number): void;
  currentMs(): number;
}

export function createController(
  wavesurfer: WaveSurfer,
  store: PlayerStore,
  /** Runs inside the reviewer's gesture before playing (starts the per-channel audio graph). */
  beforePlay: () => void,
): PlayerController {
  const durationMs = () => wavesurfer.getDuration() * 1000;
  const clamp = (ms: number) => Math.max(0, Math.min(ms, durationMs()));
  const play = (fromMs?: number) => {
    beforePlay();
    // A play() refused by the browser (no gesture yet) leaves the player paused, as it should.
    wavesurfer.play(fromMs === undefined ? undefined : clamp(fromMs) / 1000).catch(() => undefined);
  };
  return {
    togglePlay: () => (wavesurfer.isPlaying() ? wavesurfer.pause() : play()),
    play,
    pause: () => wavesurfer.pause(),
    seek: (ms) => wavesurfer.setTime(clamp(ms) / 1000),
    skip: (deltaMs) => wavesurfer.setTime(clamp(wavesurfer.getCurrentTime() * 1000 + deltaMs) / 1000),
    setRate: (rate) => wavesurfer.setPlaybackRate(rate, true),
    rate: () => wavesurfer.getPlaybackRate(),
    zoomTo: (pxPerSec) => {
      const fit = store.get().fitZoom;
      wavesurfer.zoom(pxPerSec <= fit ? 0 : pxPerSec);
    },
    currentMs: () => wavesurfer.getCurrentTime() * 1000,
  };
}
