import { readSync } from 'node:fs';
import { EarmarkError } from '../../../shared/errors';
import { parseMpegHeader, type MpegHeader, type MpegStream } from './mpeg-header';
import type { StreamDamage } from './sources/source';
import type { StreamInput } from './sources/wasm';

/**
 * The frames of an MP3 stream as a decoder is to be fed them: every frame whose header fits the stream,
 * in file order, and nothing of what lies between them. Damage (bytes overwritten, a dropout of zeros, a
 * bit error in a frame header) is skipped as ffmpeg skips it, only more carefully: from the first header
 * that does not fit, the walk looks for the next place where RESYNC_FRAMES headers of the stream follow
 * one another (or run to the end of the file). ffmpeg's parser takes the first header it sees and then
 * swallows a few good frames until it is sure; mpg123 left to itself does much the same and may decode a
 * random byte pattern as a frame (a click). Here neither happens, and what was skipped is counted.
 *
 * ID3v2, ID3v1 and APE tags between or after the frames are skipped and not counted: they are not damage.
 * Bytes after the last frame that start no run of frames are trailing data (a tag, padding), not counted
 * either; a file cut short shows as a shorter length than it claims, which the analysis reports apart.
 *
 * The walk decides at each frame boundary from the bytes alone, so a walk started at any frame another
 * walk accepted makes the same decisions from there on: the parts of a split decode (mp3-split) and the
 * one pass feed the decoder the very same frames.
 */

/** What a walk has accepted and skipped so far. */
export interface FrameTally {
  frames: number;
  frameBytes: number;
  /** Bytes skipped between frames as damaged (tags and trailing data not included). */
  damagedBytes: number;
}

/** A frame the walk accepted: [at, end) in the file (`end` is the file's end for a frame cut off there). */
export interface AcceptedFrame {
  at: number;
  end: number;
  header: MpegHeader;
}

/** Headers in a row that make a new run of frames believable (ffmpeg's parser waits for about as many). */
export const RESYNC_FRAMES = 3;
/** The longest frame there is (layer II, 160 kbit/s at 8 kHz), so a run of them fits a lookahead. */
const MAX_FRAME_BYTES = 2881;
const LOOKAHEAD = RESYNC_FRAMES * MAX_FRAME_BYTES + 4;
const WINDOW_BYTES = 256 * 1024;

export class MpegFrameReader {
  readonly tally: FrameTally = { frames: 0, frameBytes: 0, damagedBytes: 0 };
  /** The next byte of the file to look at: past what has been accepted or skipped. */
  position: number;
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;
  private lostAt: number | null = null;

  constructor(
    private readonly fd: number,
    private size: number,
    /** The stream's first frame: a header fits if it has its layer and sample rate (ffmpeg's test too). */
    private readonly first: MpegHeader,
    /** A frame the stream's walk accepts (its first frame, or any it accepted later). */
    start: number,
    /** For messages. */
    private readonly path: string,
  ) {
    this.position = start;
  }

  /** The next frame, or null at the end of the stream. */
  nextFrame(): AcceptedFrame | null {
    return this.step(false, this.size);
  }

  /**
   * The next frames that lie one after another in the file, about `max` bytes of them (a frame is never
   * cut), none starting at or past `limit`: a view of the file's bytes, valid for good (each window read is
   * a fresh buffer). Null when there is nothing more before `limit`.
   */
  read(max: number, limit = this.size): Uint8Array | null {
    let start = -1;
    let end = -1;
    while (start < 0 || end - start < max) {
      const frame = this.step(start >= 0, limit);
      if (!frame) break;
      if (start < 0) start = frame.at;
      end = frame.end;
    }
    if (start < 0) return null;
    return this.window.subarray(start - this.windowStart, end - this.windowStart);
  }

  /**
   * Accepts the frame at `position` unless it starts at or past `limit`, first skipping tags and damage
   * unless `inRun` (a run of frames is being gathered in the window, which must then not move): returns
   * null instead, and the next call does it.
   */
  private step(inRun: boolean, limit: number): AcceptedFrame | null {
    for (;;) {
      const at = this.position;
      if (at >= this.size || at >= limit) return null;
      if (this.lostAt !== null) {
        if (inRun) return null;
        this.resync(this.lostAt);
        continue;
      }
      if (!this.has(at, Math.min(4, this.size - at))) {
        if (inRun) return null;
        this.fill(at, 4);
      }
      const header = parseMpegHeader(this.window, at - this.windowStart);
      if (header && this.fits(header)) {
        const end = Math.min(this.size, at + header.frameBytes);
        if (!this.has(at, end - at)) {
          if (inRun) return null;
          this.fill(at, end - at);
        }
        this.position = end;
        this.tally.frames++;
        this.tally.frameBytes += end - at;
        return { at, end, header };
      }
      if (inRun) return null;
      if (!this.has(at, Math.min(10, this.size - at))) this.fill(at, 10);
      const tag = tagLength(this.window, at - this.windowStart);
      if (tag > 0) this.position = Math.min(this.size, at + tag);
      else this.lostAt = at;
    }
  }

