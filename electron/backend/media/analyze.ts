import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AudioDamage, Speaker } from '../../../shared/api';
import { EarmarkError } from '../../../shared/errors';
import { hashFiles } from './hash';
import { MemoryWatch, type MemoryUse } from './memory';
import { decodeSplit } from './mp3-split';
import { coarsen, PeakBuilder, peakResolutions, type PeakLevel } from './peaks';
import { floatToInt16 } from './pcm';
import { openSource } from './sources/open';
import {
  isUndecoded,
  type AudioSource,
  type OpenedSource,
  type PcmBlock,
  type StreamDamage,
  type UndecodedSource,
} from './sources/source';
import { mergeLegs } from './sources/two-legs';
import { WavWriter } from './wav-writer';

export interface AnalyzeInput {
  /** One recording, or the two mono legs of a call in the order [agent, customer]. */
  sources: string[];
  /** Where a transcoded playable copy is written, named after the content hash. */
  outputDir: string;
  /** What each channel carries; for two legs it is always ['agent', 'customer']. */
  channelRoles?: Speaker[] | null;
  /** Where the transcode is written until complete; chosen by the caller so it can clean up after a kill. */
  partialPath?: string;
  /**
   * How many parts to decode an MP3 in, each in its own thread (see mp3-split). By default one per core,
   * at most 4, none too short to be worth a thread; given here (tests, benchmarks), it applies to a short
   * file too. 1: one pass.
   */
  decodeParts?: number;
}

export interface RecordingAnalysis {
  container: string;
  codec: string;
  sampleRate: number;
  channels: number;
  durationMs: number;
  claimedDurationMs: number | null;
  /** Decoded and claimed length differ by more than 1 % (and more than 100 ms): truncated or lying. */
  durationMismatch: boolean;
  /** SHA-256 of the source bytes; for two legs, of the legs' hex digests joined by a newline. */
  sha256: string;
  sourceSizeBytes: number;
  sourcePaths: string[];
  channelRoles: Speaker[] | null;
  playable: { path: string; container: string; mimeType: string; transcoded: boolean };
  /**
   * 'peaks' when the audio was decoded and `levels` hold its peaks; 'unavailable' for a format Earmark
   * plays but does not decode (AAC, in M4A or ADTS): `levels` is then empty, the duration comes from
   * the container, and the player shows a flat line and a note instead of a waveform.
   */
  waveform: 'peaks' | 'unavailable';
  levels: PeakLevel[];
  /** The largest heap and ArrayBuffer use of any thread that analysed it, for the memory-bound test. */
  memory: MemoryUse;
  /** What was damaged in the stream and skipped (or could not be decoded); null when nothing was. */
  damage: AudioDamage | null;
  /**
   * How many parts the audio was decoded in at once (1: one pass, as for every format but a long MP3),
   * and how many of them failed the check against the part before and were decoded again in order.
   */
  split: { parts: number; redone: number };
}

export type ProgressReporter = (done: number, total: number) => void;

/** Differences below this are codec priming and padding (an MP3 frame or two), not a damaged file. */
const MISMATCH_FLOOR_MS = 100;
/** A recording shorter than this is not worth reviewing: something is wrong with the file. */
const MIN_DURATION_MS = 10;
const PROGRESS_EVERY_MS = 200;

/**
 * Decodes a recording once, streaming, and returns everything the library stores about it: format,
 * real and claimed duration, content hash, peaks, and a file the player can stream (the source itself
 * when Chromium plays it, else a 16-bit PCM WAV transcoded here). AAC (M4A, ADTS) is the exception: it
 * is not decoded at all, only described from its container, and gets no peaks (see fromContainer).
 * Runs in the calling thread; the application calls it through the `analyze` worker (workers/analyze.ts).
 */
