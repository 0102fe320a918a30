import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionDetail } from '../../../shared/api';
import type { Backend } from '../../../electron/backend/backend';
import { analyzeInThread, type RecordingAnalysis } from '../../../electron/backend/media/analyze';
import { call, testBackend } from '../../support/backend';
import { repoRoot, tempDir } from '../../support/paths';
import { expectRefusal, fixture } from './support';

/**
 * Damaged recordings (test/fixtures/audio/damaged.*, made by scripts/make-damaged-fixtures.sh from real
 * recordings) are decoded through the damage as ffmpeg decodes them, imported, and reported with how much
 * was damaged; a file that is not MP3 at all is still refused.
 */
const work = tempDir('earmark-damaged-');
afterAll(() => work.cleanup());

const analyze = (path: string, decodeParts = 1) =>
  analyzeInThread({ sources: [path], outputDir: work.dir, decodeParts });

/** What ffmpeg 5.1 made of the fixtures when they were made (CI has no ffmpeg). */
const ffmpeg = JSON.parse(readFileSync(fixture('damaged.ffmpeg.json'), 'utf8')) as Record<
  string,
  { sampleRate: number; ffprobeDurationS: number; decodedSamples: number }
>;

/** Everything but how it was decoded and the memory it took. */
function comparable(result: RecordingAnalysis) {
  const { split: _split, memory: _memory, ...rest } = result;
  return rest;
}

describe('an MP3 whose second frame and a stretch in the middle are damaged', () => {
  // 8 kHz mono CBR, 72-byte frames of 576 samples (72 ms): the second frame's header overwritten, frames
  // 550-559 zeroed. ffmpeg says 79.2 s and decodes 1,090 frames.
  const path = fixture('damaged.mp3');
  const frameMs = 72;

  it('is decoded through the damage: about ffmpeg’s length, the damage counted, peaks computed', async () => {
    const result = await analyze(path);
    expect(result).toMatchObject({ container: 'mp3', codec: 'mp3', sampleRate: 8000, channels: 1 });
    const ffmpegMs = (ffmpeg['damaged.mp3']!.decodedSamples * 1000) / 8000;
    expect(Math.abs(result.durationMs - ffmpegMs)).toBeLessThanOrEqual(2 * frameMs);
    // The frame after the Info-less first frame and the ten zeroed ones: 11 of the file's 1,102.
    expect(result.damage).toEqual({ unit: 'frames', damaged: 11, total: 1102, damagedMs: 11 * frameMs });
    // The claim (music-metadata's estimate from the size) is longer by the damage: not called truncated.
    expect(result.durationMismatch).toBe(false);
    expect(result.waveform).toBe('peaks');
    const finest = result.levels[0]!;
    expect(finest.channels[0]!.length / 2).toBe(Math.ceil((result.durationMs / 1000) * 100));
    // Speech on both sides of the dropout, not silence.
    const loudest = (from: number, to: number) =>
      Math.max(...finest.channels[0]!.subarray(from * 2, to * 2).map(Math.abs));
    expect(loudest(3000, 3900)).toBeGreaterThan(1000);
    expect(loudest(4000, 4900)).toBeGreaterThan(1000);
  });

  it('decoded in parts on several threads, gives exactly what one pass gives', async () => {
    const whole = await analyze(path, 1);
    for (const parts of [2, 3]) {
      const split = await analyze(path, parts);
      expect(split.split, `${parts} parts`).toEqual({ parts, redone: 0 });
      expect(comparable(split), `${parts} parts`).toEqual(comparable(whole));
    }
  });

  it('random bytes over ten frames (sync words and all) are skipped and counted too, split or not', async () => {
    const bytes = Buffer.from(readFileSync(path));
    const start = bytes.indexOf(Buffer.from([0xff, 0xe3]));
    let seed = 11;
    for (let i = 0; i < 10 * 72; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[start + 300 * 72 + 30 + i] = seed >>> 24;
    }
    const noisy = join(work.dir, 'noisy.mp3');
    writeFileSync(noisy, bytes);
    const whole = await analyze(noisy, 1);
    expect(whole.damage).toMatchObject({ unit: 'frames', total: 1102 });
    // 11 as before, and the ten frames whose headers the noise hit (the frame it starts in is decoded).
    expect(whole.damage!.damaged).toBe(21);
    expect(whole.durationMs).toBe((1102 - 21) * frameMs);
    const split = await analyze(noisy, 2);
    expect(comparable(split)).toEqual(comparable(whole));
  });

  it('an intact MP3 or Opus reports no damage', async () => {
    for (const name of ['speech.mp3', 'speech-stereo.mp3', 'speech.opus', 'speech.ogg']) {
      expect((await analyze(fixture(name))).damage, name).toBeNull();
    }
  });
});

