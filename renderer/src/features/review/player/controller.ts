import type WaveSurfer from 'wavesurfer.js';
import type { PlayerStore } from './player-store';

/** What the rest of the workspace (transcript, moments, shortcuts) can ask of the player. */
export interface PlayerController {
  togglePlay(): void;
  /** Plays, from `fromMs` when given. */
  play(fromMs?: number): void;
  pause(): void;
  seek(ms: number): void;
  /** Moves from where the last seek or skip was sent, so quick presses (L L J) all count, in order. */
  skip(deltaMs: number): void;
  /** Changes the speed keeping the pitch, so voices stay natural at 1.5× and 0.75×. */
  setRate(rate: number): void;
  /** The speed now (read from the media element, so two quick key presses both count). */
  rate(): number;
  /** Pixels per second; 0 fits the whole recording. */
  zoomTo(pxPerSec: number): void;
  currentMs(): number;
}

const HAVE_METADATA = 1;
const HAVE_FUTURE_DATA = 3;

export function createController(
  wavesurfer: WaveSurfer,
  store: PlayerStore,
  /** Runs inside the reviewer's gesture before playing (starts the per-channel audio graph). */
  beforePlay: () => void,
): PlayerController {
  const media = wavesurfer.getMediaElement();
  const durationMs = () => wavesurfer.getDuration() * 1000;
  const clamp = (ms: number) => Math.max(0, Math.min(ms, durationMs()));
  /**
   * Seeks so that a seek asked for while another is under way lands too. wavesurfer 8 holds back a time
   * set while the media element is below HAVE_FUTURE_DATA (a WebKit workaround) and forgets it when the
   * earlier seek's `seeking` event arrives. Chromium is at HAVE_METADATA for the whole of a seek, so J
   * pressed straight after L was lost and the call stayed 5 s ahead. The element itself takes a new seek
   * at any time once it has its metadata (it gives up the one under way), and its currentTime reads the
   * newest target at once: the next skip starts from there. wavesurfer draws the cursor there as the
   * seek ends; the store (clock, transcript) follows now.
   */
  const goTo = (ms: number) => {
    const seconds = clamp(ms) / 1000;
    if (!media || media.readyState < HAVE_METADATA || media.readyState >= HAVE_FUTURE_DATA)
      return wavesurfer.setTime(seconds);
    media.currentTime = seconds;
    store.set({ currentMs: seconds * 1000 });
  };
  // A click on the waveform or on the overview below it seeks through wavesurfer's own seekTo, which
  // goes round goTo: a click landing while a seek (a key's, another click's) is under way was held back
  // and then dropped, and a key pressed just after it skipped from the old spot. Taking seekTo over makes
  // every position change go one way, so clicks and keys in any order all count, in order.
  wavesurfer.seekTo = (progress) => goTo(progress * durationMs());
  const play = (fromMs?: number) => {
    beforePlay();
    if (fromMs !== undefined) goTo(fromMs);
    // A play() refused by the browser (no gesture yet) leaves the player paused, as it should.
    wavesurfer.play().catch(() => undefined);
  };
  return {
    togglePlay: () => (wavesurfer.isPlaying() ? wavesurfer.pause() : play()),
    play,
    pause: () => wavesurfer.pause(),
    seek: goTo,
    // getCurrentTime is the element's currentTime (the target of a seek under way) or, before the
    // metadata, the time wavesurfer holds for it.
    skip: (deltaMs) => goTo(wavesurfer.getCurrentTime() * 1000 + deltaMs),
    setRate: (rate) => wavesurfer.setPlaybackRate(rate, true),
    rate: () => wavesurfer.getPlaybackRate(),
    zoomTo: (pxPerSec) => {
      const fit = store.get().fitZoom;
      wavesurfer.zoom(pxPerSec <= fit ? 0 : pxPerSec);
    },
    currentMs: () => wavesurfer.getCurrentTime() * 1000,
  };
}
