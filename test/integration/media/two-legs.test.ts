import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeInThread } from '../../../electron/backend/media/analyze';
import { analyzeRecording } from '../../../electron/backend/workers/analyze';
import { tempDir } from '../../support/paths';
import { audioData, expectRefusal, fixture, partials, readPcm16Wav } from './support';

/** Two mono legs of one call become one stereo WAV: agent left, customer right, the shorter padded. */
const out = tempDir('earmark-legs-');
afterAll(() => out.cleanup());
const analyze = (sources: string[]) => analyzeInThread({ sources, outputDir: out.dir });
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('a two-leg call', () => {
  it('interleaves the legs sample for sample and pads the shorter one with silence', async () => {
    const agent = readPcm16Wav(fixture('leg-agent.wav')).samples;
    const customer = readPcm16Wav(fixture('leg-customer.wav')).samples;
    expect(customer.length).toBeLessThan(agent.length);
    const result = await analyze([fixture('leg-agent.wav'), fixture('leg-customer.wav')]);
    expect(result).toMatchObject({
      container: 'wav',
      codec: 'pcm_s16le',
      sampleRate: 8000,
      channels: 2,
      durationMs: Math.round((agent.length / 8000) * 1000),
      channelRoles: ['agent', 'customer'],
      durationMismatch: false,
      sourcePaths: [fixture('leg-agent.wav'), fixture('leg-customer.wav')],
    });
    expect(result.playable).toMatchObject({ container: 'wav', mimeType: 'audio/wav', transcoded: true });
    expect(partials(out.dir)).toEqual([]);
    const stereo = readPcm16Wav(result.playable.path);
    expect(stereo).toMatchObject({ channels: 2, sampleRate: 8000 });
    const left = stereo.samples.filter((_, i) => i % 2 === 0);
    const right = stereo.samples.filter((_, i) => i % 2 === 1);
    expect(left).toEqual(agent);
    expect(right.subarray(0, customer.length)).toEqual(customer);
    expect(right.subarray(customer.length).every((v) => v === 0)).toBe(true);
  });

  it("hashes both legs in order, and sizes are the legs' together", async () => {
    const result = await analyze([fixture('leg-agent.wav'), fixture('leg-customer.wav')]);
    const expected = createHash('sha256')
      .update(`${sha256(fixture('leg-agent.wav'))}\n${sha256(fixture('leg-customer.wav'))}`)
      .digest('hex');
    expect(result.sha256).toBe(expected);
    expect(result.playable.path).toBe(join(out.dir, `${expected}.wav`));
    expect(result.sourceSizeBytes).toBe(
      readFileSync(fixture('leg-agent.wav')).length + readFileSync(fixture('leg-customer.wav')).length,
    );
    const swapped = await analyze([fixture('leg-customer.wav'), fixture('leg-agent.wav')]);
    expect(swapped.sha256).not.toBe(expected);
  });

  it('keeps the lanes apart on the real call: each channel has exactly its own leg’s peaks', async () => {
    const lca = join(audioData, 'aws-samples__amazon-transcribe-live-call-analytics');
    const legs = [join(lca, 'Auto_Repairs_40_UTC_agent.wav'), join(lca, 'Auto_Repairs_40_UTC_caller.wav')];
    const [call, agent, caller] = await Promise.all([
      analyzeRecording({ sources: legs, outputDir: out.dir }),
      analyze([legs[0]!]),
      analyze([legs[1]!]),
    ]);
    expect(call).toMatchObject({ channels: 2, sampleRate: 8000, durationMs: 245_380 });
    call.levels.forEach((level, i) => {
      expect(level.samplesPerPeak).toBe(agent.levels[i]!.samplesPerPeak);
      expect(level.channels[0]).toEqual(agent.levels[i]!.channels[0]);
      expect(level.channels[1]).toEqual(caller.levels[i]!.channels[0]);
    });
  });

  it('may mix formats: a WAV agent leg with an MP3 customer leg', async () => {
    const [call, customer] = await Promise.all([
      analyze([fixture('leg-agent.wav'), fixture('leg-customer.mp3')]),
      analyze([fixture('leg-customer.mp3')]),
    ]);
    expect(call).toMatchObject({
      container: 'wav+mp3',
      codec: 'pcm_s16le+mp3',
      channels: 2,
      sampleRate: 8000,
    });
    const fine = call.levels[0]!.channels[1]!;
    const own = customer.levels[0]!.channels[0]!;
    expect(fine.subarray(0, own.length)).toEqual(own);
    expect(fine.subarray(own.length).every((v) => v === 0)).toBe(true);
  });

  it('takes the first channel of a leg that is not mono', async () => {
    const stereo = readPcm16Wav(fixture('pcm-s16-stereo.wav')).samples;
    const result = await analyze([fixture('pcm-s16-stereo.wav'), fixture('leg-customer.wav')]);
    const left = readPcm16Wav(result.playable.path).samples.filter((_, i) => i % 2 === 0);
    expect(left.subarray(0, stereo.length / 2)).toEqual(stereo.filter((_, i) => i % 2 === 0));
  });

  it('refuses legs at different sample rates, naming both files and rates', async () => {
    const error = await expectRefusal(
      () => analyze([fixture('leg-agent.wav'), fixture('leg-customer-16k.wav')]),
      fixture('leg-customer-16k.wav'),
      /different sample rates: .*leg-agent\.wav is 8000 Hz and .*leg-customer-16k\.wav is 16000 Hz/,
    );
    expect(error.message).toContain(fixture('leg-agent.wav'));
    expect(partials(out.dir)).toEqual([]);
  });

  it('refuses a leg that cannot be read, naming it', async () => {
    await expectRefusal(
      () => analyze([fixture('leg-agent.wav'), fixture('random.wav')]),
      fixture('random.wav'),
      /match no known format/,
    );
  });

  it('refuses an AAC leg (played, never decoded: there are no samples to pair), naming it', async () => {
    const error = await expectRefusal(
      () => analyze([fixture('leg-agent.wav'), fixture('speech.m4a')]),
      fixture('speech.m4a'),
      /is AAC audio, which Earmark plays but does not decode, so it cannot be merged with the other leg/,
    );
    expect(error.message).toContain(fixture('leg-agent.wav'));
    expect(partials(out.dir)).toEqual([]);
  });

  it('is one file or two, never three', async () => {
    await expect(
      analyze([fixture('leg-agent.wav'), fixture('leg-customer.wav'), fixture('pcm-s16.wav')]),
    ).rejects.toMatchObject({ code: 'invalid_params' });
  });
});
