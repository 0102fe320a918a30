import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { EarmarkError } from '../../../shared/errors';
import { bytesPerSample, type PcmEncoding } from './pcm';

/** What a WAV's data chunk holds: plain samples, or one of the two block codecs call recorders use. */
export type WavCodec = PcmEncoding | 'gsm_ms' | 'adpcm_ima_wav';

export interface WavInfo {
  codec: WavCodec;
  channels: number;
  sampleRate: number;
  /** Bytes of one frame (PCM) or of one codec block (GSM, IMA ADPCM). */
  blockAlign: number;
  /** Frames one block decodes to: 1 for PCM. */
  framesPerBlock: number;
  dataOffset: number;
  /** Bytes of the data chunk really in the file (a truncated file claims more). */
  dataBytes: number;
  /** Frames that can be decoded from what is in the file. */
  frames: number;
  /** Frames the header promised (data chunk size, or the `fact` chunk); null where the writer left it open. */
  claimedFrames: number | null;
  durationMs: number;
}

const FORMAT_PCM = 0x0001;
const FORMAT_FLOAT = 0x0003;
const FORMAT_ALAW = 0x0006;
const FORMAT_MULAW = 0x0007;
const FORMAT_IMA_ADPCM = 0x0011;
const FORMAT_GSM610 = 0x0031;
const FORMAT_EXTENSIBLE = 0xfffe;
const KNOWN_UNSUPPORTED: Record<number, string> = {
  0x0002: 'Microsoft ADPCM',
  0x0022: 'TrueSpeech',
  0x0040: 'G.721 ADPCM',
  0x0055: 'MP3',
  0x0064: 'G.726 ADPCM',
  0x0065: 'G.722 ADPCM',
  0x0161: 'Windows Media Audio',
};
/** Placeholder sizes left by recorders that stream a WAV and never go back to fix the header. */
const OPEN_ENDED = 0xffffffff;
const FMT_MAX_BYTES = 1024;

/**
 * Reads a WAV (RIFF/WAVE) header without trusting it: every chunk before `data` is walked (LIST, PAD,
 * odd-sized chunks), sizes are checked against the file so an absurd size field never allocates or
 * reads past the end, and a data chunk that claims more than the file holds yields what is there.
 */
