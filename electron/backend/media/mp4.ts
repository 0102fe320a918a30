import { readSync } from 'node:fs';
import { EarmarkError } from '../../../shared/errors';

/**
 * A minimal MP4 / M4A box walk: just enough to describe the AAC audio track without decoding it (Earmark
 * ships no AAC decoder: Chromium plays M4A itself). Only the `moov` box is read (it is the index: a few
 * MB for hours of audio), wherever it is: most recorders (and ffmpeg without `+faststart`) put it at the
 * end. From it come the format (AudioSpecificConfig, sample entry), the length the file states, and,
 * from the sample table, how much of the indexed audio the file really holds.
 */

export interface Mp4AudioTrack {
  codec: 'aac';
  /** The output rate: the SBR rate for HE-AAC when the configuration says so, else the core rate. */
  sampleRate: number;
  channels: number;
  /**
   * The presentation length in seconds the file states: the edit list (which trims the encoder's
   * priming and padding), else the track header (mdhd), else the movie header (mvhd), else the
   * sum of the frame durations (stts). Null when none of them says anything.
   */
  claimedSeconds: number | null;
  /**
   * The length in seconds of the frames the file really holds, by the same measure as claimedSeconds:
   * the frames up to the first one the index places past the end of the file. Equal to the claim for a
   * whole file, shorter for one cut off while its audio (but not its index) was written.
   */
  presentSeconds: number | null;
}

const MAX_MOOV_BYTES = 64 << 20;
const MAX_SAMPLE_BYTES = 1 << 20;
const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts']);

interface TrackBoxes {
  handler?: string;
  entry?: { type: string; esds?: Uint8Array; channels: number; sampleRate: number };
  mdhd?: Uint8Array;
  elst?: Uint8Array;
  stts?: Uint8Array;
  stsz?: Uint8Array;
  stsc?: Uint8Array;
  stco?: Uint8Array;
  co64?: Uint8Array;
}

export function readMp4AudioTrack(path: string, fd: number, fileSize: number): Mp4AudioTrack {
  return describeTrack(path, parseAudioTrack(path, fd, fileSize), fileSize).track;
}

/**
 * The AAC access units of the audio track, for a decoder (the renderer's, see services/waveform): the
 * AudioSpecificConfig, the codec string, how much of the decoded start the edit list leaves out (the
 * encoder's priming), and each frame's place in the file. Frames the index places past the end of the
 * file (a truncated file) are left out.
 */
export interface Mp4AudioPackets {
  /** The WebCodecs codec string of the configuration's object type: 'mp4a.40.2' for AAC LC. */
  codec: string;
  /** The AudioSpecificConfig, the decoder's description. */
  config: Uint8Array;
  /** The core rate and channels of the configuration (a decoder's output may be twice the rate: SBR). */
  sampleRate: number;
  channels: number;
  /** Seconds of decoded audio before the presentation starts (the edit list's media time). */
  skipSeconds: number;
  offsets: Float64Array;
  sizes: Uint32Array;
}

export function readMp4AudioPackets(path: string, fd: number, fileSize: number): Mp4AudioPackets {
  const parsed = parseAudioTrack(path, fd, fileSize);
  const { track, edit, timescale } = describeTrack(path, parsed, fileSize);
  // Grown as frames are found rather than sized from the table's count, which a damaged file can inflate.
  let offsets = new Float64Array(Math.min(parsed.table.count, 1 << 16));
  let sizes = new Uint32Array(offsets.length);
  let count = 0;
  for (const { offset, size } of parsed.table.samples()) {
    if (offset + size > fileSize) break;
    if (count === offsets.length) {
      offsets = grow(offsets, new Float64Array(Math.max(16, count * 2)));
      sizes = grow(sizes, new Uint32Array(Math.max(16, count * 2)));
    }
    offsets[count] = offset;
    sizes[count] = size;
    count++;
  }
  const config = parsed.config;
  const objectType = config[0]! >> 3;
  return {
    codec: `mp4a.40.${objectType === 31 ? 32 + (((config[0]! & 0x07) << 3) | (config[1]! >> 5)) : objectType}`,
    config: Uint8Array.from(config),
    sampleRate: parsed.asc?.coreRate ?? track.sampleRate,
    channels: track.channels,
    skipSeconds: edit && timescale ? edit.mediaTime / timescale : 0,
    offsets: offsets.subarray(0, count),
    sizes: sizes.subarray(0, count),
  };
}

