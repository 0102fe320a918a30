/**
 * MPEG-1/2/2.5 audio frame headers (ISO/IEC 11172-3, 13818-3): enough to recognise an MP3 stream,
 * learn its real channel count (mpg123-decoder always hands back two channels), and its rate.
 */
export interface MpegHeader {
  layer: 1 | 2 | 3;
  sampleRate: number;
  channels: 1 | 2;
  /** Bytes of this frame, header included. */
  frameBytes: number;
  samplesPerFrame: number;
  /** Bytes of side information after the header (where a Xing/Info tag starts). */
  sideInfoBytes: number;
}

// kbit/s by [version is MPEG-1 ? 0 : 1][layer - 1][index]
const BITRATES = [
  [
    [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  ],
  [
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  ],
];
const SAMPLE_RATES = [44100, 48000, 32000];

export function parseMpegHeader(bytes: Uint8Array, at: number): MpegHeader | undefined {
  if (at + 4 > bytes.length) return undefined;
  const b1 = bytes[at + 1]!;
  const b2 = bytes[at + 2]!;
  const b3 = bytes[at + 3]!;
  if (bytes[at] !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const versionBits = (b1 >> 3) & 0x03; // 0: MPEG-2.5, 1: reserved, 2: MPEG-2, 3: MPEG-1
  const layerBits = (b1 >> 1) & 0x03; // 1: layer III, 2: layer II, 3: layer I
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 0x03;
  // Free-format (index 0) streams exist but are vanishingly rare; refusing them keeps random bytes out.
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) {
    return undefined;
  }
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const mpeg1 = versionBits === 3;
  const sampleRate = SAMPLE_RATES[rateIndex]! / (mpeg1 ? 1 : versionBits === 2 ? 2 : 4);
  const bitrate = BITRATES[mpeg1 ? 0 : 1]![layer - 1]![bitrateIndex]! * 1000;
  const padding = (b2 >> 1) & 0x01;
  const frameBytes =
    layer === 1
      ? (Math.floor((12 * bitrate) / sampleRate) + padding) * 4
      : Math.floor(((layer === 3 && !mpeg1 ? 72 : 144) * bitrate) / sampleRate) + padding;
  const channels = b3 >> 6 === 3 ? 1 : 2;
  return {
    layer,
    sampleRate,
    channels,
    frameBytes,
    samplesPerFrame: layer === 1 ? 384 : layer === 2 || mpeg1 ? 1152 : 576,
    sideInfoBytes: mpeg1 ? (channels === 1 ? 17 : 32) : channels === 1 ? 9 : 17,
  };
}

/**
 * The Xing/Info tag an encoder writes into the first frame in place of audio (LAME, ffmpeg), with the
 * gapless fields of the LAME extension. A decoder skips that frame: it is not part of the audio.
 */
export interface InfoTag {
  /** Audio frames in the stream, the tag's own frame not counted; null when the tag does not say. */
  frames: number | null;
  /** Samples the encoder added before the audio (its delay) and after it (padding); 0 without a LAME extension. */
  delay: number;
  padding: number;
}

/** Where an MP3's frames start and what its first frame says: enough to split its decode (mp3-split). */
export interface MpegStream {
  /** The first frame's position in the file, after any ID3 tag. */
  audioOffset: number;
  first: MpegHeader;
  infoTag: InfoTag | null;
  /** Bytes skipped as damage before `audioOffset` (sniff.ts): the walk's tally starts with them. */
  damagedBytes: number;
}

/** The first frame's Xing/Info tag, or null when it carries none (a plain CBR file, or a VBRI one). */
export function readInfoTag(bytes: Uint8Array, at: number, header: MpegHeader): InfoTag | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tagAt = at + 4 + header.sideInfoBytes;
  const tag = String.fromCharCode(...bytes.subarray(tagAt, tagAt + 4));
  if ((tag !== 'Xing' && tag !== 'Info') || tagAt + 8 > bytes.length) return null;
  const flags = view.getUint32(tagAt + 4);
  const frames = flags & 1 && tagAt + 12 <= bytes.length ? view.getUint32(tagAt + 8) : null;
  const lame =
    tagAt + 8 + (flags & 1 ? 4 : 0) + (flags & 2 ? 4 : 0) + (flags & 4 ? 100 : 0) + (flags & 8 ? 4 : 0);
  if (
    lame + 24 <= bytes.length &&
    /^(LAME|Lavc|Lavf|GOGO)/.test(String.fromCharCode(...bytes.subarray(lame, lame + 4)))
  ) {
    const delay = (bytes[lame + 21]! << 4) | (bytes[lame + 22]! >> 4);
    const padding = ((bytes[lame + 22]! & 0x0f) << 8) | bytes[lame + 23]!;
    return { frames, delay, padding };
  }
  return { frames, delay: 0, padding: 0 };
}

/**
 * The stream length its first frame declares, in samples as a gapless decoder outputs them: the
 * Xing/Info tag's frame count (VBRI's for Fraunhofer encoders) times samples per frame, less the
 * encoder delay and padding from the LAME extension when there is one. mpg123 trims exactly these,
 * so for an intact file this equals the decoded length to the sample. Null without such a tag
 * (plain CBR files carry no count).
 */
export function declaredSamples(bytes: Uint8Array, at: number, header: MpegHeader): number | null {
  const info = readInfoTag(bytes, at, header);
  if (info) {
    if (info.frames === null) return null;
    return Math.max(0, info.frames * header.samplesPerFrame - info.delay - info.padding);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vbriAt = at + 4 + 32; // Fraunhofer's VBRI sits at a fixed offset
  if (vbriAt + 18 <= bytes.length && String.fromCharCode(...bytes.subarray(vbriAt, vbriAt + 4)) === 'VBRI') {
    return view.getUint32(vbriAt + 14) * header.samplesPerFrame;
  }
  return null;
}
