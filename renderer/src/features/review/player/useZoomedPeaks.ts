import { useEffect } from 'react';
import { MAX_WINDOW_PEAKS } from '../../../../../shared/api/methods/review';
import { api } from '../../../api/client';
import { asAudioData } from './audio-data';
import { PeakTrack, trackResolution } from './peak-track';
import type { WaveSurferSetup } from './create-wavesurfer';

/** The finest level the backend stores is about 100 peaks per second (electron/backend/media/peaks.ts). */
const FINEST_PER_SECOND = 100;
/** Tracks kept for zoom levels visited recently; a two-hour call at the finest is ~7 MB a track. */
const KEEP_TRACKS = 2;
const SETTLE_MS = 60;

/**
 * Keeps the waveform sharp when zoomed in: at a zoom finer than the overview it draws from a track at
 * about one peak per pixel and fetches only the visible stretch (and a screen either side) of it, so a
 * two-hour call never travels to the renderer at full resolution. Zoomed out, it draws the overview.
 */
export function useZoomedPeaks(setup: WaveSurferSetup | null, recordingId: number) {
  useEffect(() => {
    // Without peaks (flat lanes) there is nothing finer to fetch.
    if (!setup || setup.overviewWindow.channels.length === 0) return;
    const { wavesurfer, overviewWindow: overview } = setup;
    const renderer = wavesurfer.getRenderer();
    const durationMs = overview.durationMs;
    const overviewPerSecond = overview.sampleRate / overview.samplesPerPeak;
    const tracks = new Map<number, PeakTrack>();
    let shown: PeakTrack | null = null;
    let visible = { fromMs: 0, toMs: durationMs };
    let fetching = false;
    let disposed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const show = (track: PeakTrack | null) => {
      if (track === shown) return;
      shown = track;
      void renderer.render(asAudioData(track ? track.channels : setup.overview, durationMs / 1000));
    };

    const trackFor = (perSecond: number) => {
      let track = tracks.get(perSecond);
      if (!track) {
        track = new PeakTrack(perSecond, durationMs, overview);
        tracks.set(perSecond, track);
        for (const rate of tracks.keys())
          if (tracks.size > KEEP_TRACKS && rate !== perSecond) tracks.delete(rate);
      }
      return track;
    };

    const update = () => {
      const pxPerSec = wavesurfer.options.minPxPerSec;
      if (!pxPerSec || pxPerSec <= overviewPerSecond) return show(null);
      const track = trackFor(trackResolution(pxPerSec, FINEST_PER_SECOND));
      show(track);
      const span = visible.toMs - visible.fromMs;
      const gap = track.missing(visible.fromMs - span, visible.toMs + span);
      if (!gap || fetching) return;
      fetching = true;
      const targetPeaks = Math.ceil(((gap.toMs - gap.fromMs) / 1000) * track.peaksPerSecond);
      api.recording
        .peaksWindow({
          recordingId,
          fromMs: Math.floor(gap.fromMs),
          toMs: Math.ceil(gap.toMs),
          targetPeaks: Math.min(MAX_WINDOW_PEAKS, Math.max(10, targetPeaks)),
        })
        .then((window) => {
          fetching = false;
          if (disposed) return;
          track.paint(window);
          if (shown === track) renderer.reRender();
          schedule(); // the view may have moved on while this window was on its way
        })
        // A failed window leaves the stretched overview in place; the next scroll or zoom asks again.
        .catch(() => {
          fetching = false;
        });
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(update, SETTLE_MS);
    };

    const unsubscribers = [
      wavesurfer.on('zoom', schedule),
      wavesurfer.on('scroll', (startSec, endSec) => {
        visible = { fromMs: startSec * 1000, toMs: endSec * 1000 };
        schedule();
      }),
    ];
    return () => {
      disposed = true;
      clearTimeout(timer);
      unsubscribers.forEach((off) => off());
    };
  }, [setup, recordingId]);
}
