import { closeSync, openSync } from 'node:fs';
import { frameDamage, MpegFrameReader } from '../mpeg-frames';
import type { MpegHeader, MpegStream } from '../mpeg-header';
import type { StreamDamage } from '../sources/source';
import { gaplessTrim, type GaplessTrim } from './trim';

/**
 * Where to split an MP3 so its parts can be decoded at once, each by its own decoder, and still give
 * exactly the samples one decoder gives (see scan.ts for how that is checked).
 *
 * A layer III frame is not decodable on its own: its audio data may begin up to 511 bytes (255 for
 * MPEG-2/2.5) back, inside earlier frames (the bit reservoir); its output is overlap-added with the
 * previous granule's; and the synthesis filter keeps the last 16 blocks of 32 samples. So a part's
 * decoder starts a few frames early (the pre-roll), enough frames that the part's first frame sees
 * the same reservoir bytes, overlap and filter history as in one pass, and the pre-roll's output is
 * discarded. One more thing carries over: where mpg123's synthesis ring buffer stands (it moves by one
 * of 16 slots per 32 samples), which decides the order of a float sum and so the last bit of every
 * sample. The pre-roll is lengthened until the ring stands where one pass would have it: one pass
 * moves it spf/32 slots for every frame from the first audio frame (the Info frame is skipped, not
 * decoded), so its place repeats every 4 frames (MPEG-1) or 8 (MPEG-2/2.5).
 *
 * How far a fresh decoder's ring has moved after the pre-roll is not always the pre-roll's length:
 * measured on mpg123-decoder 1.0.3, an MPEG-2/2.5 decoder whose first frame comes out as exact silence
 * (its data lay behind the start, in bytes it never got) has not moved the ring for that frame; an
 * MPEG-1 decoder has. So a part carries a few candidate pre-rolls, and its decoder takes the first one
 * that comes out right (part.ts). Whichever it takes, scan.ts checks the result bit for bit.
 */
export interface Preroll {
  frames: number;
  /** Where the pre-roll starts, and where its first frame ends. */
  from: number;
  firstFrameEnd: number;
  /**
   * For MPEG-2/2.5: take this pre-roll only if its first frame does (true) or does not (false) come
   * out as exact silence. Undefined: take it as it is.
   */
  silentFirst?: boolean;
}

export interface SplitPart {
  /** Pre-rolls to choose from, shortest first; none for the first part, which starts at the file's start. */
  prerolls: Preroll[];
  /** The part's own frames: [from, to). */
  from: number;
  to: number;
  /** Past `to`, the next part's first frames, decoded to check the seam (the file's end for the last). */
  feedTo: number;
  /** Raw sample positions (see GaplessTrim) of `from` and `to`; `to` is Infinity for the last part. */
  rawFrom: number;
  rawTo: number;
}

export interface SplitPlan {
  parts: SplitPart[];
  trim: GaplessTrim | null;
  samplesPerFrame: number;
  /** Frames after each split decoded by both sides of it, and compared. */
  seamFrames: number;
  /** The stream's first frame (what every frame must fit) and where it starts. */
  first: MpegHeader;
  audioOffset: number;
  /** What the walk skipped as damaged, over the whole stream. */
  damage: StreamDamage | null;
}

const SEAM_FRAMES = 2;
/** Parts shorter than this are not worth a thread (and too short to hold their pre-roll and seam). */
const MIN_PART_FRAMES = 64;
/** Frames remembered behind the walk, enough for the longest pre-roll (8 kbit/s MPEG-2.5: ~40 frames). */
const RING = 128;

/**
 * Walks the frames (mpeg-frames.ts: damage skipped as the decode skips it) from the first to the end,
 * choosing a split at the first frame boundary past each 1/parts of the bytes, and counting the damage
 * on the way. Undefined when the stream cannot be split: its frames change format before a split point,
 * or it is too short.
 */
