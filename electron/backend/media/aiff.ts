import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { EarmarkError } from '../../../shared/errors';
import { bytesPerSample, type PcmEncoding } from './pcm';

export interface AiffInfo {
  /** 'aiff' or 'aifc'. */
  form: 'aiff' | 'aifc';
  codec: PcmEncoding;
  channels: number;
  sampleRate: number;
  dataOffset: number;
  /** Bytes of whole frames really in the file. */
  dataBytes: number;
  frames: number;
  /** numSampleFrames from COMM; null where a streaming writer left it 0. */
  claimedFrames: number | null;
  durationMs: number;
}

/**
 * Reads an AIFF or AIFF-C header (Apple's big-endian cousin of WAV, still written by Macs and some
 * telephony gear). Chunks may come in any order; sizes are checked against the file, never trusted.
 */
export function readAiffInfo(path: string): AiffInfo {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(12);
    if (readSync(fd, head, 0, 12, 0) < 12 || head.toString('latin1', 0, 4) !== 'FORM') {
      throw new EarmarkError(
        'unsupported_media',
        `${path} is not an AIFF file: it does not start with FORM.`,
      );
    }
    const type = head.toString('latin1', 8, 12);
    if (type !== 'AIFF' && type !== 'AIFC') {
      throw new EarmarkError('unsupported_media', `${path} is an IFF file but not AIFF audio.`);
    }
    let comm: Buffer | undefined;
    let ssnd: { body: number; length: number } | undefined;
    let offset = 12;
    const chunkHead = Buffer.alloc(8);
    while (offset + 8 <= size) {
      readSync(fd, chunkHead, 0, 8, offset);
      const id = chunkHead.toString('latin1', 0, 4);
      const length = chunkHead.readUInt32BE(4);
      const body = offset + 8;
      if (id === 'COMM') {
        if (length < 18 || length > 1024) {
          throw new EarmarkError(
            'unsupported_media',
            `${path} has a malformed COMM chunk (${length} bytes).`,
          );
        }
        comm = Buffer.alloc(length);
        if (readSync(fd, comm, 0, length, body) < length) {
          throw new EarmarkError('unsupported_media', `${path} is truncated inside its COMM chunk.`);
        }
      } else if (id === 'SSND') {
        ssnd = { body, length };
      }
      offset = body + length + (length % 2);
    }
    if (!comm)
      throw new EarmarkError('unsupported_media', `${path} has no COMM chunk: the audio format is unknown.`);
    if (!ssnd) throw new EarmarkError('unsupported_media', `${path} has no SSND chunk: it holds no audio.`);
    const ssndHead = Buffer.alloc(8);
    if (readSync(fd, ssndHead, 0, 8, ssnd.body) < 8) {
      throw new EarmarkError('unsupported_media', `${path} is truncated inside its SSND chunk.`);
    }
    return describe(path, type === 'AIFC' ? 'aifc' : 'aiff', comm, ssnd, ssndHead.readUInt32BE(0), size);
  } finally {
    closeSync(fd);
  }
}

function describe(
  path: string,
  form: 'aiff' | 'aifc',
  comm: Buffer,
  ssnd: { body: number; length: number },
  ssndOffset: number,
  fileSize: number,
): AiffInfo {
  const channels = comm.readInt16BE(0);
  const numSampleFrames = comm.readUInt32BE(2);
  const sampleSize = comm.readInt16BE(6);
  const sampleRate = Math.round(readExtended(comm, 8));
  const compression = form === 'aifc' && comm.length >= 22 ? comm.toString('latin1', 18, 22) : 'NONE';
  if (channels < 1 || channels > 8) {
    throw new EarmarkError(
      'unsupported_media',
      `${path} claims ${channels} channels; only 1–8 are supported.`,
    );
  }
  if (!(sampleRate >= 1000 && sampleRate <= 384_000)) {
    throw new EarmarkError(
      'unsupported_media',
      `${path} claims a sample rate of ${sampleRate} Hz, which is not plausible.`,
    );
  }
  const codec = encodingOf(compression, sampleSize);
  if (!codec) {
    throw new EarmarkError(
      'unsupported_media',
      `${path} uses AIFF-C compression "${compression}" with ${sampleSize}-bit samples, which Earmark does not support.`,
    );
  }
  const frameBytes = bytesPerSample(codec) * channels;
  const dataOffset = ssnd.body + 8 + ssndOffset;
  const claimedBytes = Math.max(0, ssnd.length - 8 - ssndOffset);
  const available = Math.max(0, Math.min(claimedBytes, fileSize - dataOffset));
  let frames = Math.floor(available / frameBytes);
  if (numSampleFrames > 0) frames = Math.min(frames, numSampleFrames);
  if (frames === 0)
    throw new EarmarkError('unsupported_media', `${path} has an empty SSND chunk: it holds no audio.`);
  return {
    form,
    codec,
    channels,
    sampleRate,
    dataOffset,
    dataBytes: frames * frameBytes,
    frames,
    claimedFrames: numSampleFrames > 0 ? numSampleFrames : null,
    durationMs: Math.round((frames * 1000) / sampleRate),
  };
}

function encodingOf(compression: string, bits: number): PcmEncoding | undefined {
  const bytes = Math.ceil(bits / 8);
  switch (compression) {
    case 'NONE':
    case 'twos':
      return ({ 1: 'pcm_s8', 2: 'pcm_s16be', 3: 'pcm_s24be', 4: 'pcm_s32be' } as const)[
        bytes as 1 | 2 | 3 | 4
      ];
    case 'sowt':
      return ({ 1: 'pcm_s8', 2: 'pcm_s16le', 3: 'pcm_s24le', 4: 'pcm_s32le' } as const)[
        bytes as 1 | 2 | 3 | 4
      ];
    case 'raw ':
      return bits === 8 ? 'pcm_u8' : undefined;
    case 'in24':
      return 'pcm_s24be';
    case 'in32':
      return 'pcm_s32be';
    case 'fl32':
    case 'FL32':
      return 'pcm_f32be';
    case 'fl64':
    case 'FL64':
      return 'pcm_f64be';
    // G.711 in AIFF-C: one byte a sample whatever sampleSize says (writers put 8 or 16 there).
    case 'alaw':
    case 'ALAW':
      return 'alaw';
    case 'ulaw':
    case 'ULAW':
      return 'mulaw';
    default:
      return undefined;
  }
}

/** IEEE 754 80-bit extended (big-endian), the type AIFF stores its sample rate in. */
function readExtended(buf: Buffer, offset: number): number {
  const exponent = buf.readUInt16BE(offset) & 0x7fff;
  const sign = buf[offset]! & 0x80 ? -1 : 1;
  const hi = buf.readUInt32BE(offset + 2);
  const lo = buf.readUInt32BE(offset + 6);
  if (exponent === 0 && hi === 0 && lo === 0) return 0;
  const mantissa = hi * 2 ** 32 + lo;
  return sign * mantissa * 2 ** (exponent - 16383 - 63);
}
