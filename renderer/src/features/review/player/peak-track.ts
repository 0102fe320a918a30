import type { PeaksWindow } from '../../../../../shared/api/methods/review';

/**
 * The waveform's data at one zoom resolution: a loudness value per channel for every 1/peaksPerSecond of
 * the recording. It starts as a stretched copy of the overview, so something is drawn at once, and windows
 * of finer peaks are painted in as they arrive. Only the stretches the reviewer has looked at are fetched.
 */
export class PeakTrack {
  readonly channels: Float32Array[];
  readonly length: number;
  /** Painted stretches as [from, to) peak indexes, sorted and merged. */
  private painted: [number, number][] = [];

  constructor(
    readonly peaksPerSecond: number,
    readonly durationMs: number,
    overview: PeaksWindow,
  ) {
    this.length = Math.max(1, Math.ceil((durationMs / 1000) * peaksPerSecond));
    const overviewRate = overview.sampleRate / overview.samplesPerPeak;
    this.channels = overview.channels.map((source) => {
      const track = new Float32Array(this.length);
      for (let i = 0; i < this.length; i++) {
        track[i] = source[Math.floor((i / peaksPerSecond) * overviewRate) - overview.firstPeak] ?? 0;
      }
      return track;
    });
  }

  /** The first stretch of [fromMs, toMs) not painted yet, widened to cover every gap in it; null when done. */
  missing(fromMs: number, toMs: number): { fromMs: number; toMs: number } | null {
    let from = Math.max(0, Math.floor((fromMs / 1000) * this.peaksPerSecond));
    let to = Math.min(this.length, Math.ceil((toMs / 1000) * this.peaksPerSecond));
    for (const [a, b] of this.painted) {
      if (a <= from && b > from) from = b;
      if (a < to && b >= to) to = a;
    }
    if (from >= to) return null;
    return { fromMs: (from / this.peaksPerSecond) * 1000, toMs: (to / this.peaksPerSecond) * 1000 };
  }

  /** Writes a window of peaks in; each track value is the loudest window peak overlapping it. */
  paint(window: PeaksWindow): void {
    const windowRate = window.sampleRate / window.samplesPerPeak;
    const count = window.channels[0]?.length ?? 0;
    if (count === 0) return;
    const from = Math.max(0, Math.floor((window.firstPeak / windowRate) * this.peaksPerSecond));
    const to = Math.min(
      this.length,
      Math.ceil(((window.firstPeak + count) / windowRate) * this.peaksPerSecond),
    );
    window.channels.forEach((source, c) => {
      const track = this.channels[c];
      if (!track) return;
      for (let i = from; i < to; i++) {
        const first = Math.floor((i / this.peaksPerSecond) * windowRate) - window.firstPeak;
        const last = Math.max(
          first + 1,
          Math.ceil(((i + 1) / this.peaksPerSecond) * windowRate) - window.firstPeak,
        );
        let peak = 0;
        for (let k = Math.max(0, first); k < Math.min(count, last); k++) peak = Math.max(peak, source[k]!);
        track[i] = peak;
      }
    });
    this.markPainted(from, to);
  }

  private markPainted(from: number, to: number): void {
    const spans = [...this.painted, [from, to] as [number, number]].sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const span of spans) {
      const last = merged.at(-1);
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else merged.push([span[0], span[1]]);
    }
    this.painted = merged;
  }
}

/**
 * The track resolution for a zoom level: the next power of two at or above one peak per pixel, so small
 * zoom steps reuse a track, capped at the finest the backend stores (about 100 per second).
 */
export function trackResolution(pxPerSec: number, finestPerSecond: number): number {
  const wanted = 2 ** Math.ceil(Math.log2(Math.max(1, pxPerSec)));
  return Math.min(wanted, 2 ** Math.ceil(Math.log2(finestPerSecond)));
}
