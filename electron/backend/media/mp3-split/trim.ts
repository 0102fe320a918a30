import type { MpegStream } from '../mpeg-header';

/**
 * mpg123's gapless trimming, which a decoder started part-way through a stream cannot do itself (it
 * never saw the Info tag, and counts frames from where it started). Positions are *raw* samples: the
 * decoder's output before trimming, counted from the first audio frame (the Info frame is not audio).
 *
 * mpg123 (frame.c, frame_gapless_init; libmpg123.c, frame_buffercheck) cuts the encoder delay plus its
 * own 529 samples at the start, and at the end everything from the declared length on, up to the end
 * of the frames the tag counts; frames past those are kept whole ("attached to the stream after the
 * fact"). With a frame count but no LAME extension, delay and padding are 0. Without a count it trims
 * nothing. The split decode checks the start against what the first thread really output (an error
 * in this model is caught there, and that part is decoded again in order); the end cannot be checked
 * that way, and is tested against single-threaded decodes (test/integration/media/split.test.ts).
 */
export interface GaplessTrim {
  /** Raw samples before this are cut. */
  begin: number;
  /** Raw samples from `cut` up to `full` are cut (the encoder's padding)... */
  cut: number;
  /** ...and those from `full` on (frames the tag does not count) are kept. */
  full: number;
}

/** mpg123's GAPLESS_DELAY: the layer III decoder's own delay, cut with the encoder's. */
const DECODER_DELAY = 529;

export function gaplessTrim(stream: MpegStream): GaplessTrim | null {
  const tag = stream.infoTag;
  if (!tag?.frames) return null;
  const full = tag.frames * stream.first.samplesPerFrame;
  return {
    begin: tag.delay + DECODER_DELAY,
    cut: Math.min(full, full - tag.padding + DECODER_DELAY),
    full,
  };
}

/** How many samples mpg123 outputs for the raw samples before `raw`. */
export function keptBefore(trim: GaplessTrim | null, raw: number): number {
  if (!trim) return raw;
  return Math.max(0, Math.min(raw, trim.cut) - trim.begin) + Math.max(0, raw - trim.full);
}

/** Calls `keep(from, to)` for each run of kept raw samples in [start, end), relative to `start`. */
export function keptRuns(
  trim: GaplessTrim | null,
  start: number,
  end: number,
  keep: (from: number, to: number) => void,
): void {
  if (!trim) {
    keep(0, end - start);
    return;
  }
  const runs: [number, number][] = [
    [trim.begin, trim.cut],
    [trim.full, Infinity],
  ];
  for (const [from, to] of runs) {
    const a = Math.max(start, from);
    const b = Math.min(end, to);
    if (a < b) keep(a - start, b - start);
  }
}
