import { openSync, readSync, closeSync } from 'node:fs';
import { ALAW_TO_LINEAR, MULAW_TO_LINEAR } from './g711';
import type { WavInfo } from './wav';

const CHUNK_BYTES = 1 << 20;

/**
 * Streams a WAV's data chunk as interleaved 16-bit samples, a bounded block at a time.
 * `onBlock` gets a view that is reused: copy it if it must outlive the call.
 */
export function readWavSamples(
  path: string,
  info: WavInfo,
  onBlock: (samples: Int16Array, frames: number, framesDone: number) => void,
): void {
  const frameBytes = info.bytesPerSample * info.channels;
  const blockBytes = Math.max(frameBytes, CHUNK_BYTES - (CHUNK_BYTES % frameBytes));
  const raw = Buffer.alloc(blockBytes);
  const samples = new Int16Array(blockBytes / info.bytesPerSample);
  const convert = converterFor(info);
  const fd = openSync(path, 'r');
  try {
    let done = 0;
    while (done < info.dataBytes) {
      const want = Math.min(blockBytes, info.dataBytes - done);
      const got = readSync(fd, raw, 0, want, info.dataOffset + done);
      if (got <= 0) break;
      const frames = Math.floor(got / frameBytes);
      convert(raw, samples, frames * info.channels);
      done += frames * frameBytes;
      onBlock(samples, frames, done / frameBytes);
      if (got < want) break;
    }
  } finally {
    closeSync(fd);
  }
}

type Converter = (raw: Buffer, out: Int16Array, count: number) => void;

function converterFor(info: WavInfo): Converter {
  switch (info.encoding) {
    case 'pcm_s16le':
      return (raw, out, count) => {
        for (let i = 0; i < count; i++) out[i] = raw.readInt16LE(i * 2);
      };
    case 'pcm_u8':
      return (raw, out, count) => {
        for (let i = 0; i < count; i++) out[i] = (raw[i]! - 128) << 8;
      };
    case 'pcm_s24le':
      return (raw, out, count) => {
        for (let i = 0; i < count; i++) out[i] = raw.readIntLE(i * 3, 3) >> 8;
      };
    case 'pcm_s32le':
      return (raw, out, count) => {
        for (let i = 0; i < count; i++) out[i] = raw.readInt32LE(i * 4) >> 16;
      };
    case 'pcm_f32le':
      return (raw, out, count) => {
        for (let i = 0; i < count; i++) out[i] = toInt16(raw.readFloatLE(i * 4));
      };
    case 'pcm_f64le':
      return (raw, out, count) => {
        for (let i = 0; i < count; i++) out[i] = toInt16(raw.readDoubleLE(i * 8));
      };
    case 'mulaw':
      return (raw, out, count) => {
        for (let i = 0; i < count; i++) out[i] = MULAW_TO_LINEAR[raw[i]!]!;
      };
    case 'alaw':
      return (raw, out, count) => {
        for (let i = 0; i < count; i++) out[i] = ALAW_TO_LINEAR[raw[i]!]!;
      };
  }
}

function toInt16(v: number): number {
  if (!(v === v)) return 0; // NaN in a float file: treat as silence rather than poison the peaks
  return Math.max(-32768, Math.min(32767, Math.round(v * 32767)));
}
