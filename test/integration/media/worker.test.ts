import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeInThread } from '../../../electron/backend/media/analyze';
import { analyzeRecording } from '../../../electron/backend/workers/analyze';
import { EarmarkError } from '../../../shared/errors';
import { tempDir } from '../../support/paths';
import { writeLongRecording } from './generate';
import { expectRefusal, fixture, partials } from './support';

/** The `analyze` worker: same results as in-thread, progress, cancellation, errors across the thread, memory. */
const work = tempDir('earmark-worker-');
const longWav = join(work.dir, 'long-30min-stereo.wav');
const longAiff = join(work.dir, 'long-30min.aiff');
beforeAll(() => {
  // 30 minutes at 8 kHz: 57.6 MB of stereo 16-bit WAV (played as it is) and 28.8 MB of mono AIFF (transcoded).
  writeLongRecording(longWav, { format: 'wav', minutes: 30, sampleRate: 8000, channels: 2 });
  writeLongRecording(longAiff, { format: 'aiff', minutes: 30, sampleRate: 8000, channels: 1 });
}, 120_000);
afterAll(() => work.cleanup());

describe('analyzeRecording in its worker thread', () => {
  it('gives what the in-thread analysis gives, with the peaks transferred intact, and reports progress', async () => {
    const out = join(work.dir, 'same');
    const progress: [number, number][] = [];
    const [threaded, inline] = await Promise.all([
      analyzeRecording(
        { sources: [fixture('gsm.wav')], outputDir: out },
        { onProgress: (done, total) => progress.push([done, total]) },
      ),
      analyzeInThread({ sources: [fixture('gsm.wav')], outputDir: join(work.dir, 'inline') }),
    ]);
    const { memory: _a, ...threadedRest } = threaded;
    const { memory: _b, ...inlineRest } = inline;
    expect({ ...threadedRest, playable: { ...threadedRest.playable, path: '' } }).toEqual({
      ...inlineRest,
      playable: { ...inlineRest.playable, path: '' },
    });
    expect(threaded.levels[0]!.channels[0]).toBeInstanceOf(Int16Array);
    const size = statSync(fixture('gsm.wav')).size;
    expect(progress.at(-1)).toEqual([size, size]);
    expect(readdirSync(out)).toEqual([`${threaded.sha256}.wav`]);
  });

  it('reports progress through a long file, in bytes of the source', async () => {
    const progress: [number, number][] = [];
    await analyzeRecording(
      { sources: [longAiff], outputDir: join(work.dir, 'progress') },
      { onProgress: (done, total) => progress.push([done, total]) },
    );
    const size = statSync(longAiff).size;
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every(([, total]) => total === size)).toBe(true);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
  });

  it('brings a refusal across the thread as the same EarmarkError', async () => {
    const error = await expectRefusal(
      () => analyzeRecording({ sources: [fixture('random.wav')], outputDir: join(work.dir, 'refused') }),
      fixture('random.wav'),
      /match no known format/,
    );
    expect(error).toBeInstanceOf(EarmarkError);
  });

  it('is cancelled through its AbortSignal, leaving no half-written file', async () => {
    const out = join(work.dir, 'cancelled');
    const controller = new AbortController();
    const started = analyzeRecording(
      { sources: [longAiff], outputDir: out },
      { signal: controller.signal, onProgress: () => controller.abort() }, // abort at the first progress report
    );
    await expect(started).rejects.toMatchObject({ code: 'conflict' });
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it("sweeps the .partial files of a process that was killed outright, never a live one's", async () => {
    const out = join(work.dir, 'sweep');
    mkdirSync(out, { recursive: true });
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const dead = join(out, `.${String(child.stdout)}-${randomUUID()}.wav.partial`);
    const live = join(out, `.${process.pid}-${randomUUID()}.wav.partial`);
    writeFileSync(dead, 'half a file');
    writeFileSync(live, 'being written');
    await analyzeRecording({ sources: [fixture('pcm-s16.wav')], outputDir: out });
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });

  it('refuses at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      analyzeRecording(
        { sources: [fixture('pcm-s16.wav')], outputDir: work.dir },
        { signal: controller.signal },
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('memory stays bounded however long the recording', () => {
  // What the worker's isolate held at most while analysing (sampled as it streams). The bound is far
  // below the file sizes: nothing is ever held whole. Output peaks for 30 minutes are ~1.4 MB.
  const HEAP_BOUND = 24 * 1024 * 1024; // ~10 MB measured, most of it the loaded code
  const BUFFER_BOUND = 16 * 1024 * 1024; // ~5 MB measured: read and write buffers, one decoded block

  it('a 30-minute stereo WAV (peaks only, played from the source)', async () => {
    const result = await analyzeRecording({ sources: [longWav], outputDir: join(work.dir, 'mem-wav') });
    expect(result).toMatchObject({ channels: 2, sampleRate: 8000, durationMs: 30 * 60_000 });
    expect(result.playable.transcoded).toBe(false);
    expect(result.memory.maxHeapUsedBytes).toBeLessThan(HEAP_BOUND);
    expect(result.memory.maxArrayBufferBytes).toBeLessThan(BUFFER_BOUND);
  });

  it('a 30-minute AIFF (decoded and transcoded to WAV as it streams)', async () => {
    const out = join(work.dir, 'mem-aiff');
    const result = await analyzeRecording({ sources: [longAiff], outputDir: out });
    expect(result).toMatchObject({ container: 'aiff', channels: 1, durationMs: 30 * 60_000 });
    expect(statSync(result.playable.path).size).toBe(44 + 30 * 60 * 8000 * 2);
    expect(partials(out)).toEqual([]);
    expect(result.memory.maxHeapUsedBytes).toBeLessThan(HEAP_BOUND);
    expect(result.memory.maxArrayBufferBytes).toBeLessThan(BUFFER_BOUND);
  });
});
