import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Long MP3 streams made from the short fixtures without an encoder (CI has no ffmpeg): the fixture's
 * audio frames repeated, after its ID3 tag and its Info frame, whose frame count says what `count`
 * asks. The frames' bit reservoirs reach across the joins into the wrong frames, which makes odd audio
 * there but a stream every decoder decodes the same way, and that is all a test of the split needs.
 * The frame parsing is written here again, apart from the code under test.
 */
export interface RepeatOptions {
  repeats: number;
  /**
   * The Info frame's count: 'patched' to the new total (an intact file); 'original' (frames appended
   * after the fact, which mpg123 keeps whole, cutting the padding in the middle); 'none' drops the
   * Info frame (no gapless trimming at all).
   */
  count?: 'patched' | 'original' | 'none';
  /** Bytes after the frames: an ID3v1 tag, junk. */
  tail?: Buffer;
  /** Bytes put between two repeats, halfway (junk in the middle of the stream). */
  middle?: Buffer;
}

export function writeRepeatedMp3(source: string, path: string, options: RepeatOptions): void {
  const file = readFileSync(source);
  const { start, offsets, end, sideInfo } = walkFrames(file);
  const tagAt = offsets[0]! + 4 + sideInfo;
  const tag = file.toString('latin1', tagAt, tagAt + 4);
  const hasInfo = tag === 'Xing' || tag === 'Info';
  const audio = file.subarray(hasInfo ? offsets[1]! : offsets[0]!, end);
  const frames = offsets.length - (hasInfo ? 1 : 0);
  const parts: Buffer[] = [file.subarray(0, start)];
  if (hasInfo && options.count !== 'none') {
    const info = Buffer.from(file.subarray(offsets[0]!, offsets[1]!));
    if ((options.count ?? 'patched') === 'patched' && info.readUInt32BE(tagAt - offsets[0]! + 4) & 1) {
      info.writeUInt32BE(frames * options.repeats, tagAt - offsets[0]! + 8);
    }
    parts.push(info);
  }
  for (let i = 0; i < options.repeats; i++) {
    parts.push(audio);
    if (options.middle && i === Math.floor(options.repeats / 2)) parts.push(options.middle);
  }
  if (options.tail) parts.push(options.tail);
  writeFileSync(path, Buffer.concat(parts));
}

/** The frames of an MP3 (layer III) from its first, after the ID3 tag and any zero padding. */
function walkFrames(file: Buffer): { start: number; offsets: number[]; end: number; sideInfo: number } {
  let start = 0;
  if (file.toString('latin1', 0, 3) === 'ID3') {
    start =
      10 +
      (((file[6]! & 0x7f) << 21) | ((file[7]! & 0x7f) << 14) | ((file[8]! & 0x7f) << 7) | (file[9]! & 0x7f));
  }
  while (file[start] === 0) start++;
  const offsets: number[] = [];
  let at = start;
  let sideInfo = 0;
  for (let frame = frameAt(file, at); frame; frame = frameAt(file, at)) {
    offsets.push(at);
    sideInfo ||= frame.sideInfo;
    at += frame.bytes;
  }
  return { start, offsets, end: at, sideInfo };
}

function frameAt(b: Buffer, at: number): { bytes: number; sideInfo: number } | undefined {
  if (at + 4 > b.length || b[at] !== 0xff || (b[at + 1]! & 0xe0) !== 0xe0) return undefined;
  const version = (b[at + 1]! >> 3) & 3;
  const layer = (b[at + 1]! >> 1) & 3;
  const bitrate = b[at + 2]! >> 4;
  const rate = (b[at + 2]! >> 2) & 3;
  if (version === 1 || layer !== 1 || bitrate === 0 || bitrate === 15 || rate === 3) return undefined;
  const mpeg1 = version === 3;
  const sampleRate = [44100, 48000, 32000][rate]! / (mpeg1 ? 1 : version === 2 ? 2 : 4);
  const kbps = (
    mpeg1
      ? [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
      : [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
  )[bitrate]!;
  const bytes = Math.floor(((mpeg1 ? 144 : 72) * kbps * 1000) / sampleRate) + ((b[at + 2]! >> 1) & 1);
  if (at + bytes > b.length) return undefined;
  const mono = b[at + 3]! >> 6 === 3;
  return { bytes, sideInfo: mpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17 };
}
