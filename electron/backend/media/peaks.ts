/**
 * Min/max peaks, computed in one streaming pass with memory bounded by the output size.
 * Values are on the 16-bit scale whatever the source format, stored as (min, max) pairs.
 */

export interface PeakLevel {
  samplesPerPeak: number;
  /** Per channel: Int16 pairs [min0, max0, min1, max1, ...]. */
  channels: Int16Array[];
}

/** Finest level ~100 peaks/s (enough for close zoom), then 20/s and 4/s for overviews of long calls. */
export function peakResolutions(sampleRate: number): number[] {
  const fine = Math.max(1, Math.round(sampleRate / 100));
  return [fine, fine * 5, fine * 25];
}

export class PeakBuilder {
  private readonly out: Int16Array[];
  private readonly min: Int16Array;
  private readonly max: Int16Array;
  private filled = 0;
  private written = 0;

  constructor(
    readonly channelCount: number,
    readonly samplesPerPeak: number,
    expectedFrames: number,
  ) {
    const peaks = Math.ceil(expectedFrames / samplesPerPeak);
    this.out = Array.from({ length: channelCount }, () => new Int16Array(peaks * 2));
    this.min = new Int16Array(channelCount).fill(32767);
    this.max = new Int16Array(channelCount).fill(-32768);
  }

  /** Adds interleaved frames (channel-major within a frame). */
  add(samples: Int16Array, frames: number): void {
    const { channelCount: n, samplesPerPeak: spp, min, max } = this;
    let i = 0;
    for (let f = 0; f < frames; f++) {
      for (let c = 0; c < n; c++) {
        const v = samples[i++]!;
        if (v < min[c]!) min[c] = v;
        if (v > max[c]!) max[c] = v;
      }
      if (++this.filled === spp) this.flush();
    }
  }

  finish(): PeakLevel {
    if (this.filled > 0) this.flush();
    return {
      samplesPerPeak: this.samplesPerPeak,
      channels: this.out.map((data) => data.subarray(0, this.written)),
    };
  }

  private flush(): void {
    for (let c = 0; c < this.channelCount; c++) {
      let data = this.out[c]!;
      if (this.written + 2 > data.length) {
        // The file held more frames than its header said; grow rather than drop audio.
        const grown = new Int16Array(Math.max(16, data.length * 2));
        grown.set(data);
        this.out[c] = data = grown;
      }
      data[this.written] = this.min[c]!;
      data[this.written + 1] = this.max[c]!;
    }
    this.written += 2;
    this.filled = 0;
    this.min.fill(32767);
    this.max.fill(-32768);
  }
}

/** Derives a coarser level from a finer one: each output pair spans `factor` input pairs. */
export function coarsen(level: PeakLevel, factor: number): PeakLevel {
  const channels = level.channels.map((fine) => {
    const pairs = fine.length / 2;
    const out = new Int16Array(Math.ceil(pairs / factor) * 2);
    for (let p = 0, o = 0; p < pairs; p += factor, o += 2) {
      let lo = 32767;
      let hi = -32768;
      const end = Math.min(pairs, p + factor);
      for (let q = p; q < end; q++) {
        const a = fine[q * 2]!;
        const b = fine[q * 2 + 1]!;
        if (a < lo) lo = a;
        if (b > hi) hi = b;
      }
      out[o] = lo;
      out[o + 1] = hi;
    }
    return out;
  });
  return { samplesPerPeak: level.samplesPerPeak * factor, channels };
}
