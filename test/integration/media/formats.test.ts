import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeInThread, type RecordingAnalysis } from '../../../electron/backend/media/analyze';
import { tempDir } from '../../support/paths';
import {
  audioData,
  expectPeaksClose,
  fixture,
  partials,
  readPcm16Wav,
  readPeaksJson,
  readRef,
  referencePeaks,
} from './support';

/**
 * Every format of the import pipeline, on the small generated fixtures (scripts/make-audio-fixtures.sh:
 * ~2.4 s of espeak-ng speech). References come from ffmpeg's decode of the same file, or, for plain PCM,
 * from reading the samples in the most direct way; peaks are recomputed from them by a plain loop.
 * The analysis runs in this thread here (the same code the worker runs; worker.test.ts covers the thread).
 */
const out = tempDir('earmark-media-');
/** Files derived from the fixtures by a test, kept apart from the transcodes in `out`. */
const cut = tempDir('earmark-media-cut-');
afterAll(() => {
  out.cleanup();
  cut.cleanup();
});
const analyze = (path: string) => analyzeInThread({ sources: [path], outputDir: out.dir });

/** The 16-bit speech every PCM variant was made from, read directly from the WAV. */
const speech = readPcm16Wav(fixture('pcm-s16.wav'));
const SPEECH_MS = 2363;

function expectPeaksEqual(result: RecordingAnalysis, samples: Int16Array, channels: number) {
  const finest = result.levels[0]!;
  expect(finest.samplesPerPeak).toBe(Math.round(result.sampleRate / 100));
  for (let c = 0; c < channels; c++) {
    expect(Array.from(finest.channels[c]!), `channel ${c}`).toEqual(
      referencePeaks(samples, channels, c, finest.samplesPerPeak),
    );
  }
}

function expectPlayedFromSource(
  result: RecordingAnalysis,
  path: string,
  container: string,
  mimeType: string,
) {
  expect(result.playable).toEqual({ path, container, mimeType, transcoded: false });
}

/** A transcode is a whole 16-bit PCM WAV named after the content hash, with no `.partial` left behind. */
function expectTranscoded(result: RecordingAnalysis) {
  expect(result.playable).toEqual({
    path: join(out.dir, `${result.sha256}.wav`),
    container: 'wav',
    mimeType: 'audio/wav',
    transcoded: true,
  });
  expect(partials(out.dir)).toEqual([]);
  const wav = readPcm16Wav(result.playable.path);
  expect(wav).toMatchObject({ channels: result.channels, sampleRate: result.sampleRate });
  expect(Math.round((wav.samples.length / result.channels / result.sampleRate) * 1000)).toBe(
    result.durationMs,
  );
  return wav.samples;
}

describe('WAV PCM that Chromium plays as it is', () => {
  it.each([
    ['pcm-s16.wav', 'pcm_s16le'],
    ['pcm-s24.wav', 'pcm_s24le'], // 24-bit in WAVE_FORMAT_EXTENSIBLE
    ['pcm-s32.wav', 'pcm_s32le'],
    ['pcm-f32.wav', 'pcm_f32le'],
    ['extensible-s16.wav', 'pcm_s16le'],
    ['odd-chunks.wav', 'pcm_s16le'], // JUNK, odd LIST, PAD before data; cue and LIST after
  ])('%s (%s) gives the 16-bit speech exactly', async (name, codec) => {
    const result = await analyze(fixture(name));
    expect(result).toMatchObject({
      container: 'wav',
      codec,
      sampleRate: 8000,
      channels: 1,
      durationMs: SPEECH_MS,
    });
    expect(result).toMatchObject({ claimedDurationMs: SPEECH_MS, durationMismatch: false });
    expectPlayedFromSource(result, fixture(name), 'wav', 'audio/wav');
    expectPeaksEqual(result, speech.samples, 1);
  });

  it('8-bit unsigned', async () => {
    const result = await analyze(fixture('pcm-u8.wav'));
    expect(result).toMatchObject({ codec: 'pcm_u8', durationMs: SPEECH_MS });
    const bytes = readU8WavData(fixture('pcm-u8.wav'));
    expectPeaksEqual(
      result,
      Int16Array.from(bytes, (b) => (b - 128) * 256),
      1,
    );
  });

  it.each([
    ['alaw.wav', 'alaw'],
    ['mulaw.wav', 'mulaw'],
  ])('G.711 %s, expanded exactly as ffmpeg does', async (name, codec) => {
    const result = await analyze(fixture(name));
    expect(result).toMatchObject({ codec, durationMs: SPEECH_MS });
    expectPlayedFromSource(result, fixture(name), 'wav', 'audio/wav');
    expectPeaksEqual(result, readRef(fixture(`${name}.ref.s16`)), 1);
  });

  it('stereo: peaks per channel', async () => {
    const stereo = readPcm16Wav(fixture('pcm-s16-stereo.wav'));
    const result = await analyze(fixture('pcm-s16-stereo.wav'));
    expect(result).toMatchObject({ channels: 2, durationMs: 1200 });
    expectPeaksEqual(result, stereo.samples, 2);
    // Coarser levels span the same audio.
    for (const level of result.levels.slice(1)) {
      expect(level.channels[1]!.length / 2).toBe(Math.ceil(9600 / level.samplesPerPeak));
      expect(Math.max(...level.channels[1]!)).toBe(Math.max(...result.levels[0]!.channels[1]!));
    }
  });
});

