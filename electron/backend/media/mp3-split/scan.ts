import { availableParallelism } from 'node:os';
import { runWorker } from '../../workers/run';
import { MemoryWatch, type MemoryUse } from '../memory';
import type { MpegStream } from '../mpeg-header';
import { joinPeakParts, PeakBuilder, peakResolutions, type PeakLevel, type PeakPart } from '../peaks';
import { DecoderOutputCheck } from '../sources/decoded';
import type { AudioSource, StreamDamage } from '../sources/source';
import { RangeFeeder, SampleCopy, sameSamples, type SampleSink } from './feed';
import type { PartJob, PartResult } from './part';
import type { SplitPart, SplitPlan } from './plan';
import { keptBefore } from './trim';

/** What the `analyze` worker is given to decode one part for another thread. */
export interface PartWorkerInput {
  mp3Part: PartJob;
}

export interface SplitScan {
  finest: PeakLevel;
  frames: number;
  memory: MemoryUse;
  /** How many parts the stream was split into, and how many of them this thread decoded again. */
  split: { parts: number; redone: number };
  /** What was skipped as damaged, from the plan's walk over the whole stream. */
  damage: StreamDamage | null;
}

/** Beyond 4 threads the file's reading and the thread starts eat the gain on a call-length file. */
const MAX_PARTS = 4;
/**
 * Samples (all channels) a part must hold to be worth a thread: ~0.6 s of decoding (mpg123-decoder does
 * ~50 M a second on a current core) against a thread start of tens of milliseconds. So a 30-minute
 * 44.1 kHz stereo recording is split, while an 8 kHz mono call would need 1 hour a part.
 */
const MIN_PART_SAMPLES = 30e6;

/**
 * How many parts to split an MP3 into: one per core the machine offers (os.availableParallelism: 1 on
 * a single core, where the decode stays one pass), at most MAX_PARTS, none under MIN_PART_SAMPLES.
 */
export function defaultParts(
  stream: Omit<MpegStream, 'damagedBytes'>,
  sizeBytes: number,
  cores = availableParallelism(),
): number {
  const { first, infoTag } = stream;
  const frames = infoTag?.frames ?? (sizeBytes - stream.audioOffset) / first.frameBytes;
  const samples = frames * first.samplesPerFrame * first.channels;
  return Math.max(1, Math.min(cores, MAX_PARTS, Math.floor(samples / MIN_PART_SAMPLES)));
}

/**
 * Decodes an MP3 in parts at once: this thread decodes the first part, as one pass would (it is the
 * reference), while a helper thread decodes each other part from its pre-roll (plan.ts). A helper's
 * part is taken only if the first frames it decoded are bit for bit what the part before it decoded
 * for the same frames (each side decodes the seam frames), and it starts at the output position the
 * part before ends at; with the same reservoir, overlap and filter state and the same bytes from there
 * on, the rest of the part is then what one pass gives. A part that fails that (or whose helper
 * failed) is decoded here, the reference decoder going on through it as it would in one pass; a
 * helper's part after it is then checked against the reference. Only when a part fails after a helper
 * part was taken (the reference is no longer where it would have to go on from) is the whole split
 * given up: undefined, and the caller decodes the file in one pass.
 */
export async function scanSplit(
  source: AudioSource,
  plan: SplitPlan,
  onProgress: (bytes: number) => void,
): Promise<SplitScan | undefined> {
  const { parts } = plan;
  const { path, channels, sampleRate } = source;
  const samplesPerPeak = peakResolutions(sampleRate)[0]!;
  const seamSamples = plan.seamFrames * plan.samplesPerFrame;
  const progress = new SharedArrayBuffer(8 * parts.length);
  const helperBytes = new Float64Array(progress);
  const stop = new AbortController();
  const helpers = parts.map(
    (part, slot) =>
      slot === 0
        ? Promise.resolve(undefined)
        : runWorker<PartWorkerInput, PartResult>(
            'analyze',
            {
              mp3Part: {
                path,
                codecName: 'MP3',
                channels,
                sampleRate,
                samplesPerPeak,
                plan: {
                  trim: plan.trim,
                  samplesPerFrame: plan.samplesPerFrame,
                  seamFrames: plan.seamFrames,
                  first: plan.first,
                },
                sizeBytes: source.sizeBytes,
                part,
                progress: { buffer: progress, slot },
              },
            },
            { signal: stop.signal },
          ).catch(() => undefined), // a helper that failed has its part decoded here instead
  );
  const memory = new MemoryWatch();
  const { MPEGDecoder } = await import('mpg123-decoder');
  const decoder = new MPEGDecoder();
  await decoder.ready;
  const check = new DecoderOutputCheck(path, 'MP3', channels, sampleRate);
  let done = 0;
  const stream = { first: plan.first, sizeBytes: source.sizeBytes };
  const reference = new RangeFeeder(path, decoder, check, stream, plan.audioOffset, (fed) => {
    memory.sample();
    // The parts' bytes add up to a little more than the file (pre-rolls, seams, a helper starting over).
    const all = Math.min(source.sizeBytes, fed + helperBytes.reduce((a, b) => a + b, 0));
    done = Math.max(done, all);
    onProgress(done);
  });
  try {
    const builder = new PeakBuilder(channels, samplesPerPeak, keptBefore(plan.trim, parts[0]!.rawTo));
    let position = 0;
    const own: SampleSink = (planar, frames) => {
      builder.addFloat(planar, frames);
      position += frames;
    };
    let seam: Float32Array[] | null = null;
    const decodeHere = async (part: SplitPart) => {
      if (seam) own(seam, seam[0]!.length);
      await reference.feed(part.to, own);
      if (part === parts.at(-1)) return reference.flush(own);
      const copy = new SampleCopy(channels, seamSamples);
      await reference.feed(part.feedTo, copy.add);
      seam = copy.all();
    };
    /** A helper's part is taken if it starts where the part before ends, and its seam matches. */
    const fits = (result: PartResult | undefined, start: number, before: Float32Array[] | null) =>
      result !== undefined &&
      result.start === start &&
      result.prerollSamples === result.prerollFrames * plan.samplesPerFrame &&
      sameSamples(result.head, before);

    await decodeHere(parts[0]!);
    let redone = 0;
    let next = 1;
    for (; next < parts.length; next++) {
      if (seam === null) return undefined; // more came out of the seam frames than they hold: no telling
      if (fits(await helpers[next], position, seam)) break;
      redone++;
      await decodeHere(parts[next]!);
    }
    const segments: PeakPart[] = [{ firstPeak: 0, channels: builder.finish().channels }];
    let frames = position;
    let before: Float32Array[] | null = seam;
    for (const helper of helpers.slice(next)) {
      const result = await helper;
      if (!result || !fits(result, frames, before)) return undefined;
      segments.push(result);
      memory.include(result.memory);
      frames = result.start + result.frames;
      before = result.overrun;
    }
    return {
      finest: joinPeakParts(segments, channels, samplesPerPeak, frames),
      frames,
      memory: memory.result(),
      split: { parts: parts.length, redone },
      damage: plan.damage,
    };
  } finally {
    stop.abort(); // helpers whose part is no longer wanted
    reference.close();
  }
}
