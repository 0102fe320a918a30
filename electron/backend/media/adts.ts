import { closeSync, openSync, readSync } from 'node:fs';
import { EarmarkError } from '../../../shared/errors';
import { AAC_RATES } from './mp4';

/**
 * Raw AAC in ADTS framing (`.aac` files, some recorders' streams), measured without decoding: Earmark
 * ships no AAC decoder (Chromium plays ADTS itself). Every frame has a 7- or 9-byte header with its
 * length, rate and channel layout, and holds 1024 samples per raw data block, so walking the headers
 * gives the exact decoded length: the same as a decoder's (ffmpeg's included), encoder priming and
 * padding and all, since ADTS carries no gapless information to trim them.
 */
export interface AdtsStream {
  /** The first frame's rate: the core rate (an HE-AAC stream, whose SBR ADTS cannot signal, plays at twice it). */
  sampleRate: number;
  channels: number;
  frames: number;
  /** Samples in all the whole frames, each counted at its own frame's rate. */
  durationMs: number;
}

/** Bytes read at a time; more than the largest frame (13-bit length) and the next frame's header. */
const CHUNK_BYTES = 64 * 1024;
const SAMPLES_PER_BLOCK = 1024;

/**
 * Walks the frame headers from `start` (the first frame, after any ID3 tag). Junk between frames (or a
 * damaged stretch) is skipped byte by byte until a header that is followed by another one, so a stray
 * sync word in the junk is not counted as audio. A last frame cut short by truncation is not counted.
 */
export function readAdtsStream(path: string, sizeBytes: number, start: number): AdtsStream {
  let first: { sampleRate: number; channels: number } | undefined;
  let frames = 0;
  let seconds = 0;
  for (const frame of adtsFrames(path, sizeBytes, start)) {
    first ??= { sampleRate: frame.sampleRate, channels: frame.channels };
    seconds += (frame.blocks * SAMPLES_PER_BLOCK) / frame.sampleRate;
    frames++;
  }
  if (!first) {
    throw new EarmarkError(
      'unsupported_media',
      `${path} could not be read as AAC (ADTS): it holds no whole AAC frames.`,
    );
  }
  return { ...first, frames, durationMs: Math.round(seconds * 1000) };
}

/** The whole ADTS frames of a file (headers included: a decoder given no configuration reads them). */
export interface AdtsPackets {
  sampleRate: number;
  channels: number;
  offsets: Float64Array;
  sizes: Uint32Array;
}

export function readAdtsPackets(path: string, sizeBytes: number, start: number): AdtsPackets {
  const offsets: number[] = [];
  const sizes: number[] = [];
  let first: { sampleRate: number; channels: number } | undefined;
  for (const frame of adtsFrames(path, sizeBytes, start)) {
    first ??= { sampleRate: frame.sampleRate, channels: frame.channels };
    offsets.push(frame.offset);
    sizes.push(frame.length);
  }
  if (!first) {
    throw new EarmarkError(
      'unsupported_media',
      `${path} could not be read as AAC (ADTS): it holds no whole AAC frames.`,
    );
  }
  return { ...first, offsets: Float64Array.from(offsets), sizes: Uint32Array.from(sizes) };
}

interface AdtsFrame {
  offset: number;
  length: number;
  sampleRate: number;
  channels: number;
  /** Raw data blocks in the frame, 1024 samples each. */
  blocks: number;
}

function* adtsFrames(path: string, sizeBytes: number, start: number): Generator<AdtsFrame> {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    let base = start; // the file offset of buf[0]
    let got = readSync(fd, buf, 0, CHUNK_BYTES, base);
    let offset = start;
    let lostSync = false;
    while (offset + 7 <= sizeBytes) {
      if (offset - base + 8191 + 7 > got && base + got < sizeBytes) {
        base = offset;
        got = readSync(fd, buf, 0, CHUNK_BYTES, base);
        if (got < 7) break; // the file shrank under us
      }
      const at = offset - base;
      const length = isHeader(buf, at, got) ? frameLength(buf, at) : 0;
      const headerBytes = buf[at + 1]! & 0x01 ? 7 : 9; // 9 with a CRC
      if (length <= headerBytes) {
        offset++; // lost sync (damage, or junk between frames): look for the next header
        lostSync = true;
        continue;
      }
      if (offset + length > sizeBytes) break; // the file ends inside this frame: truncated
      if (lostSync && offset + length + 7 <= sizeBytes && !isHeader(buf, at + length, got)) {
        offset++;
        continue;
      }
      lostSync = false;
      const channelConfig = ((buf[at + 2]! & 0x01) << 2) | (buf[at + 3]! >> 6);
      yield {
        offset,
        length,
        sampleRate: AAC_RATES[(buf[at + 2]! >> 2) & 0x0f]!,
        // Channel configuration 0 leaves the layout to a program config element inside the audio, which
        // is not read here: stereo is by far the likeliest then (mono has its own configuration).
        channels: channelConfig === 7 ? 8 : channelConfig || 2,
        blocks: (buf[at + 6]! & 0x03) + 1,
      };
      offset += length;
    }
  } finally {
    closeSync(fd);
  }
}

function isHeader(bytes: Uint8Array, at: number, end: number): boolean {
  return (
    at + 7 <= end &&
    bytes[at] === 0xff &&
    (bytes[at + 1]! & 0xf6) === 0xf0 &&
    ((bytes[at + 2]! >> 2) & 0x0f) < 13
  );
}

function frameLength(bytes: Uint8Array, at: number): number {
  return ((bytes[at + 3]! & 0x03) << 11) | (bytes[at + 4]! << 3) | (bytes[at + 5]! >> 5);
}