describe('AIFF and AIFF-C are transcoded once to a 16-bit WAV', () => {
  it.each([
    ['aiff-s16be.aiff', 'pcm_s16be', () => speech.samples],
    ['aifc-sowt.aifc', 'pcm_s16le', () => speech.samples],
    ['aifc-fl32.aifc', 'pcm_f32be', () => speech.samples],
    ['aifc-alaw.aifc', 'alaw', () => readRef(fixture('alaw.wav.ref.s16'))], // same encoder, same samples
    ['aifc-ulaw.aifc', 'mulaw', () => readRef(fixture('mulaw.wav.ref.s16'))],
  ])('%s (%s)', async (name, codec, reference) => {
    const result = await analyze(fixture(name));
    expect(result).toMatchObject({
      container: 'aiff',
      codec,
      sampleRate: 8000,
      channels: 1,
      durationMs: SPEECH_MS,
    });
    const samples = expectTranscoded(result);
    expect(samples).toEqual(reference());
    expectPeaksEqual(result, reference(), 1);
  });

  it('the real A-law AIFF-C, two voices in two channels (ffmpeg reference)', async () => {
    const result = await analyze(join(audioData, 'Borewit__music-metadata', 'M1F1-AlawC-AFsp.aif'));
    expect(result).toMatchObject({ container: 'aiff', codec: 'alaw', sampleRate: 8000, channels: 2 });
    expect(result.durationMs).toBe(2937); // ffprobe: 2.936625 s
    expectTranscoded(result);
    const reference = readPeaksJson(fixture('shared/M1F1-AlawC-AFsp.aif.peaks.json'));
    expect(result.levels[0]!.channels.map((c) => Array.from(c))).toEqual(reference.peaks);
  });
});

describe('GSM 6.10 and IMA ADPCM in WAV: decoded here, sample-exact against ffmpeg, transcoded', () => {
  it.each([
    ['gsm.wav', 'gsm_ms', 8000, 1],
    ['ima-adpcm.wav', 'adpcm_ima_wav', 8000, 1],
    ['ima-adpcm-stereo.wav', 'adpcm_ima_wav', 11025, 2],
  ])('%s', async (name, codec, sampleRate, channels) => {
    const result = await analyze(fixture(name));
    expect(result).toMatchObject({ container: 'wav', codec, sampleRate, channels, durationMismatch: false });
    const reference = readRef(fixture(`${name}.ref.s16`));
    expect(expectTranscoded(result)).toEqual(reference);
    expectPeaksEqual(result, reference, channels);
  });

  it('the real GSM 6.10 file from music-metadata', async () => {
    const result = await analyze(join(audioData, 'edge_cases', 'Borewit__music-metadata', 'gsm610.wav'));
    expect(result).toMatchObject({ codec: 'gsm_ms', sampleRate: 8000, channels: 1, durationMs: 120 });
    expect(expectTranscoded(result)).toEqual(readRef(fixture('shared/gsm610.wav.ref.s16')));
  });
});

describe('compressed formats Chromium plays: peaks from the WASM decoders, the source stays the playable file', () => {
  // Tolerances: mpg123, libvorbis and libopus are the decoders ffmpeg's reference used (or match it to
  // the sample); libFLAC converts through float and can round one unit apart.
  const exact = { max: 0, p90: 0, lengthSlack: 0 };
  it.each([
    ['speech.mp3', 'mp3', 'mp3', 'audio/mpeg', 16000, 1, exact],
    ['speech-stereo.mp3', 'mp3', 'mp3', 'audio/mpeg', 22050, 2, exact],
    ['speech.ogg', 'ogg', 'vorbis', 'audio/ogg', 16000, 1, exact],
    ['speech.opus', 'ogg', 'opus', 'audio/ogg', 48000, 1, exact],
    // libFLAC (via codec-parser) drops the last few-byte frames of near silence: up to one block short.
    ['speech.flac', 'flac', 'flac', 'audio/flac', 8000, 1, { max: 1, p90: 0, lengthSlack: 12 }],
  ] as const)('%s', async (name, container, codec, mimeType, sampleRate, channels, tolerance) => {
    const result = await analyze(fixture(name));
    expect(result).toMatchObject({ container, codec, sampleRate, channels, durationMismatch: false });
    expect(result.waveform).toBe('peaks');
    expectPlayedFromSource(result, fixture(name), container, mimeType);
    const reference = readPeaksJson(fixture(`${name}.peaks.json`));
    expect(
      Math.abs(result.durationMs - (reference.frames / reference.sampleRate) * 1000),
    ).toBeLessThanOrEqual(SPEECH_MS * 0.01 + (codec === 'flac' ? 60 : 0));
    for (let c = 0; c < channels; c++) {
      expectPeaksClose(
        result.levels[0]!.channels[c]!,
        reference.peaks[c]!,
        tolerance,
        `${name} channel ${c}`,
      );
    }
  });
});

