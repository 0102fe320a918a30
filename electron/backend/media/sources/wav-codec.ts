import { closeSync, openSync, readSync } from 'node:fs';
import { Gsm610Decoder } from '../gsm610';
import { decodeImaBlock } from '../ima-adpcm';
import type { WavInfo } from '../wav';
import { framesToMs, type AudioSource, type PcmBlock } from './source';

/** Codec blocks decoded per read: ~16 KB of GSM (5 s) or IMA, so the output block stays ~100-200 KB. */
const BLOCKS_PER_READ = 256;

/**
 * The block codecs of WAV that Chromium cannot play (GSM 6.10, IMA ADPCM): decoded here, transcoded
 * at import. Each block decodes on its own (IMA) or with state carried across blocks (GSM).
 */
export function wavCodecSource(path: string, info: WavInfo, sizeBytes: number): AudioSource {
  const { channels, blockAlign, framesPerBlock, dataOffset } = info;
  let fd: number | undefined;
  let consumed = 0;
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  return {
    path,
    container: 'wav',
    codec: info.codec,
    channels,
    sampleRate: info.sampleRate,
    claimedDurationMs: framesToMs(info.claimedFrames, info.sampleRate),
    expectedFrames: info.frames,
    playableMimeType: null,
    sizeBytes,
    bytesRead: () => dataOffset + consumed,
    close,
    async *blocks(): AsyncGenerator<PcmBlock, void, undefined> {
      fd = openSync(path, 'r');
      try {
        const raw = Buffer.allocUnsafe(BLOCKS_PER_READ * blockAlign);
        const out = new Int16Array(BLOCKS_PER_READ * framesPerBlock * channels);
        const gsm = info.codec === 'gsm_ms' ? new Gsm610Decoder() : undefined;
        let framesDone = 0;
        while (framesDone < info.frames && consumed < info.dataBytes) {
          const want = Math.min(raw.length, info.dataBytes - consumed);
          const got = readSync(fd, raw, 0, want, dataOffset + consumed);
          if (got <= 0) break;
          consumed += got;
          let frames = 0;
          for (let p = 0; p < got && framesDone + frames < info.frames; p += blockAlign) {
            const block = raw.subarray(p, Math.min(got, p + blockAlign));
            const left = info.frames - framesDone - frames;
            if (gsm) {
              if (block.length < blockAlign) break; // a GSM block cut short cannot be decoded
              gsm.decodeBlock(block, out, frames * channels);
              frames += Math.min(framesPerBlock, left);
            } else {
              frames += decodeImaBlock(block, channels, out, frames * channels, left);
            }
          }
          if (frames === 0) break;
          framesDone += frames;
          yield { format: 'i16', frames, interleaved: out };
        }
      } finally {
        close();
      }
    },
  };
}
