import { closeSync, openSync, readSync } from 'node:fs';
import type { MpegStream } from '../mpeg-header';
import { DecoderOutputCheck, type DecoderOutput } from './decoded';
import type { AudioSource, PcmBlock, StreamDamage } from './source';

/** The part of a WASM decoder's interface used here: feed bytes in file order, get samples. */
export interface StreamDecoder {
  decode(chunk: Uint8Array): DecoderOutput | Promise<DecoderOutput>;
  flush?(): DecoderOutput | Promise<DecoderOutput>;
  free(): void;
}

/** What a decoder is fed: the file's bytes in order, or a filtered stream of them (MP3 frames). */
export interface StreamInput {
  /** The next bytes to decode, or null at the end. */
  read(): Uint8Array | null;
  /** How far into the file reading has come, for progress. */
  position(): number;
  /** After the last read: what was damaged, given the decoder's error count; null when nothing was. */
  damage(decoderErrors: number): StreamDamage | null;
}

export interface StreamSpec {
  container: string;
  codec: string;
  /** Human name for messages: 'MP3', 'Ogg Vorbis' ... */
  codecName: string;
  /** Declared by the header; 0 where only the decoder knows. */
  channels: number;
  sampleRate: number;
  claimedDurationMs: number | null;
  claimToleranceMs?: number;
  playableMimeType: string | null;
  sizeBytes: number;
  /** Input bytes per decode call; bounds each call's output (64 KB of MP3 is ~4 s of audio). */
  chunkBytes: number;
  mpeg?: MpegStream;
  createDecoder: () => Promise<StreamDecoder>;
  /** The stream as the decoder is fed it; by default the file's bytes, `chunkBytes` at a time. */
  openInput?: (fd: number) => StreamInput;
}

/**
 * A compressed stream decoded by one of the WASM decoders, fed from a sequential read of the file a
 * chunk at a time, so memory stays bounded by the chunk and its decoded output however long the call.
 */
export function wasmSource(path: string, spec: StreamSpec): AudioSource {
  let fd: number | undefined;
  let decoder: StreamDecoder | undefined;
  let input: StreamInput | undefined;
  let check: DecoderOutputCheck | undefined;
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    decoder?.free();
    decoder = undefined;
  };
  const source: AudioSource = {
    path,
    container: spec.container,
    codec: spec.codec,
    channels: spec.channels,
    sampleRate: spec.sampleRate,
    claimedDurationMs: spec.claimedDurationMs,
    claimToleranceMs: spec.claimToleranceMs ?? 0,
    expectedFrames:
      spec.claimedDurationMs && spec.sampleRate ? (spec.claimedDurationMs / 1000) * spec.sampleRate : 0,
    playableMimeType: spec.playableMimeType,
    sizeBytes: spec.sizeBytes,
    ...(spec.mpeg && { mpeg: spec.mpeg }),
    bytesRead: () => input?.position() ?? 0,
    damage: () => input?.damage(check?.errorCount ?? 0) ?? null,
    close,
    async *blocks(): AsyncGenerator<PcmBlock, void, undefined> {
      const checked = new DecoderOutputCheck(path, spec.codecName, spec.channels, spec.sampleRate);
      check = checked;
      const take = (output: DecoderOutput) => {
        const block = checked.toBlock(output);
        source.channels = checked.channels;
        source.sampleRate = checked.sampleRate;
        return block;
      };
      try {
        decoder = await spec.createDecoder();
        fd = openSync(path, 'r');
        input = spec.openInput?.(fd) ?? fileChunks(fd, spec.chunkBytes);
        for (let chunk = input.read(); chunk; chunk = input.read()) {
          const block = take(await decoder.decode(chunk));
          if (block) yield block;
        }
        if (decoder.flush) {
          const block = take(await decoder.flush());
          if (block) yield block;
        }
        checked.finish();
      } finally {
        close();
      }
    },
  };
  return source;
}

/** The file's bytes in order, `chunkBytes` at a time, with `observe` shown each chunk (a page check). */
export function fileChunks(
  fd: number,
  chunkBytes: number,
  observe?: { add(chunk: Uint8Array): void; damage(decoderErrors: number): StreamDamage | null },
): StreamInput {
  let consumed = 0;
  return {
    read() {
      // A fresh buffer each time: some decoders keep views of their input between calls.
      const chunk = Buffer.allocUnsafe(chunkBytes);
      const got = readSync(fd, chunk, 0, chunk.length, consumed);
      if (got <= 0) return null;
      consumed += got;
      const bytes = chunk.subarray(0, got);
      observe?.add(bytes);
      return bytes;
    },
    position: () => consumed,
    damage: (errors) => observe?.damage(errors) ?? null,
  };
}
