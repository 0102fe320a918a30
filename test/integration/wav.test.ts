import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeRecording } from '../../electron/backend/services/recordings';
import { readWavInfo } from '../../electron/backend/media/wav';
import { EarmarkError } from '../../shared/errors';
import { audioData } from '../support/paths';

const lca = join(audioData, 'aws-samples__amazon-transcribe-live-call-analytics');
const azure = join(audioData, 'Azure-Samples__cognitive-services-speech-sdk');
const edge = join(audioData, 'edge_cases');

describe('readWavInfo on real recordings', () => {
  it('reads an 8 kHz PCM call leg', () => {
    const info = readWavInfo(join(lca, 'Auto_Repairs_40_UTC_agent.wav'));
    expect(info).toMatchObject({ encoding: 'pcm_s16le', channels: 1, sampleRate: 8000 });
    expect(info.durationMs / 1000).toBeCloseTo(245.4, 1);
  });

  it('reads G.711 µ-law', () => {
    const info = readWavInfo(join(azure, 'whatstheweatherlike-mulaw.wav'));
    expect(info).toMatchObject({ encoding: 'mulaw', channels: 1, sampleRate: 16000 });
    expect(info.durationMs / 1000).toBeCloseTo(2.0, 1);
  });
});

describe('broken and unsupported WAVs get a clear error, never a crash', () => {
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

  it('GSM 6.10, named as such', () => {
    expectRefusal(join(edge, 'Borewit__music-metadata', 'gsm610.wav'), /GSM 6\.10/);
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

describe('peaks', () => {
  it('match a straightforward reference computation on a real call leg', async () => {
    const path = join(lca, 'Auto_Repairs_40_UTC_caller.wav');
    const probed = await probeRecording(path);
    const finest = probed.analysis.levels[0]!;
    const info = readWavInfo(path);
    const pcm = readFileSync(path).subarray(info.dataOffset, info.dataOffset + info.dataBytes);
    const spp = finest.samplesPerPeak;
    const reference: number[] = [];
    for (let start = 0; start < info.frames; start += spp) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = start; i < Math.min(info.frames, start + spp); i++) {
        const v = pcm.readInt16LE(i * 2);
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      reference.push(lo, hi);
    }
    expect(Array.from(finest.channels[0]!)).toEqual(reference);
    // Coarser levels cover the same audio: their extremes agree with the finest level's.
    for (const level of probed.analysis.levels.slice(1)) {
      expect(Math.max(...level.channels[0]!)).toBe(Math.max(...finest.channels[0]!));
      expect(Math.min(...level.channels[0]!)).toBe(Math.min(...finest.channels[0]!));
      expect(level.channels[0]!.length / 2).toBe(Math.ceil(info.frames / level.samplesPerPeak));
    }
    expect(probed.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a refused file fails the worker with the same clear error', async () => {
    await expect(probeRecording(join(edge, 'Borewit__music-metadata', 'gsm610.wav'))).rejects.toThrow(
      /GSM 6\.10/,
    );
  });
});