function grow<T extends Float64Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

interface ParsedTrack {
  track: TrackBoxes;
  entry: NonNullable<TrackBoxes['entry']>;
  config: Uint8Array;
  asc: AudioSpecificConfig | undefined;
  mvhd: Uint8Array | undefined;
  table: SampleTable;
}

function parseAudioTrack(path: string, fd: number, fileSize: number): ParsedTrack {
  const moov = readMoov(path, fd, fileSize);
  const tracks: TrackBoxes[] = [];
  let mvhd: Uint8Array | undefined;
  walk(moov, 0, moov.length, (type, body) => {
    if (type === 'mvhd') mvhd = body;
    else if (type === 'trak') tracks.push({});
    else {
      const track = tracks.at(-1);
      if (!track) return;
      if (type === 'hdlr' && body.length >= 12) track.handler = latin1(body, 8, 12);
      else if (type === 'stsd') track.entry = sampleEntry(body);
      else if (type === 'mdhd' || type === 'elst' || type === 'stts' || type === 'stsz') track[type] = body;
      else if (type === 'stsc' || type === 'stco' || type === 'co64') track[type] = body;
    }
  });
  const track = tracks.find((t) => t.handler === 'soun');
  if (!track?.entry)
    throw new EarmarkError('unsupported_media', `${path} is an MP4 file with no audio track.`);
  const { entry } = track;
  if (entry.type === 'alac') {
    throw new EarmarkError(
      'unsupported_media',
      `${path} is Apple Lossless (ALAC) audio in an M4A file, which Earmark does not support. Convert it to WAV or FLAC to import it.`,
    );
  }
  if (entry.type !== 'mp4a') {
    throw new EarmarkError(
      'unsupported_media',
      `${path} is an MP4 file with "${entry.type}" audio; Earmark reads AAC in MP4.`,
    );
  }
  const esds = entry.esds && parseEsds(entry.esds);
  if (esds && esds.objectType !== 0x40 && !(esds.objectType >= 0x66 && esds.objectType <= 0x68)) {
    throw new EarmarkError(
      'unsupported_media',
      `${path} is an MP4 file whose audio is not AAC (MPEG object type 0x${esds.objectType.toString(16)}), which Earmark does not support.`,
    );
  }
  if (!esds?.config || esds.config.length < 2) {
    throw new EarmarkError('unsupported_media', `${path} has no AAC decoder configuration.`);
  }
  const asc = parseAudioSpecificConfig(esds.config);
  const table = sampleTable(path, track);
  return { track, entry, config: esds.config, asc, mvhd, table };
}

