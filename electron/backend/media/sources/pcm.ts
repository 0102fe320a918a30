import { closeSync, openSync, readSync } from 'node:fs';
import { bytesPerSample, int16Converter, isNativeInt16, type PcmEncoding } from '../pcm';
import { framesToMs, type AudioSource, type PcmBlock } from './source';

export interface PcmLayout {
  container: 'wav' | 'aiff';
  codec: PcmEncoding;
  channels: number;
  sampleRate: number;
  dataOffset: number;
  frames: number;
  claimedFrames: number | null;
  playableMimeType: string | null;
  sizeBytes: number;
}

/** About 1 MB a read: large enough that the per-read cost vanishes, small enough to stay in cache. */
const BLOCK_BYTES = 1 << 20;

/**
 * Uncompressed samples (WAV or AIFF), read straight from the data chunk. 16-bit little-endian data is
 * handed on as a view of the bytes just read: no per-sample work at all before the peak scan.
 */
export function pcmSource(path: string, layout: PcmLayout): AudioSource {
  const frameBytes = bytesPerSample(layout.codec) * layout.channels;
  const framesPerBlock = Math.max(1, Math.floor(BLOCK_BYTES / frameBytes));
  let fd: number | undefined;
  let consumed = 0;
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  return {
    path,
    container: layout.container,
    codec: layout.codec,
    channels: layout.channels,
    sampleRate: layout.sampleRate,
    claimedDurationMs: framesToMs(layout.claimedFrames, layout.sampleRate),
    expectedFrames: layout.frames,
    playableMimeType: layout.playableMimeType,
    sizeBytes: layout.sizeBytes,
    bytesRead: () => layout.dataOffset + consumed,
    close,
    async *blocks(): AsyncGenerator<PcmBlock, void, undefined> {
      fd = openSync(path, 'r');
      try {
        // allocUnsafeSlow: a buffer of its own at offset 0, so an Int16Array can view it directly.
        const raw = Buffer.allocUnsafeSlow(framesPerBlock * frameBytes);
        const zeroCopy = isNativeInt16(layout.codec);
        const samples = zeroCopy
          ? new Int16Array(raw.buffer, raw.byteOffset, framesPerBlock * layout.channels)
          : new Int16Array(framesPerBlock * layout.channels);
        const convert = int16Converter(layout.codec);
        let framesDone = 0;
        while (framesDone < layout.frames) {
          const want = Math.min(framesPerBlock, layout.frames - framesDone) * frameBytes;
          const got = readSync(fd, raw, 0, want, layout.dataOffset + framesDone * frameBytes);
          const frames = Math.floor(got / frameBytes);
          if (frames === 0) break; // the file shrank under us: keep what was read
          if (!zeroCopy) convert(raw, samples, frames * layout.channels);
          framesDone += frames;
          consumed = framesDone * frameBytes;
          yield { format: 'i16', frames, interleaved: samples };
          if (got < want) break;
        }
      } finally {
        close();
      }
    },
  };
}