  /** From a header that does not fit: on to the next believable run of frames, or to the end. */
  private resync(lostAt: number): void {
    let p = lostAt + 1;
    while (p < this.size) {
      const need = Math.min(LOOKAHEAD, this.size - p);
      if (!this.has(p, need)) this.fill(p, need);
      const found = this.window.indexOf(0xff, p - this.windowStart);
      if (found < 0) {
        p = this.windowStart + this.window.length;
        continue;
      }
      p = this.windowStart + found;
      if (!this.has(p, Math.min(LOOKAHEAD, this.size - p))) continue; // read on from p
      const run = frameRun(this.window, found, this.size - this.windowStart);
      if (run && this.fits(run)) {
        this.tally.damagedBytes += p - lostAt;
        this.position = p;
        this.lostAt = null;
        return;
      }
      if (run && run.layer === this.first.layer) {
        throw new EarmarkError(
          'unsupported_media',
          `${this.path} is a damaged MP3 stream: its sample rate changes from ${this.first.sampleRate} Hz to ${run.sampleRate} Hz part-way.`,
        );
      }
      p++;
    }
    // No more frames of this stream: the rest is trailing data, not damage.
    this.position = this.size;
    this.lostAt = null;
  }

  private fits(header: MpegHeader): boolean {
    return header.layer === this.first.layer && header.sampleRate === this.first.sampleRate;
  }

  private has(at: number, length: number): boolean {
    return at >= this.windowStart && at + length <= this.windowStart + this.window.length;
  }

  private fill(at: number, length: number): void {
    const want = Math.min(Math.max(WINDOW_BYTES, length), this.size - at);
    const window = Buffer.allocUnsafe(want);
    const got = readSync(this.fd, window, 0, want, at);
    this.window = window.subarray(0, got);
    this.windowStart = at;
    if (got < Math.min(length, want)) this.size = at + got; // the file shrank under us
  }
}

/**
 * The first header of a believable run of frames at `at` in `bytes` (RESYNC_FRAMES headers of one
 * stream, each where the one before ends), or undefined. `eof`: where the file ends, counted in `bytes`;
 * a run may stop short of RESYNC_FRAMES where the file ends or a tag follows. `bytes` must hold the
 * run's headers (LOOKAHEAD bytes from `at`, or to the end of the file).
 */
export function frameRun(bytes: Uint8Array, at: number, eof: number): MpegHeader | undefined {
  const head = parseMpegHeader(bytes, at);
  if (!head) return undefined;
  let next = at + head.frameBytes;
  for (let count = 1; count < RESYNC_FRAMES; count++) {
    if (next === eof) return head;
    if (next > eof) return count >= 2 ? head : undefined; // the last frame cut off by the end
    const header = parseMpegHeader(bytes, next);
    if (!header || header.layer !== head.layer || header.sampleRate !== head.sampleRate) {
      return tagLength(bytes, next) > 0 ? head : undefined;
    }
    next += header.frameBytes;
  }
  return head;
}

/** The length of an ID3v2, ID3v1 or APEv2 tag starting at `at`, or 0 where none starts. */
export function tagLength(bytes: Uint8Array, at: number): number {
  const ascii = (from: number, length: number) =>
    at + from + length <= bytes.length
      ? String.fromCharCode(...bytes.subarray(at + from, at + from + length))
      : '';
  if (ascii(0, 3) === 'ID3' && at + 10 <= bytes.length && bytes[at + 3]! < 0xff) {
    const size = [6, 7, 8, 9].map((i) => bytes[at + i]!);
    if (size.some((b) => b >= 0x80)) return 0;
    const length = (size[0]! << 21) | (size[1]! << 14) | (size[2]! << 7) | size[3]!;
    return 10 + length + (bytes[at + 5]! & 0x10 ? 10 : 0);
  }
  if (ascii(0, 3) === 'TAG') return 128;
  if (ascii(0, 8) === 'APETAGEX' && at + 32 <= bytes.length) {
    const view = new DataView(bytes.buffer, bytes.byteOffset + at, 32);
    const isHeader = (view.getUint32(20, true) & 0x20000000) !== 0;
    return 32 + (isHeader ? view.getUint32(12, true) : 0);
  }
  return 0;
}

/** An MP3's frames as its decoder is fed them in one pass (sources/wasm.ts), about `chunkBytes` at a time. */
export function mpegInput(
  fd: number,
  size: number,
  stream: Pick<MpegStream, 'audioOffset' | 'first' | 'infoTag' | 'damagedBytes'>,
  path: string,
  chunkBytes: number,
): StreamInput {
  const reader = new MpegFrameReader(fd, size, stream.first, stream.audioOffset, path);
  reader.tally.damagedBytes = stream.damagedBytes;
  return {
    read: () => reader.read(chunkBytes),
    position: () => reader.position,
    // mpg123 reports no errors for the frames it is fed here (it resyncs silently, and the walk has
    // already left out what is not a frame): the walk's count is the damage.
    damage: () => frameDamage(reader.tally, stream),
  };
}

/**
 * The damage a walk found, in frames: the skipped bytes over the average frame's, at least one frame for
 * any damage (bytes that replaced a frame header cost that frame). The Info frame is not audio.
 */
export function frameDamage(
  tally: FrameTally,
  stream: Pick<MpegStream, 'first' | 'infoTag'>,
): StreamDamage | null {
  if (tally.damagedBytes === 0 || tally.frames === 0) return null;
  const { first } = stream;
  const damaged = Math.max(1, Math.round(tally.damagedBytes / (tally.frameBytes / tally.frames)));
  return {
    unit: 'frames',
    damaged,
    total: tally.frames - (stream.infoTag ? 1 : 0) + damaged,
    damagedMs: Math.round((damaged * first.samplesPerFrame * 1000) / first.sampleRate),
  };
}