export async function analyzeInThread(
  input: AnalyzeInput,
  onProgress: ProgressReporter = () => {},
): Promise<RecordingAnalysis> {
  const paths = checkSources(input.sources);
  const hashing = hashFiles(paths);
  let all: OpenedSource[];
  try {
    all = await openAll(paths);
  } catch (error) {
    hashing.cancel();
    throw asMediaError(error, paths);
  }
  const undecoded = all.find(isUndecoded);
  if (undecoded) {
    try {
      return await fromContainer(undecoded, paths, input.channelRoles ?? null, hashing.digests, onProgress);
    } finally {
      for (const source of all) if (!isUndecoded(source)) source.close();
      hashing.cancel();
    }
  }
  const opened = all as AudioSource[];
  const merged = opened.length === 2 ? mergeLegs(opened[0]!, opened[1]!) : undefined;
  const source = merged?.source ?? opened[0]!;
  const roles = merged ? (['agent', 'customer'] as Speaker[]) : (input.channelRoles ?? null);
  const memory = new MemoryWatch();
  const transcode: Transcode = {};
  try {
    const report = throttled((done) => onProgress(done, source.sizeBytes));
    // Two legs are merged in lockstep, and their call transcoded: only a single file can be split.
    const split = merged
      ? undefined
      : await decodeSplit(source, input.decodeParts, report).catch((error: unknown) =>
          Promise.reject(asMediaError(error, paths)),
        );
    if (split) memory.include(split.memory);
    const decoded = split ?? (await decodeInOrder(source, input, paths, roles, memory, transcode, report));
    checkRoles(paths, roles, source.channels);
    const { finest, frames } = decoded;
    if (frames === 0) {
      throw new EarmarkError(
        'unsupported_media',
        `${paths.join(' and ')} holds no audio that could be decoded.`,
      );
    }
    const durationMs = Math.round((frames * 1000) / source.sampleRate);
    if (durationMs < MIN_DURATION_MS) {
      throw new EarmarkError(
        'unsupported_media',
        `${paths.join(' and ')} holds only ${frames} samples (${durationMs} ms) of audio, too little to be a recording.`,
      );
    }
    const [fine, ...coarser] = peakResolutions(source.sampleRate);
    const levels = [finest, ...coarser.map((spp) => coarsen(finest, spp / fine!))];
    const damage = damageOf(decoded.damage, durationMs);
    const mismatch = merged
      ? opened.some((leg, i) => {
          const legMs = framesToMs(merged.legFrames[i]!, source.sampleRate);
          const legDamage = damageOf(leg.damage?.() ?? null, legMs);
          return isMismatch(legMs, leg) && !shortByDamage(legMs, leg, legDamage);
        })
      : isMismatch(durationMs, source) && !shortByDamage(durationMs, source, damage);
    if (!merged && mismatch) refuseHollow(paths[0]!, finest, durationMs, source.claimedDurationMs!);
    const digests = await hashing.digests.catch((error: unknown) =>
      Promise.reject(asMediaError(error, paths)),
    );
    const sha256 =
      digests.length === 1 ? digests[0]! : createHash('sha256').update(digests.join('\n')).digest('hex');
    let playable: RecordingAnalysis['playable'];
    if (transcode.writer) {
      const path = join(input.outputDir, `${sha256}.wav`);
      transcode.writer.finish(path);
      transcode.writer = undefined;
      playable = { path, container: 'wav', mimeType: 'audio/wav', transcoded: true };
    } else {
      playable = {
        path: paths[0]!,
        container: source.container,
        mimeType: source.playableMimeType!,
        transcoded: false,
      };
    }
    onProgress(source.sizeBytes, source.sizeBytes);
    return {
      container: source.container,
      codec: source.codec,
      sampleRate: source.sampleRate,
      channels: source.channels,
      durationMs,
      claimedDurationMs: source.claimedDurationMs,
      durationMismatch: mismatch,
      sha256,
      sourceSizeBytes: source.sizeBytes,
      sourcePaths: paths,
      channelRoles: roles,
      playable,
      waveform: 'peaks',
      levels,
      memory: memory.result(),
      split: decoded.split,
      damage,
    };
  } finally {
    transcode.writer?.abort();
    source.close();
    hashing.cancel();
  }
}

interface Decoded {
  finest: PeakLevel;
  frames: number;
  split: RecordingAnalysis['split'];
  damage: StreamDamage | null;
}

/** Where the transcode is being written, so that it is removed if anything fails. */
interface Transcode {
  writer?: WavWriter;
}

/**
 * The whole stream in one pass on this thread: peaks, and the transcode when the player needs one.
 * (A long MP3 played as it is goes through decodeSplit instead.)
 */
