import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { EarmarkError } from '../../../shared/errors';
import { frameRun } from './mpeg-frames';
import { declaredSamples, parseMpegHeader, readInfoTag, type InfoTag, type MpegHeader } from './mpeg-header';

/**
 * What a file really is, from its first bytes (never its name: recorders and people rename files,
 * and a `.wav` that holds MP3 or headerless samples is common). Anything not recognised is refused
 * here with a message saying what it looks like.
 */
export type Sniffed =
  | { container: 'wav' }
  | { container: 'aiff' }
  /** `audioOffset`: where the first frame starts, after any ID3 tag; `infoTag`: that frame's Xing/Info tag. */
  | {
      container: 'mp3';
      header: MpegHeader;
      declaredSamples: number | null;
      audioOffset: number;
      infoTag: InfoTag | null;
      /** Bytes before `audioOffset` (after any tag) skipped as damage: no frame run started there. */
      damagedBytes: number;
    }
  /** `audioOffset`: where the first ADTS frame starts, after any ID3 tag. */
  | { container: 'aac'; audioOffset: number }
  | { container: 'ogg'; codec: 'vorbis' | 'opus'; channels: number; sampleRate: number }
  | { container: 'flac'; channels: number; sampleRate: number; maxBlockSize: number }
  | { container: 'm4a' };

const PROBE_BYTES = 4096;
/** How far past the tag a damaged MP3's first run of frames is looked for (ffmpeg's probe looks about as far). */
const SCAN_BYTES = 64 * 1024;
/** Enough bytes past a candidate to hold the run of headers that confirms it. */
const LOOKAHEAD_BYTES = 16 * 1024;
/** Taggers pad ID3 tags with zeros, sometimes past the size they declare: look this far for the first frame. */
const MAX_ZERO_PADDING = 64 * 1024;

/** Formats recognised only to be refused by name, so the message says what the file is. */
const REFUSED: { magic: string; offset?: number; name: string }[] = [
  { magic: 'RF64', name: 'an RF64 (over-4 GB WAV) file, which Earmark does not support' },
  { magic: 'caff', name: 'a Core Audio (CAF) file, which Earmark does not support' },
  { magic: '.snd', name: 'a Sun/NeXT AU file, which Earmark does not support' },
  { magic: '#!AMR', name: 'an AMR speech file, which Earmark does not support yet' },
  { magic: 'wvpk', name: 'a WavPack file, which Earmark does not support' },
  { magic: 'MAC ', name: "a Monkey's Audio file, which Earmark does not support" },
  { magic: 'MThd', name: 'a MIDI file, not a recording' },
  { magic: '\x30\x26\xb2\x75', name: 'a Windows Media (ASF/WMA) file, which Earmark does not support' },
];

