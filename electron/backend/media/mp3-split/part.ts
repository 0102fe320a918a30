import { MemoryWatch, type MemoryUse } from '../memory';
import { PeakBuilder } from '../peaks';
import { DecoderOutputCheck } from '../sources/decoded';
import { RangeFeeder, SampleCopy, type SampleSink } from './feed';
import type { SplitPart, SplitPlan } from './plan';
import { keptBefore, keptRuns } from './trim';

/** One part of a split MP3 decode, as a helper thread is given it. */
export interface PartJob {
  path: string;
  codecName: string;
  channels: number;
  sampleRate: number;
  samplesPerPeak: number;
  plan: Pick<SplitPlan, 'trim' | 'samplesPerFrame' | 'seamFrames' | 'first'>;
  sizeBytes: number;
  part: SplitPart;
  /** Bytes fed so far, one slot per part, read by the coordinating thread for progress. */
  progress: { buffer: SharedArrayBuffer; slot: number };
}

/** What a helper decoded: its peaks, placed where the plan says the part starts, and its seams. */
export interface PartResult {
  /** The output position (after gapless trimming) of the part's first sample, as the plan predicts it. */
  start: number;
  frames: number;
  firstPeak: number;
  channels: Int16Array[];
  /** The pre-roll taken, and the samples it gave: exactly its frames' worth, or it is not what was planned. */
  prerollFrames: number;
  prerollSamples: number;
  /** The decoder's output for the part's first seamFrames frames, before any trimming. */
  head: Float32Array[] | null;
  /** Its output for the seam frames after the part (the next part's head); null for the last part. */
  overrun: Float32Array[] | null;
  memory: MemoryUse;
}

/** Decodes one part (see plan.ts): pre-roll discarded, own frames into peaks, then the next seam. */
export async function decodePart(job: PartJob): Promise<PartResult> {
  const { plan, part } = job;
  const seamSamples = plan.seamFrames * plan.samplesPerFrame;
  const progress = new Float64Array(job.progress.buffer);
  const memory = new MemoryWatch();
  const { preroll, feeder } = await startPreroll(job, (fed) => {
    progress[job.progress.slot] = fed;
    memory.sample();
  });
  try {
    let prerollSamples = preroll.firstFrameSamples;
    await feeder.feed(part.from, (_, frames) => (prerollSamples += frames));

    const start = keptBefore(plan.trim, part.rawFrom);
    const expected = Number.isFinite(part.rawTo) ? keptBefore(plan.trim, part.rawTo) - start : 0;
    const builder = new PeakBuilder(job.channels, job.samplesPerPeak, expected, start);
    const head = new SampleCopy(job.channels, seamSamples);
    let raw = part.rawFrom;
    let frames = 0;
    // The decoder never saw the Info tag: it trims nothing, so the trimming one pass does is done here.
    const own: SampleSink = (planar, count) => {
      head.add(planar, count);
      keptRuns(plan.trim, raw, raw + count, (from, to) => {
        builder.addFloat(
          planar.map((data) => data.subarray(from, to)),
          to - from,
        );
        frames += to - from;
      });
      raw += count;
    };
    await feeder.feed(part.to, own);
    const last = !Number.isFinite(part.rawTo);
    if (last) await feeder.flush(own);
    const overrun = last ? null : new SampleCopy(job.channels, seamSamples);
    if (overrun) await feeder.feed(part.feedTo, overrun.add);
    const peaks = builder.finish();
    return {
      start,
      frames,
      firstPeak: builder.firstPeak,
      channels: peaks.channels,
      prerollFrames: preroll.frames,
      prerollSamples,
      head: head.first(),
      overrun: overrun?.all() ?? null,
      memory: memory.result(),
    };
  } finally {
    feeder.close();
  }
}

/**
 * A decoder fed the first frame of the first candidate pre-roll that comes out as the candidate wants
 * (see Preroll), or of the first candidate if none does (the seam check will then tell).
 */
async function startPreroll(job: PartJob, onChunk: (fed: number) => void) {
  const { MPEGDecoder } = await import('mpg123-decoder');
  const candidates = job.part.prerolls;
  for (let i = 0; ; i++) {
    const preroll = candidates[i] ?? candidates[0]!;
    const decoder = new MPEGDecoder();
    await decoder.ready;
    const check = new DecoderOutputCheck(job.path, job.codecName, job.channels, job.sampleRate);
    const stream = { first: job.plan.first, sizeBytes: job.sizeBytes };
    const feeder = new RangeFeeder(job.path, decoder, check, stream, preroll.from, onChunk);
    let firstFrameSamples = 0;
    let silent = true;
    try {
      await feeder.feed(preroll.firstFrameEnd, (planar, frames) => {
        firstFrameSamples += frames;
        silent &&= planar.every((data) => data.subarray(0, frames).every((v) => v === 0));
      });
    } catch (error) {
      feeder.close();
      throw error;
    }
    const wanted = preroll.silentFirst === undefined || preroll.silentFirst === silent;
    if (wanted || i === candidates.length) return { preroll: { ...preroll, firstFrameSamples }, feeder };
    feeder.close();
  }
}