function describeTrack(
  path: string,
  { track, entry, asc, mvhd, table }: ParsedTrack,
  fileSize: number,
): { track: Mp4AudioTrack; edit: { mediaTime: number } | undefined; timescale: number | undefined } {
  const mdhd = track.mdhd ? readMdhd(track.mdhd) : undefined;
  // HE-AAC signalled implicitly (no SBR in the configuration) plays at twice the core rate; the track's
  // timescale is then usually the output rate, which is the best hint short of decoding.
  const implicitSbr = asc && !asc.explicit && asc.objectType === 2 && mdhd?.timescale === asc.sampleRate * 2;
  const sampleRate =
    (implicitSbr ? mdhd!.timescale : asc?.sampleRate) || entry.sampleRate || mdhd?.timescale || 0;
  const channels = asc?.channels || entry.channels;
  if (!sampleRate || !channels || channels > MAX_CHANNELS) {
    throw new EarmarkError(
      'unsupported_media',
      `${path} has an AAC configuration Earmark cannot read (${channels || 'no'} channels at ${sampleRate || 'no'} Hz).`,
    );
  }
  const movie = mvhd ? readMvhd(mvhd) : undefined;
  const edit = track.elst && movie ? readEdit(track.elst, movie.timescale) : undefined;
  const framesTicks = track.stts ? sttsTotal(track.stts) : null;
  const claimedSeconds =
    edit?.seconds ??
    (mdhd?.duration ? mdhd.duration / mdhd.timescale : null) ??
    (movie?.duration ? movie.duration / movie.timescale : null) ??
    (framesTicks && mdhd ? framesTicks / mdhd.timescale : null);
  let presentSeconds: number | null = null;
  if (track.stts && mdhd) {
    const present = presentTicks(track.stts, table.samples(), fileSize);
    // As much as the edit list skips at the start (the priming) is not part of the presentation.
    const seconds = Math.max(0, present.ticks - (edit?.mediaTime ?? 0)) / mdhd.timescale;
    presentSeconds =
      present.all || claimedSeconds === null ? claimedSeconds : Math.min(seconds, claimedSeconds);
  }
  return {
    track: { codec: 'aac', sampleRate, channels, claimedSeconds, presentSeconds },
    edit,
    timescale: mdhd?.timescale,
  };
}

/** Finds the top-level `moov` box by hopping from box header to box header, and reads it. */
function readMoov(path: string, fd: number, fileSize: number): Uint8Array {
  const head = Buffer.alloc(16);
  let offset = 0;
  while (offset + 8 <= fileSize) {
    readSync(fd, head, 0, 16, offset);
    let size = head.readUInt32BE(0);
    const type = latin1(head, 4, 8);
    let headerBytes = 8;
    if (size === 1) {
      size = Number(head.readBigUInt64BE(8));
      headerBytes = 16;
    } else if (size === 0) {
      size = fileSize - offset;
    }
    if (size < headerBytes) {
      throw new EarmarkError(
        'unsupported_media',
        `${path} is a damaged MP4 file (a box at byte ${offset} is ${size} bytes).`,
      );
    }
    if (type === 'moov') {
      const bodyBytes = size - headerBytes;
      if (bodyBytes > MAX_MOOV_BYTES) {
        throw new EarmarkError(
          'unsupported_media',
          `${path} has an MP4 index (moov) of ${bodyBytes} bytes, too large to be real.`,
        );
      }
      if (offset + size > fileSize) {
        throw new EarmarkError('unsupported_media', `${path} is truncated inside its MP4 index (moov box).`);
      }
      const moov = Buffer.alloc(bodyBytes);
      readSync(fd, moov, 0, bodyBytes, offset + headerBytes);
      return moov;
    }
    offset += size;
  }
  throw new EarmarkError(
    'unsupported_media',
    `${path} has no MP4 index (moov box): the file is incomplete, probably cut off while it was being written.`,
  );
}

function walk(
  buf: Uint8Array,
  start: number,
  end: number,
  visit: (type: string, body: Uint8Array) => void,
): void {
  let offset = start;
  while (offset + 8 <= end) {
    let size = r32(buf, offset);
    const type = latin1(buf, offset + 4, offset + 8);
    let headerBytes = 8;
    if (size === 1 && offset + 16 <= end) {
      size = r32(buf, offset + 8) * 2 ** 32 + r32(buf, offset + 12);
      headerBytes = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < headerBytes || offset + size > end) return; // damaged: keep what was read so far
    const bodyStart = offset + headerBytes;
    if (CONTAINERS.has(type)) {
      if (type === 'trak') visit(type, buf.subarray(bodyStart, bodyStart));
      walk(buf, bodyStart, offset + size, visit);
    } else {
      visit(type, buf.subarray(bodyStart, offset + size));
    }
    offset += size;
  }
}

