import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWavInfo } from '../../../electron/backend/media/wav';
import { EarmarkError } from '../../../shared/errors';
import { audioData, fixture } from './support';

const lca = join(audioData, 'aws-samples__amazon-transcribe-live-call-analytics');
const azure = join(audioData, 'Azure-Samples__cognitive-services-speech-sdk');
const edge = join(audioData, 'edge_cases');

describe('readWavInfo on real recordings', () => {
  it('reads an 8 kHz PCM call leg', () => {
    const info = readWavInfo(join(lca, 'Auto_Repairs_40_UTC_agent.wav'));
    expect(info).toMatchObject({
      codec: 'pcm_s16le',
      channels: 1,
      sampleRate: 8000,
      claimedFrames: info.frames,
    });
    expect(info.durationMs / 1000).toBeCloseTo(245.4, 1);
  });

  it('reads G.711 µ-law', () => {
    const info = readWavInfo(join(azure, 'whatstheweatherlike-mulaw.wav'));
    expect(info).toMatchObject({ codec: 'mulaw', channels: 1, sampleRate: 16000 });
    expect(info.durationMs / 1000).toBeCloseTo(2.0, 1);
  });

  it('reads GSM 6.10 blocks and the real length from the fact chunk', () => {
    const info = readWavInfo(join(edge, 'Borewit__music-metadata', 'gsm610.wav'));
    expect(info).toMatchObject({
      codec: 'gsm_ms',
      blockAlign: 65,
      framesPerBlock: 320,
      frames: 960,
      claimedFrames: 960,
    });
  });

  it('reads IMA ADPCM block layout', () => {
    const info = readWavInfo(fixture('ima-adpcm-stereo.wav'));
    expect(info).toMatchObject({ codec: 'adpcm_ima_wav', channels: 2, sampleRate: 11025, blockAlign: 1024 });
    expect(info.framesPerBlock).toBe(((1024 - 8) * 8) / (4 * 2) + 1); // 1017, as its fmt chunk says
  });

  it('walks LIST, odd-sized and PAD chunks before data, and ignores chunks after it', () => {
    expect(readWavInfo(fixture('odd-chunks.wav'))).toMatchObject({
      ...readWavInfo(fixture('pcm-s16.wav')),
      dataOffset: expect.any(Number),
    });
  });

  it('a truncated file: what is there, and what the header claimed', () => {
    const info = readWavInfo(fixture('truncated.wav'));
    expect(info.claimedFrames).toBe(readWavInfo(fixture('pcm-s16.wav')).frames);
    expect(info.frames).toBeLessThan(info.claimedFrames!);
    expect(info.dataOffset + info.dataBytes).toBeLessThanOrEqual(
      readFileSync(fixture('truncated.wav')).length,
    );
  });
});

describe('broken WAVs get a clear error from the header reader, never a crash', () => {
  const expectRefusal = (path: string, message: RegExp) => {
    let thrown: unknown;
    try {
      readWavInfo(path);
    } catch (error) {
      thrown = error;
    }
    expect(thrown, path).toBeInstanceOf(EarmarkError);
    expect((thrown as EarmarkError).code).toBe('unsupported_media');
    expect((thrown as EarmarkError).message).toMatch(message);
    expect((thrown as EarmarkError).message).toContain(path);
  };

  it('raw samples with a .wav name', () => {
    expectRefusal(
      join(edge, 'Azure-Samples__cognitive-services-speech-sdk', 'missing_wav_header.wav'),
      /does not start with a RIFF header/,
    );
  });

  it('every fuzzer-found crash file from hound', () => {
    const fuzz = join(edge, 'ruuda__hound', 'fuzz');
    for (const file of readdirSync(fuzz)) {
      const path = join(fuzz, file);
      try {
        const info = readWavInfo(path);
        // A file that parses must describe real, bounded audio.
        expect(info.frames).toBeGreaterThan(0);
        expect(info.dataOffset + info.dataBytes).toBeLessThanOrEqual(readFileSync(path).length);
      } catch (error) {
        expect(error, file).toBeInstanceOf(EarmarkError);
      }
    }
  });
});
