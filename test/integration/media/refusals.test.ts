import { afterAll, describe, expect, it } from 'vitest';
import { analyzeInThread } from '../../../electron/backend/media/analyze';
import { tempDir } from '../../support/paths';
import { expectRefusal, fixture, partials, readPcm16Wav } from './support';

/**
 * Bad input never crashes or hangs the analysis: each gets EarmarkError('unsupported_media') naming the
 * file and the problem in plain words. (The real-world broken files are in shared-data.test.ts.)
 */
const out = tempDir('earmark-refusals-');
afterAll(() => out.cleanup());
const analyze = (path: string, channelRoles?: ('agent' | 'customer')[]) =>
  analyzeInThread({ sources: [path], outputDir: out.dir, channelRoles });

describe('refused, with a reason', () => {
  it.each([
    ['empty.wav', /is empty \(0 bytes\): it holds no audio/],
    ['random.wav', /match no known format \(the name ends in \.wav, but the content is not WAV\)/],
    ['headerless.wav', /It may be raw samples without a header, or not audio at all/],
    ['riff-not-wave.wav', /is a RIFF file but not WAVE audio \(its type is "AVI "\)/],
  ])('%s', async (name, message) => {
    await expectRefusal(() => analyze(fixture(name)), fixture(name), message);
    expect(partials(out.dir)).toEqual([]);
  });

  it('a missing file', async () => {
    await expectRefusal(
      () => analyze(fixture('no-such.wav')),
      fixture('no-such.wav'),
      /does not exist/,
      'not_found',
    );
  });

  it('channel roles that do not fit the channels', async () => {
    await expectRefusal(
      () => analyze(fixture('pcm-s16.wav'), ['agent', 'customer']),
      fixture('pcm-s16.wav'),
      /has 1 channel, but 2 channel roles were given/,
      'invalid_params',
    );
  });
});

describe('a truncated file that claims its full length', () => {
  // Decision: a cut-off call is still worth reviewing, so what is there is imported and the mismatch is
  // reported (claimedDurationMs, durationMismatch). The WAV is rewritten whole (transcoded), so the
  // player's own idea of its length matches ours instead of the header's.
  it('imports what is there, reports the mismatch, and is rewritten as a whole WAV', async () => {
    const result = await analyze(fixture('truncated.wav'));
    const full = readPcm16Wav(fixture('pcm-s16.wav')).samples;
    expect(result).toMatchObject({
      container: 'wav',
      codec: 'pcm_s16le',
      claimedDurationMs: 2363,
      durationMismatch: true,
    });
    expect(result.durationMs).toBeGreaterThan(1300);
    expect(result.durationMs).toBeLessThan(1500);
    expect(result.playable.transcoded).toBe(true);
    const rewritten = readPcm16Wav(result.playable.path).samples;
    expect(rewritten).toEqual(full.subarray(0, rewritten.length)); // whole samples only: the cut one is dropped
    expect(Math.round((rewritten.length / 8000) * 1000)).toBe(result.durationMs);
  });

  it('keeps its channel roles and its own hash', async () => {
    const result = await analyze(fixture('truncated.wav'), ['agent']);
    expect(result.channelRoles).toEqual(['agent']);
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