/** The first sample entry of `stsd`, with the codec configuration boxes inside it. */
function sampleEntry(stsd: Uint8Array): TrackBoxes['entry'] {
  if (stsd.length < 16) return undefined;
  const entryStart = 8; // version/flags, entry count
  const entrySize = r32(stsd, entryStart);
  const type = latin1(stsd, entryStart + 4, entryStart + 8);
  const entryEnd = Math.min(stsd.length, entryStart + entrySize);
  const entry: NonNullable<TrackBoxes['entry']> = { type, channels: 0, sampleRate: 0 };
  if (entryEnd < entryStart + 36) return entry;
  // AudioSampleEntry: 8 bytes of SampleEntry, then version, revision, vendor, channel count, sample size,
  // compression id, packet size and the rate as 16.16 fixed point. Fallbacks only: the AAC configuration
  // is what decoders (and Chromium) go by.
  const version = (stsd[entryStart + 16]! << 8) | stsd[entryStart + 17]!;
  if (version < 2) {
    // (Version 2 puts placeholders there and the real values further on.)
    entry.channels = (stsd[entryStart + 24]! << 8) | stsd[entryStart + 25]!;
    entry.sampleRate = (stsd[entryStart + 32]! << 8) | stsd[entryStart + 33]!;
  }
  // QuickTime sound description versions: v0 has a 28-byte body before its boxes, v1 16 more, v2 its own size.
  const head =
    version === 1 ? 52 : version === 2 && entryEnd >= entryStart + 40 ? r32(stsd, entryStart + 36) : 36;
  const visit = (childType: string, body: Uint8Array) => {
    if (childType === 'esds') entry.esds = body;
    else if (childType === 'wave') walk(body, 0, body.length, visit); // QuickTime wraps esds in `wave`
  };
  walk(stsd, entryStart + head, entryEnd, visit);
  return entry;
}

/** ES_Descriptor -> DecoderConfigDescriptor (object type) -> DecoderSpecificInfo (AudioSpecificConfig). */
function parseEsds(esds: Uint8Array): { objectType: number; config: Uint8Array | undefined } | undefined {
  let offset = 4;
  let objectType = -1;
  while (offset + 2 <= esds.length) {
    const tag = esds[offset++]!;
    let length = 0;
    for (let i = 0; i < 4 && offset < esds.length; i++) {
      const b = esds[offset++]!;
      length = (length << 7) | (b & 0x7f);
      if (!(b & 0x80)) break;
    }
    if (tag === 0x03) {
      const flags = esds[offset + 2] ?? 0; // after the 2-byte ES_ID
      offset += 3;
      if (flags & 0x80) offset += 2; // depends-on stream id
      if (flags & 0x40) offset += 1 + (esds[offset] ?? 0); // URL
      if (flags & 0x20) offset += 2; // OCR stream id
    } else if (tag === 0x04) {
      objectType = esds[offset] ?? -1;
      offset += 13;
    } else if (tag === 0x05) {
      return { objectType, config: esds.subarray(offset, offset + length) };
    } else {
      offset += length;
    }
  }
  return objectType >= 0 ? { objectType, config: undefined } : undefined;
}

interface SampleTable {
  count: number;
  /** Each encoded frame's byte offset and size, in decode order. */
  samples(): Generator<{ offset: number; size: number }>;
}

