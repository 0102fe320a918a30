import WaveSurfer from 'wavesurfer.js';
import MinimapPlugin from 'wavesurfer.js/dist/plugins/minimap.js';
import RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.js';
import TimelinePlugin from 'wavesurfer.js/dist/plugins/timeline.js';
import ZoomPlugin from 'wavesurfer.js/dist/plugins/zoom.js';
import type { PeaksWindow } from '../../../../../shared/api/methods/review';
import { formatDuration } from '../../../app/format';
import { LANE_HEIGHT, type Lane } from './lanes';
import type { PlayerStore } from './player-store';
import { labelsTimeAt } from './timeline-labels';
import { MAX_ZOOM } from './zoom';

export type Regions = ReturnType<typeof RegionsPlugin.create>;

export interface WaveSurferSetup {
  wavesurfer: WaveSurfer;
  regions: Regions;
  /** The overview loudness per channel, as drawn when the whole call is in view. */
  overview: Float32Array[];
  overviewWindow: PeaksWindow;
}

export interface WaveSurferParts {
  container: HTMLElement;
  minimap: HTMLElement;
  media: HTMLMediaElement;
  durationMs: number;
  overview: PeaksWindow;
  lanes: readonly Lane[];
  store: PlayerStore;
  onReady: (setup: WaveSurferSetup) => void;
}

/**
 * Builds the waveform: drawn from the stored loudness overview (never from decoded audio), playing the
 * media element, which streams the recording with Range requests. Timeline, minimap, wheel and pinch
 * zoom, and regions for moments come as plugins; the store follows the player. Returns the teardown.
 */
export function createWaveSurfer({
  container,
  minimap,
  media,
  durationMs,
  overview,
  lanes,
  store,
  onReady,
}: WaveSurferParts): () => void {
  // A recording without peaks (yet) gets flat lanes: it plays all the same.
  const channels =
    overview.channels.length > 0
      ? overview.channels.map((channel) => Float32Array.from(channel))
      : lanes.map(() => new Float32Array(2));
  // One fixed scale for every zoom level, so a quiet stretch does not swell when zoomed into.
  const maxPeak = Math.max(0.05, ...channels.map((channel) => channel.reduce((m, v) => Math.max(m, v), 0)));
  const regions = RegionsPlugin.create();
  const fitZoom = () => container.clientWidth / (durationMs / 1000);
  // The timeline may label notches while the instance is still being created.
  let created: WaveSurfer | null = null;
  const pxPerSecond = () => Math.max(created?.options.minPxPerSec ?? 0, fitZoom());
  const wavesurfer = WaveSurfer.create({
    container,
    media,
    peaks: channels,
    duration: durationMs / 1000,
    height: LANE_HEIGHT,
    normalize: true,
    maxPeak,
    cursorColor: '#1e1b4b',
    cursorWidth: 2,
    dragToSeek: false, // dragging selects a range for a moment
    autoScroll: true,
    autoCenter: true,
    splitChannels: lanes.map((lane) => ({ waveColor: lane.waveColor, progressColor: lane.progressColor })),
    plugins: [
      regions,
      TimelinePlugin.create({
        height: 18,
        formatTimeCallback: (seconds) =>
          labelsTimeAt(seconds, pxPerSecond()) ? formatDuration(seconds * 1000) : '',
        style: { color: 'var(--mantine-color-dimmed)', fontSize: '10px' },
      }),
      MinimapPlugin.create({
        container: minimap,
        height: 32,
        waveColor: '#cbd5e1',
        progressColor: '#64748b',
        overlayColor: 'rgba(67, 56, 202, 0.18)',
        cursorColor: '#1e1b4b',
        normalize: true,
        maxPeak,
      }),
      ZoomPlugin.create({ maxZoom: MAX_ZOOM, exponentialZooming: true, iterations: 30 }),
    ],
  });

  created = wavesurfer;
  const onRate = () => store.set({ rate: media.playbackRate });
  media.addEventListener('ratechange', onRate);
  const unsubscribers = [
    wavesurfer.on('ready', () => {
      // A waveform redrawn under a playing call (its peaks just arrived) finds the media already playing.
      store.set({
        ready: true,
        settled: true,
        fitZoom: fitZoom(),
        rate: media.playbackRate,
        playing: !media.paused,
      });
      onReady({ wavesurfer, regions, overview: channels, overviewWindow: overview });
    }),
    wavesurfer.on('play', () => store.set({ playing: true })),
    wavesurfer.on('pause', () => store.set({ playing: false })),
    wavesurfer.on('timeupdate', (seconds) => store.set({ currentMs: seconds * 1000 })),
    wavesurfer.on('zoom', (pxPerSec) => store.set({ zoom: pxPerSec <= fitZoom() ? 0 : pxPerSec })),
    wavesurfer.on('resize', () => store.set({ fitZoom: fitZoom() })),
  ];
  return () => {
    unsubscribers.forEach((off) => off());
    media.removeEventListener('ratechange', onRate);
    wavesurfer.destroy();
    store.set({ ready: false, playing: false });
  };
}
