import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeRecording } from '../../../electron/backend/workers/analyze';
import { tempDir } from '../../support/paths';
import {
  audioData,
  expectPeaksClose,
  expectRefusal,
  fixture,
  readPcm16Wav,
  readPeaksJson,
  referencePeaks,
} from './support';

/**
 * Every media file under ../shared/data/audio (see its README), through the real worker: it imports
 * with the right format and duration, or is refused with a message naming it and the problem.
 *
 * Durations are the decoded length, measured with ffmpeg (`ffmpeg -i FILE -f s16le -` sample counts),
 * where that differs from ffprobe's container figure: for the MP3s ffprobe adds the encoder's priming
 * and padding (jfk.mp3: 11.088 s; STAT3S3.mp3: 0.209 s) that a gapless decode, ffmpeg's and ours, trims.
 */
interface Imports {
  container: string;
  codec: string;
  sampleRate: number;
  channels: number;
  /** The truth, from ffmpeg: see above. */
  seconds: number;
  transcoded: boolean;
  /** How peaks are checked: read from the PCM directly, or against ffmpeg's in test/fixtures/audio/shared. */
  peaks: 'pcm' | { json: string; max: number; p90: number };
}

const expected: Record<string, Imports | RegExp> = {
  'Azure-Samples__cognitive-services-speech-sdk/test_call_audio.wav': {
    ...pcm(16000, 1, 120),
  },
  'Azure-Samples__cognitive-services-speech-sdk/whatstheweatherlike-mulaw.wav': {
    ...pcm(16000, 1, 2.03),
    codec: 'mulaw',
    peaks: { json: 'whatstheweatherlike-mulaw.wav', max: 0, p90: 0 },
  },
  'Borewit__music-metadata/M1F1-AlawC-AFsp.aif': {
    container: 'aiff',
    codec: 'alaw',
    sampleRate: 8000,
    channels: 2,
    seconds: 2.936625,
    transcoded: true,
    peaks: { json: 'M1F1-AlawC-AFsp.aif', max: 0, p90: 0 },
  },
  'aws-samples__amazon-transcribe-live-call-analytics/Auto_Repairs_40_UTC_agent.wav': pcm(8000, 1, 245.38),
  'aws-samples__amazon-transcribe-live-call-analytics/Auto_Repairs_40_UTC_caller.wav': pcm(8000, 1, 245.38),
  'pyannote__pyannote-audio/sample.wav': pcm(16000, 1, 30),
  'eshaz__wasm-audio-decoders/opus_osce_female_ref_12kbs.ogg': opus('opus_osce_female_ref_12kbs.ogg'),
  'eshaz__wasm-audio-decoders/opus_osce_male_ref_5kbs.ogg': opus('opus_osce_male_ref_5kbs.ogg'),
  'ggerganov__whisper.cpp/jfk.mp3': {
    container: 'mp3',
    codec: 'mp3',
    sampleRate: 16000,
    channels: 1,
    seconds: 11.0, // 176000 samples
    transcoded: false,
    peaks: { json: 'jfk.mp3', max: 1, p90: 0 }, // float output: a rare rounding unit apart
  },
  'openai__whisper/jfk.flac': {
    container: 'flac',
    codec: 'flac',
    sampleRate: 44100,
    channels: 2,
    seconds: 11.0,
    transcoded: false,
    // 24-bit FLAC: ffmpeg truncates to 16 bits, the float path rounds; one unit apart at most.
    peaks: { json: 'jfk.flac', max: 1, p90: 1 },
  },
  'edge_cases/Borewit__music-metadata/gsm610.wav': {
    container: 'wav',
    codec: 'gsm_ms',
    sampleRate: 8000,
    channels: 1,
    seconds: 0.12,
    transcoded: true,
    peaks: 'pcm', // the transcoded WAV (sample-exact against ffmpeg: formats.test.ts)
  },
  'edge_cases/bbc__peaks.js/STAT3S3.mp3': {
    container: 'mp3',
    codec: 'mp3',
    sampleRate: 44100,
    channels: 2,
    seconds: 8022 / 44100, // the LAME tag's gapless length; ffmpeg decodes the same 8022 samples
    transcoded: false,
    peaks: { json: 'STAT3S3.mp3', max: 0, p90: 0 },
  },
  // Refused, each with a plain reason.
  'edge_cases/Azure-Samples__cognitive-services-speech-sdk/missing_wav_header.wav':
    /match no known format \(the name ends in \.wav, but the content is not WAV\)\. It may be raw samples/,
  'edge_cases/Borewit__music-metadata/adts-0-frame.mp3':
    /holds no audio: its header claims 217\.8 s, but only 0\.18 s of silence could be decoded/,
  'edge_cases/Borewit__music-metadata/corrupt.mkv':
    /is a damaged Matroska\/WebM file: its EBML header is invalid/,
  'edge_cases/eshaz__wasm-audio-decoders/ogg.vorbis.invalid.mode.count.ogg':
    /is a damaged Ogg Vorbis stream: the decoder reported \d+ channels/,
  // hound's fuzzer finds: an fmt chunk claiming 655360 bytes, ~4 GB, 2.5 MB (the "absurd extradata" one)
  'edge_cases/ruuda__hound/fuzz/crash-24728523ef4be15c838293b676f6853e73723bf4.wav':
    /has a malformed fmt chunk/,
  'edge_cases/ruuda__hound/fuzz/crash-b8447179832529c48f9c6bf17feab6337bbc78ea.wav':
    /has a malformed fmt chunk/,
  'edge_cases/ruuda__hound/fuzz/crash-cbd757427cea12bd8a21f86cd8cf74d98ce56bee.wav':
    /has a malformed fmt chunk/,
  // a valid float WAV of 4 samples (0.09 ms): nothing to review
  'edge_cases/ruuda__hound/fuzz/crash-e5471f5b58397287b509db7d026e95f1724454f5.wav':
    /holds only 4 samples \(0 ms\) of audio, too little to be a recording/,
  'edge_cases/ruuda__hound/fuzz/crash-e879de4eb4d206c59e21f0e01def16457af80fdc.wav': /has no fmt chunk/,
  // RIFF size field and a chunk size of ~1.3 GB in a 22-byte file: nothing is allocated from them
  'edge_cases/ruuda__hound/fuzz/oom-48ae4cd061ff8578ad3f23dc87624bd365cf5216.wav': /has no fmt chunk/,
};

