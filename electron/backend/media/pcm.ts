import { endianness } from 'node:os';
import { ALAW_TO_LINEAR, MULAW_TO_LINEAR } from './g711';

/**
 * Uncompressed sample layouts found in WAV and AIFF files, named as ffmpeg names them so the codec column
 * reads the same as `ffprobe` would. G.711 is here too: one byte a sample, expanded by table.
 */
export type PcmEncoding =
  | 'pcm_u8'
  | 'pcm_s8'
  | 'pcm_s16le'
  | 'pcm_s16be'
  | 'pcm_s24le'
  | 'pcm_s24be'
  | 'pcm_s32le'
  | 'pcm_s32be'
  | 'pcm_f32le'
  | 'pcm_f32be'
  | 'pcm_f64le'
  | 'pcm_f64be'
  | 'alaw'
  | 'mulaw';

export function bytesPerSample(encoding: PcmEncoding): number {
  switch (encoding) {
    case 'pcm_u8':
    case 'pcm_s8':
    case 'alaw':
    case 'mulaw':
      return 1;
    case 'pcm_s16le':
    case 'pcm_s16be':
      return 2;
    case 'pcm_s24le':
    case 'pcm_s24be':
      return 3;
    case 'pcm_s32le':
    case 'pcm_s32be':
    case 'pcm_f32le':
    case 'pcm_f32be':
      return 4;
    case 'pcm_f64le':
    case 'pcm_f64be':
      return 8;
  }
}

/**
 * Float to 16-bit the way ffmpeg's swresample does it (scale by 2^15, round, clip), so peaks computed
 * here agree with a reference decoded by `ffmpeg -f s16le`. NaN (possible in a damaged float file) is silence.
 */
export function floatToInt16(v: number): number {
  const x = Math.round(v * 32768);
  if (x > 32767) return 32767;
  if (x < -32768) return -32768;
  return x === x ? x : 0;
}

/** Converts `count` samples of `raw` (starting at byte 0) into `out`. */
export type Int16Converter = (raw: Buffer, out: Int16Array, count: number) => void;

const littleEndianHost = endianness() === 'LE';

/** True when the bytes of this encoding are native 16-bit samples already: a typed-array view needs no conversion. */
export function isNativeInt16(encoding: PcmEncoding): boolean {
  return encoding === (littleEndianHost ? 'pcm_s16le' : 'pcm_s16be');
}

/**
 * The converter for an encoding. These loops run over every sample of a 2-hour call, so each avoids
 * Buffer's per-call `readInt16LE` and friends (bounds-checked calls, several times slower than typed
 * array access) and reads through a typed-array view wherever the layout allows one.
 */
export function int16Converter(encoding: PcmEncoding): Int16Converter {
  switch (encoding) {
    case 'pcm_s16le':
      return littleEndianHost ? copyInt16 : swapInt16;
    case 'pcm_s16be':
      return littleEndianHost ? swapInt16 : copyInt16;
    case 'pcm_u8':
      return (raw, out, count) => {
        for (let i = 0; i < count; i++) out[i] = (raw[i]! - 128) << 8;
      };
    case 'pcm_s8':
      return (raw, out, count) => {
        for (let i = 0; i < count; i++) out[i] = raw[i]! << 8; // Int16Array keeps the low 16 bits: sign intact
      };
    case 'pcm_s24le':
      // The top two bytes of a 24-bit sample are its 16-bit value.
      return (raw, out, count) => {
        for (let i = 0, p = 1; i < count; i++, p += 3) out[i] = raw[p]! | (raw[p + 1]! << 8);
      };
    case 'pcm_s24be':
      return (raw, out, count) => {
        for (let i = 0, p = 0; i < count; i++, p += 3) out[i] = (raw[p]! << 8) | raw[p + 1]!;
      };
    case 'pcm_s32le':
      return (raw, out, count) => {
        for (let i = 0, p = 2; i < count; i++, p += 4) out[i] = raw[p]! | (raw[p + 1]! << 8);
      };
    case 'pcm_s32be':
      return (raw, out, count) => {
        for (let i = 0, p = 0; i < count; i++, p += 4) out[i] = (raw[p]! << 8) | raw[p + 1]!;
      };
    case 'pcm_f32le':
    case 'pcm_f32be': {
      const little = encoding === 'pcm_f32le';
      return (raw, out, count) => {
        const view = new DataView(raw.buffer, raw.byteOffset, count * 4);
        for (let i = 0; i < count; i++) out[i] = floatToInt16(view.getFloat32(i * 4, little));
      };
    }
    case 'pcm_f64le':
    case 'pcm_f64be': {
      const little = encoding === 'pcm_f64le';
      return (raw, out, count) => {
        const view = new DataView(raw.buffer, raw.byteOffset, count * 8);
        for (let i = 0; i < count; i++) out[i] = floatToInt16(view.getFloat64(i * 8, little));
      };
    }
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

function copyInt16(raw: Buffer, out: Int16Array, count: number): void {
  if (raw.byteOffset % 2 === 0) {
    // Same bytes, same order: one memcpy. (Callers that can hand the view on directly skip even this.)
    out.set(new Int16Array(raw.buffer, raw.byteOffset, count));
    return;
  }
  // A view needs an even offset: copy the bytes to a fresh, aligned buffer first (rare: callers align).
  out.set(new Int16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + count * 2)));
}

function swapInt16(raw: Buffer, out: Int16Array, count: number): void {
  for (let i = 0, p = 0; i < count; i++, p += 2) out[i] = (raw[p]! << 8) | raw[p + 1]!;
}