export function sniffFormat(path: string): Sniffed {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0)
      throw new EarmarkError('unsupported_media', `${path} is empty (0 bytes): it holds no audio.`);
    const head = readAt(fd, 0, PROBE_BYTES);
    const ascii = (start: number, end: number) => head.toString('latin1', start, end);
    if (ascii(0, 4) === 'RIFF') {
      if (ascii(8, 12) === 'WAVE') return { container: 'wav' };
      throw new EarmarkError(
        'unsupported_media',
        `${path} is a RIFF file but not WAVE audio (its type is "${ascii(8, 12)}").`,
      );
    }
    if (ascii(0, 4) === 'FORM') {
      if (ascii(8, 12) === 'AIFF' || ascii(8, 12) === 'AIFC') return { container: 'aiff' };
      throw new EarmarkError('unsupported_media', `${path} is an IFF file but not AIFF audio.`);
    }
    if (ascii(0, 4) === 'OggS') return sniffOgg(path, head);
    if (ascii(4, 8) === 'ftyp') return { container: 'm4a' };
    if (head.readUInt32BE(0) === 0x1a45dfa3) {
      throw new EarmarkError(
        'unsupported_media',
        ebmlHeaderIsValid(head)
          ? `${path} is a Matroska/WebM file, which Earmark does not import.`
          : `${path} is a damaged Matroska/WebM file: its EBML header is invalid.`,
      );
    }
    for (const refused of REFUSED) {
      if (ascii(0, refused.magic.length) === refused.magic) {
        throw new EarmarkError('unsupported_media', `${path} is ${refused.name}.`);
      }
    }
    const { bytes: audio, position: audioOffset } = afterId3(fd, head, size);
    if (audio.toString('latin1', 0, 4) === 'fLaC') return sniffFlac(path, audio);
    const mpeg = audio.length >= 4 ? parseMpegHeader(audio, 0) : undefined;
    if (
      mpeg &&
      confirmsNext(
        audio,
        mpeg.frameBytes,
        (next) => parseMpegHeader(audio, next)?.sampleRate === mpeg.sampleRate,
      )
    ) {
      return mp3At(audio, 0, mpeg, audioOffset, 0);
    }
    if (isAdts(audio, 0) && confirmsNext(audio, adtsLength(audio, 0), (next) => isAdts(audio, next))) {
      return { container: 'aac', audioOffset };
    }
    // The first frame (or an ID3 tag) says MP3 but no frame follows where it should: damage near the
    // start. Look on for a run of frames, as ffmpeg does, instead of calling the file something else.
    if (mpeg || audioOffset > 0) {
      const found = findFrameRun(fd, size, audioOffset, mpeg);
      if (found) return found;
    }
    if (audioOffset > 0) {
      throw new EarmarkError(
        'unsupported_media',
        `${path} starts with an ID3 tag, but no MP3 audio follows it: the audio frames are missing or damaged beyond repair.`,
      );
    }
    const named = extname(path).slice(1).toLowerCase();
    throw new EarmarkError(
      'unsupported_media',
      `${path} is not audio Earmark can read: its first bytes match no known format` +
        (named ? ` (the name ends in .${named}, but the content is not ${named.toUpperCase()})` : '') +
        '. It may be raw samples without a header, or not audio at all.',
    );
  } finally {
    closeSync(fd);
  }
}

/**
 * The first believable run of frames (see mpeg-frames.ts) within SCAN_BYTES after `audioOffset`. When it
 * continues the stream of the frame at `audioOffset` (only the frames right after it are damaged), the
 * stream starts there, and the decode's own walk skips the damage and counts it; otherwise it starts at
 * the run, and the bytes before it are damage.
 */
function findFrameRun(
  fd: number,
  size: number,
  audioOffset: number,
  first: MpegHeader | undefined,
): Sniffed | undefined {
  const bytes = readAt(fd, audioOffset, SCAN_BYTES + LOOKAHEAD_BYTES);
  const eof = size - audioOffset;
  for (
    let at = bytes.indexOf(0xff, first ? 1 : 0);
    at >= 0 && at < SCAN_BYTES;
    at = bytes.indexOf(0xff, at + 1)
  ) {
    const run = frameRun(bytes, at, eof);
    if (!run) continue;
    if (first && run.layer === first.layer && run.sampleRate === first.sampleRate) {
      return mp3At(bytes, 0, first, audioOffset, 0);
    }
    return mp3At(bytes, at, run, audioOffset + at, at);
  }
  return undefined;
}

function mp3At(
  bytes: Buffer,
  at: number,
  header: MpegHeader,
  audioOffset: number,
  damagedBytes: number,
): Sniffed {
  return {
    container: 'mp3',
    header,
    declaredSamples: declaredSamples(bytes, at, header),
    audioOffset,
    infoTag: readInfoTag(bytes, at, header),
    damagedBytes,
  };
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const got = readSync(fd, buf, 0, length, position);
  return buf.subarray(0, got);
}

/** Skips ID3v2 tags (and the zero padding some taggers leave after them): the audio starts after. */
function afterId3(fd: number, head: Buffer, size: number): { bytes: Buffer; position: number } {
  let position = 0;
  let bytes = head;
  for (let tags = 0; tags < 4 && bytes.length >= 10 && bytes.toString('latin1', 0, 3) === 'ID3'; tags++) {
    const tagSize =
      ((bytes[6]! & 0x7f) << 21) |
      ((bytes[7]! & 0x7f) << 14) |
      ((bytes[8]! & 0x7f) << 7) |
      (bytes[9]! & 0x7f);
    position += 10 + tagSize + (bytes[5]! & 0x10 ? 10 : 0);
    if (position >= size) return { bytes: Buffer.alloc(0), position: size };
    bytes = readAt(fd, position, PROBE_BYTES);
  }
  const limit = Math.min(size, position + MAX_ZERO_PADDING);
  while (position > 0 && bytes.length > 0 && bytes[0] === 0 && position < limit) {
    const skip = bytes.findIndex((b) => b !== 0);
    position += skip < 0 ? bytes.length : skip;
    bytes = readAt(fd, position, PROBE_BYTES);
  }
  return { bytes, position };
}