async function decodeInOrder(
  source: AudioSource,
  input: AnalyzeInput,
  paths: string[],
  roles: Speaker[] | null,
  memory: MemoryWatch,
  transcode: Transcode,
  report: (bytes: number) => void,
): Promise<Decoded> {
  let builder: PeakBuilder | undefined;
  let frames = 0;
  const blocks = source.blocks();
  for (;;) {
    const next = await blocks.next().catch((error: unknown) => Promise.reject(asMediaError(error, paths)));
    if (next.done) break;
    const block = next.value;
    if (!builder) {
      // The stream's format is settled once it has produced a block (a decoder may learn it from the data).
      builder = new PeakBuilder(
        source.channels,
        peakResolutions(source.sampleRate)[0]!,
        source.expectedFrames,
      );
      checkRoles(paths, roles, source.channels);
      if (!source.playableMimeType) {
        mkdirSync(input.outputDir, { recursive: true });
        transcode.writer = new WavWriter(
          input.partialPath ?? join(input.outputDir, `.${process.pid}-${Date.now()}.wav.partial`),
          source.channels,
          source.sampleRate,
        );
      }
    }
    if (block.format === 'i16') builder.addInt16(block.interleaved, block.frames);
    else builder.addFloat(block.planar, block.frames);
    transcode.writer?.writeInt16(toInterleaved(block, source.channels), block.frames);
    frames += block.frames;
    memory.sample();
    report(source.bytesRead());
  }
  if (!builder) {
    throw new EarmarkError(
      'unsupported_media',
      `${paths.join(' and ')} holds no audio that could be decoded.`,
    );
  }
  return {
    finest: builder.finish(),
    frames,
    split: { parts: 1, redone: 0 },
    damage: source.damage?.() ?? null,
  };
}

/**
 * Calls `report` at most every PROGRESS_EVERY_MS, never with less than before (a split decode given up
 * for one pass starts reading the file again).
 */
function throttled(report: (done: number) => void): (done: number) => void {
  let last = 0;
  let most = 0;
  return (done) => {
    most = Math.max(most, done);
    const now = performance.now();
    if (now - last <= PROGRESS_EVERY_MS) return;
    last = now;
    report(most);
  };
}

/**
 * Whatever goes wrong while reading or decoding a file is the file's problem as far as the user is
 * concerned (a decoder that throws on damaged data, an unreadable file): it becomes an EarmarkError that
 * names the file, never an internal error or a crash. Writing the transcode is outside this.
 */
function asMediaError(error: unknown, paths: string[]): EarmarkError {
  if (error instanceof EarmarkError) return error;
  const name = paths.join(' and ');
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') {
    return new EarmarkError('unsupported_media', `${name} cannot be read: permission denied.`);
  }
  if (code === 'ENOENT') return new EarmarkError('not_found', `${name} does not exist (any more).`);
  const detail = error instanceof Error ? error.message : String(error);
  return new EarmarkError('unsupported_media', `${name} could not be decoded: ${detail}`);
}

function checkSources(sources: readonly string[]): string[] {
  if (sources.length !== 1 && sources.length !== 2) {
    throw new EarmarkError(
      'invalid_params',
      `A recording is one file or the two legs of a call (agent, customer), not ${sources.length} files.`,
    );
  }
  for (const path of sources) {
    if (!existsSync(path)) throw new EarmarkError('not_found', `${path} does not exist.`);
    if (!statSync(path).isFile()) throw new EarmarkError('unsupported_media', `${path} is not a file.`);
  }
  return [...sources];
}

function checkRoles(paths: string[], roles: Speaker[] | null, channels: number): void {
  if (roles && roles.length !== channels) {
    throw new EarmarkError(
      'invalid_params',
      `${paths[0]} has ${channels} channel${channels === 1 ? '' : 's'}, but ${roles.length} channel roles were given.`,
    );
  }
}

async function openAll(paths: string[]): Promise<OpenedSource[]> {
  const opened: OpenedSource[] = [];
  try {
    for (const path of paths) opened.push(await openSource(path));
    return opened;
  } catch (error) {
    for (const source of opened) if (!isUndecoded(source)) source.close();
    throw error;
  }
}

/**
 * A recording Chromium plays but Earmark does not decode (AAC: the only WASM AAC decoder, FAAD2, is
 * GPL and cannot ship in Earmark). Its format and length come from the container without reading a
 * sample, the source is the playable file, and there are no peaks. The claimed and real lengths are
 * both the container's (the real one shorter only where an M4A's index points past the end of the
 * file), so a mismatch means truncation, nothing else. Two legs cannot be merged without samples.
 */
