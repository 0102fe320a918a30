import { closeSync, openSync, readSync } from 'node:fs';
import type { MpegStream } from '../mpeg-header';
import { DecoderOutputCheck, type DecoderOutput } from './decoded';
import type { AudioSource, PcmBlock } from './source';

/** The part of a WASM decoder's interface used here: feed bytes in file order, get samples. */
export interface StreamDecoder {
  decode(chunk: Uint8Array): DecoderOutput | Promise<DecoderOutput>;
  flush?(): DecoderOutput | Promise<DecoderOutput>;
  free(): void;
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
}

/**
 * A compressed stream decoded by one of the WASM decoders, fed from a sequential read of the file a
 * chunk at a time, so memory stays bounded by the chunk and its decoded output however long the call.
 */
export function wasmSource(path: string, spec: StreamSpec): AudioSource {
  let fd: number | undefined;
  let decoder: StreamDecoder | undefined;
  let consumed = 0;
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
    bytesRead: () => consumed,
    close,
    async *blocks(): AsyncGenerator<PcmBlock, void, undefined> {
      const check = new DecoderOutputCheck(path, spec.codecName, spec.channels, spec.sampleRate);
      const take = (output: DecoderOutput) => {
        const block = check.toBlock(output);
        source.channels = check.channels;
        source.sampleRate = check.sampleRate;
        return block;
      };
      try {
        decoder = await spec.createDecoder();
        fd = openSync(path, 'r');
        for (;;) {
          // A fresh buffer each time: some decoders keep views of their input between calls.
          const chunk = Buffer.allocUnsafe(spec.chunkBytes);
          const got = readSync(fd, chunk, 0, chunk.length, consumed);
          if (got <= 0) break;
          consumed += got;
          const block = take(await decoder.decode(chunk.subarray(0, got)));
          if (block) yield block;
        }
        if (decoder.flush) {
          const block = take(await decoder.flush());
          if (block) yield block;
        }
        check.finish();
      } finally {
        close();
      }
    },
  };
  return source;
}