export function planSplit(
  path: string,
  sizeBytes: number,
  stream: MpegStream,
  parts: number,
): SplitPlan | undefined {
  const { first } = stream;
  const info = stream.infoTag ? 1 : 0;
  const trim = gaplessTrim(stream);
  const spf = first.samplesPerFrame;
  const audioBytes = sizeBytes - stream.audioOffset;
  const targets = Array.from(
    { length: parts - 1 },
    (_, k) => stream.audioOffset + (audioBytes * (k + 1)) / parts,
  );
  const splits: { frame: number; offset: number; prerolls: Preroll[]; seamEnd?: number }[] = [];
  const offsets = new Float64Array(RING);
  const payloads = new Int32Array(RING);
  const fd = openSync(path, 'r');
  const walk = new MpegFrameReader(fd, sizeBytes, first, stream.audioOffset, path);
  walk.tally.damagedBytes = stream.damagedBytes;
  try {
    let splitting = true;
    for (let frame = 0; ; frame++) {
      const accepted = walk.nextFrame();
      if (!accepted) break;
      if (!splitting) continue; // on to the end, for the damage count
      const { at, header } = accepted;
      if (!sameStream(header, first) || accepted.end - at < header.frameBytes) {
        splitting = false;
        continue;
      }
      offsets[frame % RING] = at;
      // Audio bytes after the header and side information; 2 less in case of a CRC, to err long.
      payloads[frame % RING] = header.frameBytes - 4 - header.sideInfoBytes - 2;
      const pending = splits.at(-1);
      if (pending && pending.seamEnd === undefined && frame === pending.frame + SEAM_FRAMES) {
        pending.seamEnd = at;
        if (splits.length === targets.length) splitting = false;
      }
      const target = targets[splits.length];
      if (splitting && target !== undefined && (!pending || pending.seamEnd !== undefined) && at >= target) {
        const previous = pending?.frame ?? 0;
        const prerolls = prerollCandidates(frame, info, first, offsets, payloads);
        if (
          prerolls.length > 0 &&
          frame - previous >= MIN_PART_FRAMES &&
          seamUntrimmed(trim, (frame - info) * spf, spf)
        ) {
          splits.push({ frame, offset: at, prerolls });
        } else if (targets[splits.length + 1] !== undefined && at >= targets[splits.length + 1]!) {
          targets.splice(splits.length, 1); // no good frame near this target: one part fewer
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  const complete = splits.filter((split) => split.seamEnd !== undefined);
  if (complete.length === 0) return undefined;
  const raw = (frame: number) => (frame - info) * spf;
  const planned: SplitPart[] = [];
  for (let k = 0; k <= complete.length; k++) {
    const start = complete[k - 1];
    const next = complete[k];
    planned.push({
      prerolls: start?.prerolls ?? [],
      from: start?.offset ?? 0,
      to: next?.offset ?? sizeBytes,
      feedTo: next?.seamEnd ?? sizeBytes,
      rawFrom: start ? raw(start.frame) : 0,
      rawTo: next ? raw(next.frame) : Infinity,
    });
  }
  return {
    parts: planned,
    trim,
    samplesPerFrame: spf,
    seamFrames: SEAM_FRAMES,
    first,
    audioOffset: stream.audioOffset,
    damage: frameDamage(walk.tally, stream),
  };
}

/**
 * Pre-rolls for a split before `frame`, shortest first. Layer III output of a frame needs the frame
 * before it decoded from the right bits (MPEG-1: its second granule's overlap and filter blocks are all
 * the next frame takes), or the two before it (MPEG-2/2.5: one granule a frame); those frames' data
 * starts up to a reservoir's length earlier, in frames that must have been fed. One frame more for
 * safety; then lengths that bring the ring to its place (see SplitPart), over two of its periods.
 */
function prerollCandidates(
  frame: number,
  info: number,
  first: MpegHeader,
  offsets: Float64Array,
  payloads: Int32Array,
): Preroll[] {
  const oldest = Math.max(info, frame - RING + 1);
  const mpeg1 = first.samplesPerFrame === 1152;
  const reservoir = mpeg1 ? 511 : 255;
  let shortest = mpeg1 ? 1 : 2;
  for (let bytes = 0; bytes < reservoir;) {
    shortest++;
    if (frame - shortest < oldest) return [];
    bytes += Math.max(0, payloads[(frame - shortest) % RING]!);
  }
  shortest++;
  const period = 16 / gcd(first.samplesPerFrame / 32, 16);
  const candidates: Preroll[] = [];
  for (let frames = shortest; frames < shortest + 2 * period && frame - frames >= oldest; frames++) {
    const lag = (((frames - (frame - info)) % period) + period) % period;
    const preroll = {
      frames,
      from: offsets[(frame - frames) % RING]!,
      firstFrameEnd: offsets[(frame - frames + 1) % RING]!,
    };
    // MPEG-1: the ring has moved once per frame. MPEG-2/2.5: once less if the first frame is silent.
    if (mpeg1 && lag === 0) candidates.push(preroll);
    if (!mpeg1 && lag === 0) candidates.push({ ...preroll, silentFirst: false });
    if (!mpeg1 && lag === 1) candidates.push({ ...preroll, silentFirst: true });
  }
  return candidates;
}

/** The frames both sides of a split decode must come out untrimmed, or they cannot be compared. */
function seamUntrimmed(trim: GaplessTrim | null, raw: number, spf: number): boolean {
  if (!trim) return true;
  const seamEnd = raw + SEAM_FRAMES * spf;
  return raw >= trim.begin + spf && (seamEnd <= trim.cut - spf || raw >= trim.full || trim.cut === trim.full);
}

function sameStream(header: MpegHeader, first: MpegHeader): boolean {
  return (
    header.layer === 3 &&
    header.sampleRate === first.sampleRate &&
    header.channels === first.channels &&
    header.samplesPerFrame === first.samplesPerFrame
  );
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