describe('an Ogg Opus with corrupt pages', () => {
  // 20 s, 50 packets of 20 ms a page: two pages' packets hit by noise (their CRC fails), one page's
  // capture pattern overwritten (the decoder's parser skips it whole).
  it('is imported with its length, and the damaged packets counted', async () => {
    const result = await analyze(fixture('damaged.opus'));
    expect(result).toMatchObject({ container: 'ogg', codec: 'opus', durationMismatch: false });
    expect(result.damage).toMatchObject({ unit: 'packets', total: 1002 });
    // 100 on the two pages that fail their CRC, about 50 more for the lost page.
    expect(result.damage!.damaged).toBeGreaterThanOrEqual(145);
    expect(result.damage!.damaged).toBeLessThanOrEqual(155);
    expect(result.damage!.damagedMs).toBeGreaterThan(2500);
    expect(result.damage!.damagedMs).toBeLessThan(3200);
    expect(result.waveform).toBe('peaks');
    expect(Math.abs(result.durationMs - 20_000)).toBeLessThan(1_000);
  });
});

describe('what is not MP3 is still refused', () => {
  const random = (length: number, seed: number) => {
    const bytes = Buffer.alloc(length);
    for (let i = 0; i < length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[i] = seed >>> 24;
    }
    return bytes;
  };

  it('random bytes behind a lone frame header', async () => {
    const path = join(work.dir, 'garbage.mp3');
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xe3, 0x18, 0xc4]), random(50_000, 3)]));
    await expectRefusal(
      () => analyze(path),
      path,
      /is not audio Earmark can read: its first bytes match no known format \(the name ends in \.mp3, but the content is not MP3\)/,
    );
  });

  it('an ID3 tag with random bytes after it', async () => {
    const path = join(work.dir, 'tag-only.mp3');
    const tag = Buffer.alloc(110);
    tag.write('ID3\x04', 0, 'latin1');
    tag[9] = 100;
    writeFileSync(path, Buffer.concat([tag, random(50_000, 5)]));
    await expectRefusal(
      () => analyze(path),
      path,
      /starts with an ID3 tag, but no MP3 audio follows it: the audio frames are missing or damaged beyond repair/,
    );
  });
});

describe('importing damaged recordings', () => {
  let backend: Backend;
  let cleanup: () => void;
  beforeAll(async () => {
    ({ backend, cleanup } = await testBackend());
  });
  afterAll(() => cleanup());

  it('imports them with a warning that says how much was damaged, kept with the recording', async () => {
    const { batchId } = await backend.imports.start({
      paths: [fixture('damaged.mp3'), fixture('damaged.opus'), fixture('speech.mp3')],
      pairLegs: false,
      roles: {},
      copyRecordings: false,
    });
    await backend.imports.wait(batchId);
    const { outcomes } = await backend.imports.status(batchId);
    const mp3 = outcomes.find((o) => o.file.endsWith('damaged.mp3'))!;
    expect(mp3).toMatchObject({ outcome: 'imported' });
    expect(mp3.warnings).toEqual([
      {
        code: 'damaged_audio',
        message: '11 of 1,102 MP3 frames (1.0 %, about 0.79 s) were damaged and were skipped.',
        damage: { unit: 'frames', damaged: 11, total: 1102, damagedMs: 792 },
      },
    ]);
    expect(mp3.message).toBe(mp3.warnings[0]!.message);
    const opus = outcomes.find((o) => o.file.endsWith('damaged.opus'))!;
    expect(opus.outcome).toBe('imported');
    expect(opus.warnings.map((w) => w.code)).toEqual(['damaged_audio']);
    expect(opus.warnings[0]!.message).toMatch(
      /^\d+ of 1,002 Ogg packets \(1\d\.\d %, about [23]\.\d s\) were damaged: they failed their checksum or could not be decoded\.$/,
    );
    const intact = outcomes.find((o) => o.file.endsWith('speech.mp3'))!;
    expect(intact).toMatchObject({ outcome: 'imported', warnings: [], message: null });

    const detail = await call<InteractionDetail>(backend, 'interaction.get', { id: mp3.interactionIds[0] });
    expect(detail.recording).toMatchObject({
      hasPeaks: true,
      damage: { unit: 'frames', damaged: 11, total: 1102, damagedMs: 792 },
    });
    const plain = await call<InteractionDetail>(backend, 'interaction.get', { id: intact.interactionIds[0] });
    expect(plain.recording!.damage).toBeNull();
  });

  it('earmark import --json lists the warning', async () => {
    const data = tempDir('earmark-damaged-cli-');
    try {
      const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((done) => {
        const child = spawn(
          process.execPath,
          [
            ...['--import', 'tsx', join(repoRoot, 'electron', 'backend', 'cli.ts'), 'import'],
            ...[fixture('damaged.mp3'), '--json', '--data', data.dir],
          ],
          { cwd: repoRoot, stdio: ['ignore', 'pipe', 'ignore'] },
        );
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.on('exit', (exitCode) => done({ code: exitCode, stdout: out }));
      });
      expect(code).toBe(0);
      const report = JSON.parse(stdout) as {
        imported: { file: string; warning?: string; warnings?: { code: string; message: string }[] }[];
      };
      expect(report.imported).toHaveLength(1);
      expect(report.imported[0]!.warnings).toMatchObject([
        {
          code: 'damaged_audio',
          message: '11 of 1,102 MP3 frames (1.0 %, about 0.79 s) were damaged and were skipped.',
          damage: { damaged: 11, total: 1102 },
        },
      ]);
    } finally {
      data.cleanup();
    }
  });
});