describe('AAC (M4A and raw ADTS): played from the source, never decoded, no peaks', () => {
  // Earmark ships no AAC decoder (the only WASM one, FAAD2, is GPL): Chromium plays the file, and its
  // length comes from the container. The waveform is marked unavailable and there are no peak levels.
  function expectUndecoded(result: RecordingAnalysis, path: string, container: string, mimeType: string) {
    expect(result).toMatchObject({
      container,
      codec: 'aac',
      sampleRate: 16000,
      channels: 1,
      durationMismatch: false,
      claimedDurationMs: result.durationMs,
      waveform: 'unavailable',
      levels: [],
    });
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expectPlayedFromSource(result, path, container, mimeType);
  }

  it.each(['speech.m4a', 'speech-faststart.m4a'])(
    '%s: the edit list gives the length ffmpeg decodes, within 1 %%',
    async (name) => {
      const result = await analyze(fixture(name));
      expectUndecoded(result, fixture(name), 'm4a', 'audio/mp4');
      // ffmpeg's decode of speech.m4a (gapless: priming trimmed by the edit list): 37888 samples at 16 kHz.
      const reference = readPeaksJson(fixture('speech.m4a.peaks.json'));
      const referenceMs = (reference.frames / reference.sampleRate) * 1000;
      expect(Math.abs(result.durationMs - referenceMs)).toBeLessThanOrEqual(referenceMs * 0.01);
    },
  );

  it('speech.aac (ADTS): frames × 1024 samples, the length ffmpeg decodes, within 1 %', async () => {
    const [adts, m4a] = await Promise.all([analyze(fixture('speech.aac')), analyze(fixture('speech.m4a'))]);
    expectUndecoded(adts, fixture('speech.aac'), 'aac', 'audio/aac');
    // ffmpeg decodes 38912 samples (38 frames): ADTS has no gapless information, so the encoder's
    // priming and padding stay in, and it runs a frame or two longer than the same audio in M4A.
    const referenceMs = (38912 / 16000) * 1000;
    expect(Math.abs(adts.durationMs - referenceMs)).toBeLessThanOrEqual(referenceMs * 0.01);
    expect(adts.durationMs - m4a.durationMs).toBeGreaterThan(0);
    expect(adts.durationMs - m4a.durationMs).toBeLessThanOrEqual(128);
  });

  it('an M4A cut off after its index (moov first) reports the audio it still holds', async () => {
    const whole = readFileSync(fixture('speech-faststart.m4a'));
    const path = join(cut.dir, 'cut.m4a');
    writeFileSync(path, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const result = await analyze(path);
    expect(result).toMatchObject({
      container: 'm4a',
      claimedDurationMs: 2364, // the edit list
      durationMismatch: true,
      waveform: 'unavailable',
      levels: [],
    });
    expect(result.durationMs).toBeGreaterThan(1000);
    expect(result.durationMs).toBeLessThan(2000);
    expectPlayedFromSource(result, path, 'm4a', 'audio/mp4');
  });
});

describe('the real format comes from the bytes, not the name', () => {
  it('a .wav that is really MP3 is read as MP3 and played as audio/mpeg', async () => {
    const result = await analyze(fixture('really-mp3.wav'));
    expect(result).toMatchObject({
      container: 'mp3',
      codec: 'mp3',
      durationMs: SPEECH_MS,
      durationMismatch: false,
    });
    expectPlayedFromSource(result, fixture('really-mp3.wav'), 'mp3', 'audio/mpeg');
  });

  it('the fixture folder holds no leftovers of any of the above', () => {
    expect(partials(out.dir)).toEqual([]);
    expect(readdirSync(out.dir).every((name) => /^[0-9a-f]{64}\.wav$/.test(name))).toBe(true);
  });
});

/** The data bytes of an 8-bit WAV (for the u8 reference: (b - 128) * 256). */
function readU8WavData(path: string): Uint8Array {
  const bytes = readFileSync(path);
  const at = bytes.indexOf('data');
  return bytes.subarray(at + 8, at + 8 + bytes.readUInt32LE(at + 4));
}