function sampleTable(path: string, track: TrackBoxes): SampleTable {
  const { stsz, stsc } = track;
  const chunkBox = track.stco ?? track.co64;
  if (!stsz || !stsc || !chunkBox || stsz.length < 12 || stsc.length < 8 || chunkBox.length < 8) {
    throw new EarmarkError(
      'unsupported_media',
      `${path} has no sample table for its audio track (a fragmented or damaged MP4), which Earmark cannot read.`,
    );
  }
  const uniformSize = r32(stsz, 4);
  const count = Math.min(r32(stsz, 8), uniformSize ? Infinity : Math.floor((stsz.length - 12) / 4));
  const wide = !track.stco;
  const chunkCount = Math.min(r32(chunkBox, 4), Math.floor((chunkBox.length - 8) / (wide ? 8 : 4)));
  const stscCount = Math.min(r32(stsc, 4), Math.floor((stsc.length - 8) / 12));
  const sizeOf = (i: number) => {
    const size = uniformSize || r32(stsz, 12 + i * 4);
    if (size > MAX_SAMPLE_BYTES) {
      throw new EarmarkError(
        'unsupported_media',
        `${path} has an audio frame of ${size} bytes, too large to be real.`,
      );
    }
    return size;
  };
  const chunkOffset = (c: number) =>
    wide ? r32(chunkBox, 8 + c * 8) * 2 ** 32 + r32(chunkBox, 12 + c * 8) : r32(chunkBox, 8 + c * 4);
  function* samples(): Generator<{ offset: number; size: number }> {
    let sample = 0;
    let entry = 0;
    for (let chunk = 0; chunk < chunkCount && sample < count; chunk++) {
      // stsc runs: entry e applies from its first chunk (1-based) until the next entry's.
      while (entry + 1 < stscCount && r32(stsc!, 8 + (entry + 1) * 12) <= chunk + 1) entry++;
      const perChunk = r32(stsc!, 12 + entry * 12);
      let offset = chunkOffset(chunk);
      for (let k = 0; k < perChunk && sample < count; k++, sample++) {
        const size = sizeOf(sample);
        yield { offset, size };
        offset += size;
      }
    }
  }
  return { count, samples };
}

const MAX_CHANNELS = 8;
/** MPEG-4 audio sampling frequency indices (ISO/IEC 14496-3, 1.6.3.4). */
export const AAC_RATES = [
  96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350,
];

interface AudioSpecificConfig {
  objectType: number;
  sampleRate: number;
  /** 0 when a program config element describes them (not read here). */
  channels: number;
  /** Whether the configuration says outright whether SBR is there (so the rate above is final). */
  explicit: boolean;
  /** The core (AAC) rate, before any SBR doubling: what a decoder is configured with. */
  coreRate: number;
}

/**
 * The parts of an AudioSpecificConfig (ISO/IEC 14496-3, 1.6.2.1) that give the output format: object
 * type, rate and channels, with explicit SBR/PS signalling (object type 5 or 29 first, or the
 * backward-compatible 0x2b7 extension after a GASpecificConfig). Undefined when it cannot be read.
 */
function parseAudioSpecificConfig(config: Uint8Array): AudioSpecificConfig | undefined {
  let bit = 0;
  const left = () => config.length * 8 - bit;
  const read = (n: number) => {
    let value = 0;
    for (let i = 0; i < n; i++, bit++) value = value * 2 + ((config[bit >> 3]! >> (7 - (bit & 7))) & 1);
    return value;
  };
  const objectType = () => {
    const type = read(5);
    return type === 31 ? 32 + read(6) : type;
  };
  const rate = () => {
    const index = read(4);
    return index === 15 ? read(24) : (AAC_RATES[index] ?? 0);
  };
  if (left() < 13) return undefined;
  let type = objectType();
  let sampleRate = rate();
  const coreRate = sampleRate;
  const channelConfig = read(4);
  let channels = channelConfig === 7 ? 8 : channelConfig <= 6 ? channelConfig : 0;
  let explicit = false;
  if (type === 5 || type === 29) {
    explicit = true;
    sampleRate = rate();
    if (type === 29) channels = 2; // parametric stereo: a mono core played as stereo
    type = objectType();
  } else if (type === 2 && channelConfig !== 0 && left() >= 3 + 16) {
    read(3); // GASpecificConfig for AAC LC: frameLengthFlag, dependsOnCoreCoder (0), extensionFlag
    if (read(11) === 0x2b7 && read(5) === 5) {
      explicit = true;
      if (read(1) === 1 && left() >= 4) sampleRate = rate();
    }
  }
  return sampleRate > 0 ? { objectType: type, sampleRate, coreRate, channels, explicit } : undefined;
}