/** A sync word alone is two bytes any file can hold: a real stream has another frame where this one ends. */
function confirmsNext(bytes: Buffer, frameBytes: number, check: (next: number) => boolean): boolean {
  if (frameBytes <= 0) return false;
  if (frameBytes + 4 > bytes.length) return true; // a single (or first very large) frame: accept, the decoder decides
  return check(frameBytes);
}

function isAdts(bytes: Buffer, at: number): boolean {
  return (
    at + 7 <= bytes.length &&
    bytes[at] === 0xff &&
    (bytes[at + 1]! & 0xf6) === 0xf0 &&
    ((bytes[at + 2]! >> 2) & 0x0f) < 13 &&
    adtsLength(bytes, at) >= 7
  );
}

function adtsLength(bytes: Buffer, at: number): number {
  return ((bytes[at + 3]! & 0x03) << 11) | (bytes[at + 4]! << 3) | (bytes[at + 5]! >> 5);
}

function sniffOgg(path: string, head: Buffer): Sniffed {
  // First page: 27-byte header, segment table, then the first packet: the codec's identification header.
  const segments = head[26] ?? 0;
  const packet = head.subarray(27 + segments);
  const magic = packet.toString('latin1', 0, 8);
  if (magic.startsWith('\x01vorbis') && packet.length >= 16) {
    return { container: 'ogg', codec: 'vorbis', channels: packet[11]!, sampleRate: packet.readUInt32LE(12) };
  }
  if (magic === 'OpusHead' && packet.length >= 10) {
    return { container: 'ogg', codec: 'opus', channels: packet[9]!, sampleRate: 48000 };
  }
  const name = magic.startsWith('\x7fFLAC') ? 'FLAC' : magic.startsWith('Speex') ? 'Speex' : undefined;
  throw new EarmarkError(
    'unsupported_media',
    name
      ? `${path} is an Ogg file carrying ${name}, which Earmark does not support (Ogg Vorbis and Ogg Opus are).`
      : `${path} is an Ogg file with an unknown or damaged first packet.`,
  );
}

function sniffFlac(path: string, bytes: Buffer): Sniffed {
  // STREAMINFO is always the first metadata block: sample rate (20 bits) and channels - 1 (3 bits) at byte 18.
  if (bytes.length < 8 + 34 || (bytes[4]! & 0x7f) !== 0) {
    throw new EarmarkError('unsupported_media', `${path} is a FLAC file without a valid STREAMINFO block.`);
  }
  const info = 8;
  const sampleRate = (bytes[info + 10]! << 12) | (bytes[info + 11]! << 4) | (bytes[info + 12]! >> 4);
  const channels = ((bytes[info + 12]! >> 1) & 0x07) + 1;
  const maxBlockSize = (bytes[info + 2]! << 8) | bytes[info + 3]!;
  return { container: 'flac', channels, sampleRate, maxBlockSize };
}

/**
 * Matroska's EBML header is a run of elements, each an id and a size in the variable-length integer
 * encoding; a zero first byte is never valid. Checks the header element and its children.
 */
function ebmlHeaderIsValid(bytes: Buffer): boolean {
  const vint = (at: number): { length: number; value: number } | undefined => {
    const first = bytes[at];
    if (first === undefined || first === 0) return undefined;
    const length = Math.clz32(first) - 23; // leading zeros within the byte, plus one
    if (at + length > bytes.length) return undefined;
    let value = first & (0xff >> length);
    for (let i = 1; i < length; i++) value = value * 256 + bytes[at + i]!;
    return { length, value };
  };
  const headerSize = vint(4);
  if (!headerSize) return false;
  let at = 4 + headerSize.length;
  const end = Math.min(bytes.length, at + headerSize.value);
  while (at < end) {
    const id = vint(at);
    if (!id) return false;
    const size = vint(at + id.length);
    if (!size) return false;
    at += id.length + size.length + size.value;
  }
  return true;
}
