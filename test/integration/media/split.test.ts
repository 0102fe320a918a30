import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeInThread, type RecordingAnalysis } from '../../../electron/backend/media/analyze';
import { defaultParts } from '../../../electron/backend/media/mp3-split/scan';
import { keptBefore, keptRuns, type GaplessTrim } from '../../../electron/backend/media/mp3-split/trim';
import { analyzeRecording } from '../../../electron/backend/workers/analyze';
import { tempDir } from '../../support/paths';
import { writeRepeatedMp3, type RepeatOptions } from './mp3-streams';
import { audioData, fixture } from './support';

/**
 * An MP3 decoded in parts on several threads at once (media/mp3-split) gives exactly what one pass
 * gives: the same peaks at every level, to the sample, and the same length. Each stream is analysed
 * in one pass (decodeParts: 1) and split in 2, 3 and 4, and the results compared whole.
 */
const work = tempDir('earmark-split-');
afterAll(() => work.cleanup());

const analyze = (path: string, decodeParts: number) =>
  analyzeInThread({ sources: [path], outputDir: work.dir, decodeParts });

/** Everything but how it was decoded and the memory it took. */
function comparable(result: RecordingAnalysis) {
  const { split: _split, memory: _memory, ...rest } = result;
  return rest;
}

let streams = 0;
function stream(source: string, options: RepeatOptions): string {
  const path = join(work.dir, `stream-${++streams}.mp3`);
  writeRepeatedMp3(source, path, options);
  return path;
}

async function expectSameSplit(path: string, parts: number[]): Promise<RecordingAnalysis[]> {
  const whole = await analyze(path, 1);
  expect(whole.split).toEqual({ parts: 1, redone: 0 });
  const splits: RecordingAnalysis[] = [];
  for (const count of parts) {
    const split = await analyze(path, count);
    expect(comparable(split), `${count} parts`).toEqual(comparable(whole));
    splits.push(split);
  }
  return splits;
}

