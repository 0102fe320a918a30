/**
 * Reduces decoded audio, block by block as a decoder hands it out, to min/max peaks on the 16-bit scale:
 * the same numbers the backend stores for the formats it decodes itself (electron/backend/media/peaks.ts).
 * Only the peaks are kept, never the audio, so a two-hour call costs a few megabytes.
 *
 * The decoded stream may start before the recording does (the encoder's priming, which the container
 * trims from playback) and may run past its end (the last frame's padding): both are left out, so each
 * peak covers the same stretch of the recording the player plays. The decoder's rate may differ from the
 * recording's (HE-AAC decoded at twice the rate the container states): positions are mapped by time.
 */
export interface PeakReducerOptions {
  /** Channels of the recording; a decoder that gives fewer repeats its last, one that gives more is cut. */
  channels: number;
  /** At the recording's rate. */
  samplesPerPeak: number;
  recordingRate: number;
  decodedRate: number;
  /** Seconds of decoded audio before the recording's time 0. */
  skipSeconds: number;
  durationMs: number;
}

export class PeakReducer {
  /** Peaks the whole recording holds. */
  readonly expectedPeaks: number;
  private readonly out: Int16Array[];
  private written = 0;
  private taken = 0;
  private readonly min: Float32Array;
  private readonly max: Float32Array;
  private open = false;
  /** Decoded frames seen so far. */
  private position = 0;
  /** The decoded frame where the current peak ends, and the one where the recording ends. */
  private boundary: number;
  private readonly skip: number;
  private readonly end: number;
  /** Decoded frames per peak (a fraction when the rates differ). */
  private readonly span: number;

  constructor(private readonly options: PeakReducerOptions) {
    const { channels, samplesPerPeak, recordingRate, decodedRate } = options;
    const recordingFrames = Math.ceil((options.durationMs / 1000) * recordingRate);
    this.expectedPeaks = Math.ceil(recordingFrames / samplesPerPeak);
    this.span = (samplesPerPeak * decodedRate) / recordingRate;
    this.skip = Math.round(options.skipSeconds * decodedRate);
    this.end = this.skip + Math.round((recordingFrames * decodedRate) / recordingRate);
    this.boundary = this.boundaryOf(0);
    this.out = Array.from(
      { length: channels },
      () => new Int16Array(2 * Math.min(this.expectedPeaks, 1 << 16)),
    );
    this.min = new Float32Array(channels).fill(Infinity);
    this.max = new Float32Array(channels).fill(-Infinity);
  }

  /** Adds a block of planar float samples (WebCodecs' 'f32-planar'), `frames` long per channel. */
  add(planar: readonly Float32Array[], frames: number): void {
    let from = 0;
    while (from < frames) {
      if (this.position >= this.end) return; // past the recording's end: padding
      if (this.position < this.skip) {
        const skipped = Math.min(frames - from, this.skip - this.position);
        from += skipped;
        this.position += skipped;
        continue;
      }
      const take = Math.min(frames - from, this.boundary - this.position, this.end - this.position);
      for (let c = 0; c < this.options.channels; c++) {
        const data = planar[Math.min(c, planar.length - 1)]!;
        let lo = this.min[c]!;
        let hi = this.max[c]!;
        for (let i = from, stop = from + take; i < stop; i++) {
          const v = data[i]!;
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
        this.min[c] = lo;
        this.max[c] = hi;
      }
      this.open = true;
      from += take;
      this.position += take;
      if (this.position >= this.boundary) this.flush();
    }
  }

  /** Up to `max` of the peaks completed and not taken yet, per channel as (min, max) pairs. */
  take(max = Infinity): Int16Array[] {
    const end = Math.min(this.written, this.taken + max);
    const part = this.out.map((pairs) => pairs.slice(this.taken * 2, end * 2));
    this.taken = end;
    return part;
  }

  /** Ends the stream: the last, partial peak is completed. */
  finish(): void {
    if (this.open) this.flush();
  }

  /** Peaks completed and not taken yet. */
  get pending(): number {
    return this.written - this.taken;
  }

  private boundaryOf(peak: number): number {
    return this.skip + Math.round((peak + 1) * this.span);
  }

  private flush(): void {
    for (let c = 0; c < this.options.channels; c++) {
      let pairs = this.out[c]!;
      if (this.written * 2 + 2 > pairs.length) {
        const grown = new Int16Array(Math.max(16, pairs.length * 2));
        grown.set(pairs);
        this.out[c] = pairs = grown;
      }
      pairs[this.written * 2] = toInt16(this.min[c]!);
      pairs[this.written * 2 + 1] = toInt16(this.max[c]!);
    }
    this.min.fill(Infinity);
    this.max.fill(-Infinity);
    this.open = false;
    this.written++;
    this.boundary = this.boundaryOf(this.written);
  }
}

/** The backend's float-to-16-bit conversion (electron/backend/media/pcm.ts), so both give the same peaks. */
function toInt16(v: number): number {
  const x = Math.round(v * 32768);
  if (x > 32767) return 32767;
  if (x < -32768) return -32768;
  return x === x ? x : 0;
}