async function fromContainer(
  source: UndecodedSource,
  paths: string[],
  roles: Speaker[] | null,
  digests: Promise<string[]>,
  onProgress: ProgressReporter,
): Promise<RecordingAnalysis> {
  if (paths.length === 2) {
    throw new EarmarkError(
      'unsupported_media',
      `${source.path} is AAC audio, which Earmark plays but does not decode, so it cannot be merged with the other leg of the call (${paths.find((p) => p !== source.path) ?? paths[1]}) into one stereo recording. Convert both legs to WAV or MP3 to import them as one call.`,
    );
  }
  checkRoles(paths, roles, source.channels);
  const { durationMs } = source;
  if (durationMs < MIN_DURATION_MS) {
    throw new EarmarkError(
      'unsupported_media',
      durationMs <= 0
        ? `${source.path} holds no audio: its ${source.container.toUpperCase()} index lists no audio frames.`
        : `${source.path} holds only ${durationMs} ms of audio, too little to be a recording.`,
    );
  }
  const memory = new MemoryWatch();
  const [sha256] = await digests.catch((error: unknown) => Promise.reject(asMediaError(error, paths)));
  onProgress(source.sizeBytes, source.sizeBytes);
  return {
    container: source.container,
    codec: source.codec,
    sampleRate: source.sampleRate,
    channels: source.channels,
    durationMs,
    claimedDurationMs: source.claimedDurationMs,
    durationMismatch: isMismatch(durationMs, source),
    sha256: sha256!,
    sourceSizeBytes: source.sizeBytes,
    sourcePaths: paths,
    channelRoles: roles,
    playable: {
      path: source.path,
      container: source.container,
      mimeType: source.playableMimeType,
      transcoded: false,
    },
    waveform: 'unavailable',
    levels: [],
    memory: memory.result(),
    split: { parts: 1, redone: 0 },
    damage: null,
  };
}

/**
 * The damage as stored: a unit's length from the stream where it knows it (an MP3 frame), else the
 * average unit of what was decoded (an Ogg packet: mostly 20 ms for speech Opus, but it varies).
 */
function damageOf(damage: StreamDamage | null, durationMs: number): AudioDamage | null {
  if (!damage || damage.damaged <= 0) return null;
  const total = Math.max(damage.total, damage.damaged);
  return {
    unit: damage.unit,
    damaged: damage.damaged,
    total,
    damagedMs: damage.damagedMs ?? Math.round((damage.damaged * durationMs) / total),
  };
}

function framesToMs(frames: number, sampleRate: number): number {
  return Math.round((frames * 1000) / sampleRate);
}

function isMismatch(
  decodedMs: number,
  source: Pick<AudioSource, 'claimedDurationMs' | 'claimToleranceMs'>,
): boolean {
  const claimed = source.claimedDurationMs;
  if (claimed === null) return false;
  const difference = Math.abs(decodedMs - claimed);
  const floor =
    decodedMs < claimed ? Math.max(MISMATCH_FLOOR_MS, source.claimToleranceMs ?? 0) : MISMATCH_FLOOR_MS;
  return difference > claimed * 0.01 && difference > floor;
}

/**
 * Audio skipped as damaged is missing from the decoded length: a shortfall no larger than the damage
 * (give or take the usual priming) is the damage, already reported, not a truncated file.
 */
function shortByDamage(
  decodedMs: number,
  source: Pick<AudioSource, 'claimedDurationMs'>,
  damage: AudioDamage | null,
): boolean {
  const claimed = source.claimedDurationMs;
  if (!damage || claimed === null || decodedMs > claimed) return false;
  return claimed - decodedMs <= damage.damagedMs + MISMATCH_FLOOR_MS;
}

/**
 * A truncated file is imported with what it holds (a cut-off call is still worth reviewing, and the
 * mismatch is reported). But when what it holds is less than half the claim and nothing but digital
 * silence, the audio frames are simply missing (a header and padding, like an MP3 whose Xing header
 * promises minutes the file never had): there is nothing to review, and saying so is clearer than
 * importing an empty recording.
 */
function refuseHollow(path: string, finest: PeakLevel, durationMs: number, claimedMs: number): void {
  if (durationMs >= claimedMs / 2) return;
  const silent = finest.channels.every((pairs) => pairs.every((v) => Math.abs(v) <= 2));
  if (!silent) return;
  throw new EarmarkError(
    'unsupported_media',
    `${path} holds no audio: its header claims ${seconds(claimedMs)}, but only ${seconds(durationMs)} of silence could be decoded. The audio frames are missing.`,
  );
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** The block as interleaved 16-bit samples, for the WAV writer. */
function toInterleaved(block: PcmBlock, channels: number): Int16Array {
  if (block.format === 'i16') return block.interleaved;
  const out = new Int16Array(block.frames * channels);
  for (let c = 0; c < channels; c++) {
    const data = block.planar[c]!;
    for (let f = 0, i = c; f < block.frames; f++, i += channels) out[i] = floatToInt16(data[f]!);
  }
  return out;
}