export function readWavInfo(path: string): WavInfo {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(12);
    if (readSync(fd, head, 0, 12, 0) < 12 || head.toString('latin1', 0, 4) !== 'RIFF') {
      throw new EarmarkError(
        'unsupported_media',
        `${path} is not a WAV file: it does not start with a RIFF header.`,
      );
    }
    if (head.toString('latin1', 8, 12) !== 'WAVE') {
      throw new EarmarkError(
        'unsupported_media',
        `${path} is a RIFF file but not WAVE audio (its type is "${printable(head.subarray(8, 12))}").`,
      );
    }
    let fmt: Buffer | undefined;
    let fact: number | null = null;
    let offset = 12;
    const chunkHead = Buffer.alloc(8);
    while (offset + 8 <= size) {
      readSync(fd, chunkHead, 0, 8, offset);
      const id = chunkHead.toString('latin1', 0, 4);
      const length = chunkHead.readUInt32LE(4);
      const body = offset + 8;
      if (id === 'fmt ') {
        if (length < 16 || length > FMT_MAX_BYTES) {
          throw new EarmarkError('unsupported_media', `${path} has a malformed fmt chunk (${length} bytes).`);
        }
        fmt = Buffer.alloc(length);
        if (readSync(fd, fmt, 0, length, body) < length) {
          throw new EarmarkError('unsupported_media', `${path} is truncated inside its fmt chunk.`);
        }
      } else if (id === 'fact' && length >= 4 && body + 4 <= size) {
        const count = Buffer.alloc(4);
        readSync(fd, count, 0, 4, body);
        fact = count.readUInt32LE(0);
      } else if (id === 'data') {
        if (!fmt) throw new EarmarkError('unsupported_media', `${path} has audio data before its fmt chunk.`);
        return describe(path, fmt, fact, body, length, size);
      }
      offset = nextChunk(fd, body, length, size);
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

/**
 * Chunks are word-aligned, so an odd-sized chunk is followed by a pad byte. Some writers forget the
 * pad: when the padded position holds no plausible chunk id and the unpadded one does, trust the bytes.
 */
function nextChunk(fd: number, body: number, length: number, size: number): number {
  const unpadded = body + length;
  if (length % 2 === 0) return unpadded;
  const id = Buffer.alloc(5);
  const got = readSync(fd, id, 0, 5, unpadded);
  if (got === 5 && !isChunkId(id.subarray(1, 5)) && isChunkId(id.subarray(0, 4))) return unpadded;
  return Math.min(unpadded + 1, size);
}

function isChunkId(bytes: Buffer): boolean {
  return bytes.every((b) => b >= 0x20 && b <= 0x7e);
}

function printable(bytes: Buffer): string {
  return Array.from(bytes, (b) => (b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '?')).join('');
}

function describe(
  path: string,
  fmt: Buffer,
  fact: number | null,
  dataOffset: number,
  claimed: number,
  fileSize: number,
): WavInfo {
  let tag = fmt.readUInt16LE(0);
  const channels = fmt.readUInt16LE(2);
  const sampleRate = fmt.readUInt32LE(4);
  const blockAlign = fmt.readUInt16LE(12);
  let bits = fmt.readUInt16LE(14);
  if (tag === FORMAT_EXTENSIBLE) {
    if (fmt.length < 40) {
      throw new EarmarkError(
        'unsupported_media',
        `${path} says WAVE_FORMAT_EXTENSIBLE but its fmt chunk is too short (${fmt.length} bytes).`,
      );
    }
    tag = fmt.readUInt16LE(24); // the sub-format GUID starts with the plain format tag
    if (bits === 0) bits = fmt.readUInt16LE(18); // some writers fill only wValidBitsPerSample
  }
  const unsupported = KNOWN_UNSUPPORTED[tag];
  if (unsupported) {
    throw new EarmarkError(
      'unsupported_media',
      `${path} uses the ${unsupported} codec inside a WAV, which Earmark cannot decode.`,
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
  const layout = blockLayout(path, tag, bits, channels, blockAlign, fmt);
  const openEnded = claimed === OPEN_ENDED;
  const available = Math.max(0, Math.min(openEnded ? Infinity : claimed, fileSize - dataOffset));
  const frames = decodableFrames(layout, channels, available, fact);
  if (frames === 0) {
    throw new EarmarkError(
      'unsupported_media',
      available === 0
        ? `${path} has an empty data chunk: it holds no audio.`
        : `${path} holds only ${available} bytes of audio, less than one ${layout.framesPerBlock > 1 ? 'codec block' : 'sample frame'}.`,
    );
  }
  const claimedFrames = openEnded
    ? null
    : layout.framesPerBlock === 1
      ? Math.floor(claimed / layout.blockAlign)
      : (fact ?? Math.floor(claimed / layout.blockAlign) * layout.framesPerBlock);
  return {
    codec: layout.codec,
    channels,
    sampleRate,
    blockAlign: layout.blockAlign,
    framesPerBlock: layout.framesPerBlock,
    dataOffset,
    dataBytes: available,
    frames,
    claimedFrames,
    durationMs: Math.round((frames * 1000) / sampleRate),
  };
}

interface BlockLayout {
  codec: WavCodec;
  blockAlign: number;
  framesPerBlock: number;
}

function blockLayout(
  path: string,
  tag: number,
  bits: number,
  channels: number,
  blockAlign: number,
  fmt: Buffer,
): BlockLayout {
  const name = `WAV format 0x${tag.toString(16).padStart(4, '0')}`;
  if (tag === FORMAT_GSM610) {
    // MS GSM ("WAV49"): two 160-sample GSM frames packed into 65 bytes, mono only.
    if (channels !== 1 || blockAlign !== 65) {
      throw new EarmarkError(
        'unsupported_media',
        `${path} uses GSM 6.10 with ${channels} channels and ${blockAlign}-byte blocks; only mono with 65-byte blocks exists.`,
      );
    }
    return { codec: 'gsm_ms', blockAlign, framesPerBlock: 320 };
  }
  if (tag === FORMAT_IMA_ADPCM) {
    const header = 4 * channels;
    if (bits !== 4 || blockAlign <= header || (blockAlign - header) % header !== 0) {
      throw new EarmarkError(
        'unsupported_media',
        `${path} uses IMA ADPCM with ${bits}-bit codes and ${blockAlign}-byte blocks, which is not a valid layout.`,
      );
    }
    const framesPerBlock = ((blockAlign - header) * 8) / (4 * channels) + 1;
    const declared = fmt.length >= 22 ? fmt.readUInt16LE(18) : framesPerBlock;
    if (declared !== framesPerBlock) {
      throw new EarmarkError(
        'unsupported_media',
        `${path} says ${declared} samples per IMA ADPCM block, but its ${blockAlign}-byte blocks hold ${framesPerBlock}.`,
      );
    }
    return { codec: 'adpcm_ima_wav', blockAlign, framesPerBlock };
  }
  const encoding = pcmEncodingOf(tag, bits);
  if (!encoding) {
    throw new EarmarkError(
      'unsupported_media',
      `${path} uses ${name} with ${bits}-bit samples, which Earmark does not support.`,
    );
  }
  // Frames are whatever the container size says (a 20-bit sample sits in 3 bytes), not blockAlign,
  // which some writers get wrong; a mismatch that would misread the samples is refused.
  const frameBytes = bytesPerSample(encoding) * channels;
  if (blockAlign !== frameBytes && blockAlign !== 0) {
    throw new EarmarkError(
      'unsupported_media',
      `${path} has ${bits}-bit samples in ${channels} channels (${frameBytes} bytes a frame) but says ${blockAlign} bytes a frame.`,
    );
  }
  return { codec: encoding, blockAlign: frameBytes, framesPerBlock: 1 };
}

function pcmEncodingOf(tag: number, bits: number): PcmEncoding | undefined {
  const bytes = Math.ceil(bits / 8);
  if (tag === FORMAT_PCM) {
    return ({ 1: 'pcm_u8', 2: 'pcm_s16le', 3: 'pcm_s24le', 4: 'pcm_s32le' } as const)[bytes as 1 | 2 | 3 | 4];
  }
  if (tag === FORMAT_FLOAT) return ({ 32: 'pcm_f32le', 64: 'pcm_f64le' } as const)[bits as 32 | 64];
  if (tag === FORMAT_ALAW && bits === 8) return 'alaw';
  if (tag === FORMAT_MULAW && bits === 8) return 'mulaw';
  return undefined;
}

/** Whole frames (PCM) or whole and partial blocks (IMA ADPCM can decode a short last block; GSM cannot). */
function decodableFrames(
  layout: BlockLayout,
  channels: number,
  available: number,
  fact: number | null,
): number {
  const { codec, blockAlign, framesPerBlock } = layout;
  if (framesPerBlock === 1) return Math.floor(available / blockAlign);
  const whole = Math.floor(available / blockAlign);
  let frames = whole * framesPerBlock;
  const rest = available - whole * blockAlign;
  if (codec === 'adpcm_ima_wav' && rest >= 4 * channels) {
    frames += 1 + Math.floor((rest - 4 * channels) / (4 * channels)) * 8;
  }
  // The last block is padded to full size; `fact` says where the real audio ends.
  return fact !== null && fact > 0 ? Math.min(frames, fact) : frames;
}