function readMdhd(mdhd: Uint8Array): { timescale: number; duration: number | null } | undefined {
  const v1 = mdhd[0] === 1;
  if (mdhd.length < (v1 ? 32 : 20)) return undefined;
  const timescale = r32(mdhd, v1 ? 20 : 12);
  const duration = v1 ? r32(mdhd, 24) * 2 ** 32 + r32(mdhd, 28) : r32(mdhd, 16);
  if (timescale === 0) return undefined;
  return { timescale, duration: duration > 0 && duration !== 0xffffffff ? duration : null };
}

function readMvhd(mvhd: Uint8Array): { timescale: number; duration: number | null } | undefined {
  const v1 = mvhd[0] === 1;
  if (mvhd.length < (v1 ? 32 : 20)) return undefined;
  const timescale = r32(mvhd, v1 ? 20 : 12);
  const duration = v1 ? r32(mvhd, 24) * 2 ** 32 + r32(mvhd, 28) : r32(mvhd, 16);
  if (timescale === 0) return undefined;
  return { timescale, duration: duration > 0 && duration !== 0xffffffff ? duration : null };
}

/**
 * The edit list's presentation: the total length of its non-empty edits (in the movie timescale) and
 * where in the media the first one starts (the encoder's priming, in the track timescale).
 */
function readEdit(
  elst: Uint8Array,
  movieTimescale: number,
): { seconds: number; mediaTime: number } | undefined {
  if (elst.length < 8) return undefined;
  const v1 = elst[0] === 1;
  const entryBytes = v1 ? 20 : 12;
  const count = Math.min(r32(elst, 4), Math.floor((elst.length - 8) / entryBytes));
  let duration = 0;
  let mediaTime: number | undefined;
  for (let i = 0, at = 8; i < count; i++, at += entryBytes) {
    const segment = v1 ? r32(elst, at) * 2 ** 32 + r32(elst, at + 4) : r32(elst, at);
    const time = v1 ? r32(elst, at + 8) * 2 ** 32 + r32(elst, at + 12) : r32(elst, at + 4);
    if (r32(elst, v1 ? at + 8 : at + 4) === 0xffffffff) continue; // an empty edit (-1): a delay, not audio
    duration += segment;
    mediaTime ??= time;
  }
  return duration > 0 ? { seconds: duration / movieTimescale, mediaTime: mediaTime ?? 0 } : undefined;
}

/** The sum of all frame durations (stts), in the track timescale. */
function sttsTotal(stts: Uint8Array): number | null {
  if (stts.length < 8) return null;
  const count = Math.min(r32(stts, 4), Math.floor((stts.length - 8) / 8));
  let total = 0;
  for (let i = 0, at = 8; i < count; i++, at += 8) total += r32(stts, at) * r32(stts, at + 4);
  return total > 0 ? total : null;
}

/** The duration (track timescale) of the frames before the first one that lies past the end of the file. */
function presentTicks(
  stts: Uint8Array,
  samples: Generator<{ offset: number; size: number }>,
  fileSize: number,
): { ticks: number; all: boolean } {
  const runs = Math.min(r32(stts, 4), Math.floor((stts.length - 8) / 8));
  let ticks = 0;
  let run = 0;
  let leftInRun = runs > 0 ? r32(stts, 8) : 0;
  for (const { offset, size } of samples) {
    if (offset + size > fileSize) return { ticks, all: false };
    while (leftInRun === 0 && ++run < runs) leftInRun = r32(stts, 8 + run * 8);
    if (run >= runs) break; // more frames than durations: the rest have none to count
    ticks += r32(stts, 12 + run * 8);
    leftInRun--;
  }
  return { ticks, all: true };
}

function r32(buf: Uint8Array, offset: number): number {
  return ((buf[offset]! << 24) | (buf[offset + 1]! << 16) | (buf[offset + 2]! << 8) | buf[offset + 3]!) >>> 0;
}

function latin1(buf: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...buf.subarray(start, end));
}