describe('an MP3 decoded in parts at once', () => {
  // MPEG-1 layer III, 44.1 kHz stereo (ffmpeg, LAME tag): the format of most MP3s.
  it('MPEG-1 stereo: the same peaks and length as one pass, with every part taken from its thread', async () => {
    const path = stream(join(audioData, 'edge_cases', 'bbc__peaks.js', 'STAT3S3.mp3'), { repeats: 200 });
    const splits = await expectSameSplit(path, [2, 3, 4]);
    expect(splits.map((s) => s.split)).toEqual([2, 3, 4].map((parts) => ({ parts, redone: 0 })));
  });

  // MPEG-2 (22.05 and 16 kHz) and MPEG-2.5 (8 kHz): one granule a frame, a longer pre-roll.
  it('MPEG-2 stereo and mono, MPEG-2.5 mono (call-recording rates)', async () => {
    for (const [name, repeats] of [
      ['speech-stereo.mp3', 30],
      ['speech.mp3', 30],
      ['leg-customer.mp3', 60],
    ] as const) {
      const [two] = await expectSameSplit(stream(fixture(name), { repeats }), [2, 4]);
      expect(two!.split.parts, name).toBe(2);
    }
  });

  it('a VBR LAME file (jfk.mp3)', async () => {
    await expectSameSplit(
      stream(join(audioData, 'ggerganov__whisper.cpp', 'jfk.mp3'), { repeats: 10 }),
      [2, 3],
    );
  });

  it('frames past those the Info tag counts: the padding cut in the middle, as mpg123 does', async () => {
    await expectSameSplit(stream(fixture('speech-stereo.mp3'), { repeats: 30, count: 'original' }), [2, 3]);
    await expectSameSplit(stream(fixture('speech.mp3'), { repeats: 30, count: 'original' }), [2, 3]);
  });

  it('no Info frame (nothing trimmed), an ID3v1 tag at the end, a file cut off mid-frame', async () => {
    const id3v1 = Buffer.concat([Buffer.from('TAG'), Buffer.alloc(125, 0x20)]);
    await expectSameSplit(stream(fixture('speech-stereo.mp3'), { repeats: 30, count: 'none' }), [2, 3]);
    await expectSameSplit(stream(fixture('speech.mp3'), { repeats: 30, tail: id3v1 }), [2]);
    const cut = stream(fixture('speech-stereo.mp3'), {
      repeats: 30,
      tail: Buffer.from([0xff, 0xf3, 0x70, 0xc4, 1, 2]),
    });
    await expectSameSplit(cut, [2]);
  });

  it('junk in the middle: split only before it, or not at all, and still the same', async () => {
    const junk = Buffer.alloc(3000, 0x55);
    await expectSameSplit(stream(fixture('speech-stereo.mp3'), { repeats: 30, middle: junk }), [2, 4]);
  });

  it('through the analyze worker (helpers started from a worker): same result, progress to the end', async () => {
    const path = stream(join(audioData, 'edge_cases', 'bbc__peaks.js', 'STAT3S3.mp3'), { repeats: 200 });
    const progress: number[] = [];
    const [threaded, inline] = await Promise.all([
      analyzeRecording(
        { sources: [path], outputDir: work.dir, decodeParts: 2 },
        { onProgress: (done) => progress.push(done) },
      ),
      analyze(path, 1),
    ]);
    expect(threaded.split).toEqual({ parts: 2, redone: 0 });
    expect(comparable(threaded)).toEqual(comparable(inline));
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(statSync(path).size);
    // Each thread streams its part: what the busiest held stays far below the 30-minute WAV's bound.
    expect(threaded.memory.maxHeapUsedBytes).toBeLessThan(24 * 1024 * 1024);
  });

  it('is cancelled through its AbortSignal while split, helpers and all', async () => {
    const path = stream(join(audioData, 'edge_cases', 'bbc__peaks.js', 'STAT3S3.mp3'), { repeats: 400 });
    const controller = new AbortController();
    const started = analyzeRecording(
      { sources: [path], outputDir: work.dir, decodeParts: 2 },
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    await expect(started).rejects.toMatchObject({ code: 'conflict' });
  });

  it('a short MP3 is decoded in one pass by default (a thread start would cost more than it saves)', async () => {
    const result = await analyzeInThread({ sources: [fixture('speech.mp3')], outputDir: work.dir });
    expect(result.split).toEqual({ parts: 1, redone: 0 });
  });
});

describe("mpg123's gapless trimming, as the split applies it", () => {
  const trims: (GaplessTrim | null)[] = [
    null,
    { begin: 1105, cut: 26460576, full: 26461440 }, // an intact file: padding cut at the end
    { begin: 1105, cut: 53217, full: 53568 }, // frames appended: padding cut in the middle
  ];
  it('keptRuns keeps, over any stretch, as many samples as keptBefore counts', () => {
    for (const trim of trims) {
      for (const [start, end] of [
        [0, 5000],
        [1000, 1200],
        [53000, 60000],
        [26460000, 26470000],
        [70000, 70000],
      ] as const) {
        let kept = 0;
        keptRuns(trim, start, end, (from, to) => {
          expect(from).toBeGreaterThanOrEqual(0);
          expect(to).toBeLessThanOrEqual(end - start);
          kept += to - from;
        });
        expect(kept, `${JSON.stringify(trim)} ${start}-${end}`).toBe(
          keptBefore(trim, end) - keptBefore(trim, start),
        );
      }
    }
  });
});

describe('how many parts by default', () => {
  const first = {
    layer: 3,
    sampleRate: 44100,
    channels: 2,
    frameBytes: 313, // 96 kbit/s: 12 000 bytes a second
    samplesPerFrame: 1152,
    sideInfoBytes: 32,
  } as const;
  const twoHours = { audioOffset: 0, first, infoTag: { frames: 275_625, delay: 576, padding: 864 } };
  const cbr = (seconds: number) => [{ audioOffset: 0, first, infoTag: null }, seconds * 12_000] as const;
  it('one per core, at most 4; one on a single core; none too short to be worth a thread', () => {
    expect(defaultParts(twoHours, 86e6, 1)).toBe(1);
    expect(defaultParts(twoHours, 86e6, 2)).toBe(2);
    expect(defaultParts(twoHours, 86e6, 16)).toBe(4);
    // Without an Info tag the length comes from the size: 5 minutes of 44.1 kHz stereo stay one pass;
    // 30 minutes (159 M samples) are worth 5 parts, so 2 on 2 cores and the most, 4, on 8.
    expect(defaultParts(...cbr(5 * 60), 8)).toBe(1);
    expect(defaultParts(...cbr(30 * 60), 2)).toBe(2);
    expect(defaultParts(...cbr(30 * 60), 8)).toBe(4);
    // An 8 kHz mono call of an hour decodes in about a second: one pass.
    const phone = { ...first, sampleRate: 8000, channels: 1, samplesPerFrame: 576 } as const;
    expect(
      defaultParts({ audioOffset: 0, first: phone, infoTag: { frames: 50_000, delay: 0, padding: 0 } }, 0, 8),
    ).toBe(1);
  });
});