function pcm(sampleRate: number, channels: number, seconds: number): Imports {
  return {
    container: 'wav',
    codec: 'pcm_s16le',
    sampleRate,
    channels,
    seconds,
    transcoded: false,
    peaks: 'pcm',
  };
}

function opus(json: string): Imports {
  // 960312 granules less 312 of pre-skip (ffprobe's 20.0065 s counts the pre-skip).
  return {
    container: 'ogg',
    codec: 'opus',
    sampleRate: 48000,
    channels: 1,
    seconds: 20,
    transcoded: false,
    peaks: { json, max: 0, p90: 0 },
  };
}

const out = tempDir('earmark-shared-');
afterAll(() => out.cleanup());

describe('every file in ../shared/data/audio', () => {
  const media: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!/\.(json|rttm|stm)$/.test(name)) media.push(relative(audioData, path));
    }
  };
  walk(audioData);

  it('is listed here with what it should do', () => {
    expect(media.sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s', async (name, expectation) => {
    const path = join(audioData, name);
    if (expectation instanceof RegExp) {
      await expectRefusal(() => analyzeRecording({ sources: [path], outputDir: out.dir }), path, expectation);
      return;
    }
    const result = await analyzeRecording({ sources: [path], outputDir: out.dir });
    const { seconds, transcoded, peaks, ...format } = expectation;
    expect(result).toMatchObject({
      ...format,
      durationMismatch: false,
      sourceSizeBytes: statSync(path).size,
    });
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Math.abs(result.durationMs / 1000 - seconds)).toBeLessThanOrEqual(seconds * 0.01);
    expect(result.playable.transcoded).toBe(transcoded);
    expect(result.playable.path).toBe(transcoded ? join(out.dir, `${result.sha256}.wav`) : path);
    const finest = result.levels[0]!;
    if (peaks === 'pcm') {
      const { samples, channels } = readPcm16Wav(result.playable.path);
      for (let c = 0; c < channels; c++) {
        expect(Array.from(finest.channels[c]!)).toEqual(
          referencePeaks(samples, channels, c, finest.samplesPerPeak),
        );
      }
    } else {
      const reference = readPeaksJson(fixture(`shared/${peaks.json}.peaks.json`));
      expect(finest.samplesPerPeak).toBe(reference.samplesPerPeak);
      reference.peaks.forEach((channel, c) =>
        expectPeaksClose(
          finest.channels[c]!,
          channel,
          { max: peaks.max, p90: peaks.p90, lengthSlack: 0 },
          `${name} ${c}`,
        ),
      );
    }
  });
});
