import { createReadStream, statSync } from 'node:fs';
import { readAdtsStream } from '../adts';
import { readAiffInfo } from '../aiff';
import { mpegInput } from '../mpeg-frames';
import type { MpegStream } from '../mpeg-header';
import { oggClaimedDurationMs } from '../ogg';
import { OggPageCheck } from '../ogg-pages';
import type { PcmEncoding } from '../pcm';
import { sniffFormat } from '../sniff';
import { readWavInfo, type WavCodec } from '../wav';
import { mp4Source } from './mp4';
import { pcmSource } from './pcm';
import type { OpenedSource } from './source';
import { wavCodecSource } from './wav-codec';
import { fileChunks, wasmSource, type StreamDecoder } from './wasm';

/** WAV encodings Chromium's media stack plays as they are; the rest are transcoded at import. */
const CHROMIUM_WAV: ReadonlySet<WavCodec> = new Set<PcmEncoding>([
  'pcm_u8',
  'pcm_s16le',
  'pcm_s24le',
  'pcm_s32le',
  'pcm_f32le',
  'alaw',
  'mulaw',
]);

/**
 * Opens a recording for decoding, choosing the decoder by what the bytes are, not by the file name.
 * AAC (M4A and raw ADTS) is not decoded: it is described from its container only (see UndecodedSource).
 */
export async function openSource(path: string): Promise<OpenedSource> {
  const sniffed = sniffFormat(path);
  const sizeBytes = statSync(path).size;
  switch (sniffed.container) {
    case 'wav': {
      const info = readWavInfo(path);
      if (info.codec === 'gsm_ms' || info.codec === 'adpcm_ima_wav')
        return wavCodecSource(path, info, sizeBytes);
      // A truncated file is rewritten whole, so the player's own idea of its length matches ours.
      const whole = info.claimedFrames === null || info.frames >= info.claimedFrames;
      return pcmSource(path, {
        container: 'wav',
        codec: info.codec,
        channels: info.channels,
        sampleRate: info.sampleRate,
        dataOffset: info.dataOffset,
        frames: info.frames,
        claimedFrames: info.claimedFrames,
        playableMimeType: whole && CHROMIUM_WAV.has(info.codec) ? 'audio/wav' : null,
        sizeBytes,
      });
    }
    case 'aiff': {
      const info = readAiffInfo(path);
      return pcmSource(path, { ...info, container: 'aiff', playableMimeType: null, sizeBytes });
    }
    case 'mp3': {
      const { header } = sniffed;
      const stream: MpegStream = {
        audioOffset: sniffed.audioOffset,
        first: header,
        infoTag: sniffed.infoTag,
        damagedBytes: sniffed.damagedBytes,
      };
      const { MPEGDecoder } = await import('mpg123-decoder');
      return wasmSource(path, {
        container: 'mp3',
        codec: `mp${header.layer}`,
        codecName: header.layer === 3 ? 'MP3' : `MPEG layer ${header.layer}`,
        channels: header.channels,
        sampleRate: header.sampleRate,
        claimedDurationMs:
          sniffed.declaredSamples !== null
            ? Math.round((sniffed.declaredSamples * 1000) / header.sampleRate)
            : await claimedDurationMs(path, 'audio/mpeg', sizeBytes),
        // Chromium plays layer III only.
        playableMimeType: header.layer === 3 ? 'audio/mpeg' : null,
        sizeBytes,
        chunkBytes: 64 * 1024,
        createDecoder: () => ready(new MPEGDecoder()),
        openInput: (fd) => mpegInput(fd, sizeBytes, stream, path, 64 * 1024),
        ...(header.layer === 3 && { mpeg: stream }),
      });
    }
    case 'aac': {
      // Chromium plays ADTS as it is (audio/aac), like the AAC in an M4A. ADTS states no length of its
      // own: the frame count is both the claim and the real length, so there is never a mismatch.
      const stream = readAdtsStream(path, sizeBytes, sniffed.audioOffset);
      return {
        kind: 'undecoded',
        path,
        container: 'aac',
        codec: 'aac',
        channels: stream.channels,
        sampleRate: stream.sampleRate,
        durationMs: stream.durationMs,
        claimedDurationMs: stream.durationMs,
        playableMimeType: 'audio/aac',
        sizeBytes,
      };
    }
    case 'ogg': {
      const opus = sniffed.codec === 'opus';
      const createDecoder = opus
        ? async () => ready(new (await import('ogg-opus-decoder')).OggOpusDecoder({ forceStereo: false }))
        : async () => ready(new (await import('@wasm-audio-decoders/ogg-vorbis')).OggVorbisDecoder());
      return wasmSource(path, {
        container: 'ogg',
        codec: sniffed.codec,
        codecName: opus ? 'Ogg Opus' : 'Ogg Vorbis',
        channels: sniffed.channels,
        sampleRate: sniffed.sampleRate,
        claimedDurationMs: oggClaimedDurationMs(path, sniffed.codec, sniffed.sampleRate),
        playableMimeType: 'audio/ogg',
        sizeBytes,
        chunkBytes: 64 * 1024,
        createDecoder,
        openInput: (fd) => fileChunks(fd, 64 * 1024, new OggPageCheck(opus ? 2 : 3)),
      });
    }
    case 'flac': {
      const { FLACDecoder } = await import('@wasm-audio-decoders/flac');
      return wasmSource(path, {
        container: 'flac',
        codec: 'flac',
        codecName: 'FLAC',
        channels: sniffed.channels,
        sampleRate: sniffed.sampleRate,
        claimedDurationMs: await claimedDurationMs(path, 'audio/flac', sizeBytes),
        // @wasm-audio-decoders/flac 0.2 (its codec-parser) drops a final frame of only a few bytes (a
        // near-silent tail), so the decode can end up to one block short of STREAMINFO's count.
        claimToleranceMs: Math.ceil((sniffed.maxBlockSize * 1000) / sniffed.sampleRate),
        playableMimeType: 'audio/flac',
        sizeBytes,
        chunkBytes: 128 * 1024,
        createDecoder: () => ready(new FLACDecoder()),
      });
    }
    case 'm4a':
      return mp4Source(path, sizeBytes);
  }
}

async function ready<T extends StreamDecoder & { ready: Promise<void> }>(decoder: T): Promise<T> {
  await decoder.ready;
  return decoder;
}

/**
 * What the container says the length is (a CBR MP3's bitrate estimate, FLAC's STREAMINFO), read by
 * music-metadata without decoding. The type is given from the sniffed bytes, as music-metadata would
 * otherwise go by the file's extension (and fail on a `.wav` that is MP3).
 */
async function claimedDurationMs(path: string, mimeType: string, size: number): Promise<number | null> {
  const stream = createReadStream(path);
  try {
    const { parseStream } = await import('music-metadata');
    const { format } = await parseStream(
      stream,
      { mimeType, size, path },
      { duration: false, skipCovers: true },
    );
    return format.duration && Number.isFinite(format.duration) ? Math.round(format.duration * 1000) : null;
  } catch {
    return null; // a header music-metadata cannot read is the decoder's to judge
  } finally {
    stream.destroy();
  }
}
