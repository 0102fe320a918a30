import { closeSync, openSync } from 'node:fs';
import { MpegFrameReader } from '../mpeg-frames';
import type { MpegHeader } from '../mpeg-header';
import type { DecoderOutputCheck } from '../sources/decoded';
import type { StreamDecoder } from '../sources/wasm';

/** Receives decoded samples in order: planar, `frames` long (the arrays may be longer). */
export type SampleSink = (planar: readonly Float32Array[], frames: number) => void;

/** Input bytes per decode call, as sources/wasm.ts feeds a whole file. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Feeds a decoder consecutive byte ranges of a file, handing what each range decodes to its own sink.
 * mpg123 decodes a frame as soon as all its bytes are in, so the output of a range ending at a frame
 * boundary is exactly that range's frames. The bytes are the frames the stream's walk accepts
 * (mpeg-frames.ts), as in one pass: damage is skipped the same way wherever a part starts.
 */
export class RangeFeeder {
  private fd: number | undefined;
  private readonly frames: MpegFrameReader;
  private readonly start: number;
  /** Bytes of the file passed so far, for progress. */
  fed = 0;

  constructor(
    path: string,
    private readonly decoder: StreamDecoder,
    private readonly check: DecoderOutputCheck,
    stream: { first: MpegHeader; sizeBytes: number },
    /** Where feeding starts: a frame the stream's walk accepts. */
    position: number,
    /** Called after each chunk with the bytes fed so far. */
    private readonly onChunk: (fed: number) => void = () => {},
  ) {
    this.fd = openSync(path, 'r');
    this.start = position;
    this.frames = new MpegFrameReader(this.fd, stream.sizeBytes, stream.first, position, path);
  }

  get position(): number {
    return this.frames.position;
  }

  /** Feeds the frames up to `to` (a frame boundary, or the file's end). */
  async feed(to: number, sink: SampleSink): Promise<void> {
    for (let chunk = this.frames.read(CHUNK_BYTES, to); chunk; chunk = this.frames.read(CHUNK_BYTES, to)) {
      this.fed = this.frames.position - this.start;
      this.take(await this.decoder.decode(chunk), sink);
      this.onChunk(this.fed);
    }
  }

  /** At the end of the stream: what the decoder still holds, if it holds anything back. */
  async flush(sink: SampleSink): Promise<void> {
    if (this.decoder.flush) this.take(await this.decoder.flush(), sink);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.decoder.free();
  }

  private take(output: Parameters<DecoderOutputCheck['toBlock']>[0], sink: SampleSink): void {
    const block = this.check.toBlock(output);
    if (block?.format === 'f32') sink(block.planar, block.frames);
  }
}

/** Keeps a copy of the first `capacity` samples it is given, and counts them all. */
export class SampleCopy {
  readonly channels: Float32Array[];
  count = 0;

  constructor(channels: number, capacity: number) {
    this.channels = Array.from({ length: channels }, () => new Float32Array(capacity));
  }

  readonly add: SampleSink = (planar, frames) => {
    const take = Math.min(frames, this.channels[0]!.length - this.count);
    if (take > 0) this.channels.forEach((to, c) => to.set(planar[c]!.subarray(0, take), this.count));
    this.count += frames;
  };

  /** The first `capacity` samples, or null when fewer came. */
  first(): Float32Array[] | null {
    return this.count >= this.channels[0]!.length ? this.channels : null;
  }

  /** All the samples, or null when more came than there was room for. */
  all(): Float32Array[] | null {
    if (this.count > this.channels[0]!.length) return null;
    return this.channels.map((data) => data.subarray(0, this.count));
  }
}

/** Bit for bit (a float compare would take -0 for 0). Null never matches. */
export function sameSamples(a: readonly Float32Array[] | null, b: readonly Float32Array[] | null): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return a.every((data, c) => {
    const other = b[c]!;
    if (data.length !== other.length) return false;
    const x = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return x.equals(Buffer.from(other.buffer, other.byteOffset, other.byteLength));
  });
}
