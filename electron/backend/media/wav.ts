import { openSync, readSync, closeSync, fstatSync } from 'node:fs';
import { EarmarkError } from '../../../shared/errors';

export type WavEncoding =
  'pcm_u8' | 'pcm_s16le' | 'pcm_s24le' | 'pcm_s32le' | 'pcm_f32le' | 'pcm_f64le' | 'alaw' | 'mulaw';

export interface WavInfo {
  encoding: WavEncoding;
  channels: number;
  sampleRate: number;
  bytesPerSample: number;
  dataOffset: number;
  /** Bytes of whole frames in the data chunk that are really in the file (a truncated file claims more). */
  dataBytes: number;
  /** What the header claimed, for the truncation check. */
  claimedDataBytes: number;
  frames: number;
  durationMs: number;
}

const FORMAT_PCM = 0x0001;
const FORMAT_FLOAT = 0x0003;
const FORMAT_ALAW = 0x0006;
const FORMAT_MULAW = 0x0007;
const FORMAT_EXTENSIBLE = 0xfffe;
const KNOWN_UNPLAYABLE: Record<number, string> = {
  0x0011: 'IMA ADPCM',
  0x0002: 'MS ADPCM',
  0x0031: 'GSM 6.10',
};

/** Reads a WAV (RIFF/WAVE) header, walking every chunk so LIST/PAD/odd-sized chunks before `data` are fine. */
export function readWavInfo(path: string): WavInfo {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(12);
    if (readSync(fd, head, 0, 12, 0) < 12 || head.toString('ascii', 0, 4) !== 'RIFF') {
      throw new EarmarkError(
        'unsupported_media',
        `${path} is not a WAV file: it does not start with a RIFF header.`,
      );
    }
    if (head.toString('ascii', 8, 12) !== 'WAVE') {
      throw new EarmarkError('unsupported_media', `${path} is a RIFF file but not WAVE audio.`);
    }
    let fmt: Buffer | undefined;
    let offset = 12;
    const chunkHead = Buffer.alloc(8);
    while (offset + 8 <= size) {
      readSync(fd, chunkHead, 0, 8, offset);
      const id = chunkHead.toString('ascii', 0, 4);
      const length = chunkHead.readUInt32LE(4);
      const body = offset + 8;
      if (id === 'fmt ') {
        if (length < 16 || length > 1024) {
          throw new EarmarkError('unsupported_media', `${path} has a malformed fmt chunk (${length} bytes).`);
        }
        fmt = Buffer.alloc(length);
        if (readSync(fd, fmt, 0, length, body) < length) {
          throw new EarmarkError('unsupported_media', `${path} is truncated inside its fmt chunk.`);
        }
      } else if (id === 'data') {
        if (!fmt) throw new EarmarkError('unsupported_media', `${path} has audio data before its fmt chunk.`);
        return describe(path, fmt, body, length, size);
      }
      offset = body + length + (length % 2); // chunks are word-aligned
    }
    throw new EarmarkError(
      'unsupported_media',
      fmt
        ? `${path} has no data chunk: it holds no audio.`
        : `${path} has no fmt chunk: the audio format is unknown.`,
    );
  } finally {
    closeSync(fd);
  }
}

function describe(path: string, fmt: Buffer, dataOffset: number, claimed: number, fileSize: number): WavInfo {
  let tag = fmt.readUInt16LE(0);
  const channels = fmt.readUInt16LE(2);
  const sampleRate = fmt.readUInt32LE(4);
  const bits = fmt.readUInt16LE(14);
  if (tag === FORMAT_EXTENSIBLE && fmt.length >= 26) tag = fmt.readUInt16LE(24);
  const unplayable = KNOWN_UNPLAYABLE[tag];
  if (unplayable) {
    throw new EarmarkError(
      'unsupported_media',
      `${path} uses the ${unplayable} codec, which this version cannot decode.`,
    );
  }
  if (channels < 1 || channels > 8) {
    throw new EarmarkError(
      'unsupported_media',
      `${path} claims ${channels} channels; only 1–8 are supported.`,
    );
  }
  if (sampleRate < 1000 || sampleRate > 384_000) {
    throw new EarmarkError(
      'unsupported_media',
      `${path} claims a sample rate of ${sampleRate} Hz, which is not plausible.`,
    );
  }
  const encoding = encodingOf(tag, bits);
  if (!encoding) {
    throw new EarmarkError(
      'unsupported_media',
      `${path} uses WAV format 0x${tag.toString(16).padStart(4, '0')} with ${bits}-bit samples, which Earmark does not support.`,
    );
  }
  const bytesPerSample = bits / 8;
  const frameBytes = bytesPerSample * channels;
  const available = Math.max(0, Math.min(claimed, fileSize - dataOffset));
  const frames = Math.floor(available / frameBytes);
  if (frames === 0)
    throw new EarmarkError('unsupported_media', `${path} has an empty data chunk: it holds no audio.`);
  return {
    encoding,
    channels,
    sampleRate,
    bytesPerSample,
    dataOffset,
    dataBytes: frames * frameBytes,
    claimedDataBytes: claimed,
    frames,
    durationMs: Math.round((frames * 1000) / sampleRate),
  };
}

function encodingOf(tag: number, bits: number): WavEncoding | undefined {
  if (tag === FORMAT_PCM) {
    return ({ 8: 'pcm_u8', 16: 'pcm_s16le', 24: 'pcm_s24le', 32: 'pcm_s32le' } as const)[
      bits as 8 | 16 | 24 | 32
    ];
  }
  if (tag === FORMAT_FLOAT) return ({ 32: 'pcm_f32le', 64: 'pcm_f64le' } as const)[bits as 32 | 64];
  if (tag === FORMAT_ALAW && bits === 8) return 'alaw';
  if (tag === FORMAT_MULAW && bits === 8) return 'mulaw';
  return undefined;
}
