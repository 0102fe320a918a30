import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import {
  addRecording,
  probeRecording,
  type ProbedRecording,
} from '../../../electron/backend/services/recordings';
import type { InteractionDetail, Peaks } from '../../../shared/api';
import type { PeaksWindow } from '../../../shared/api/methods/review';
import type { EncodedAudioWindow, PeaksUpload } from '../../../shared/api/methods/waveform';
import { call } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { fixture, readPeaksJson } from './support';

/**
 * The waveform of an AAC recording: the backend hands out its encoded frames window by window (the
 * renderer decodes them with the platform's decoder), takes the peaks back in parts, checks them and
 * stores them. Until then, and for any recording whose peaks are missing, the call opens with no channels
 * of peaks (flat lanes) instead of an error. Each test adds the calls it changes.
 */
let backend: Backend;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ backend, cleanup } = await engineBackend()));
afterAll(() => cleanup());

const probes = new Map<string, Promise<ProbedRecording>>();
/** A call with a recording of `file` (probed once per file); its interaction and recording ids. */
async function addCall(file: string): Promise<{ interaction: number; recording: number }> {
  if (!probes.has(file)) probes.set(file, probeRecording(fixture(file)));
  const probed = await probes.get(file)!;
  return backend.database.transaction(async (trx) => {
    const { id: interaction } = await trx
      .insertInto('interactions')
      .values({ kind: 'call', title: `${file} call`, source: 'test' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { interaction, recording: await addRecording(trx, interaction, probed, null) };
  });
}

const reference = () => readPeaksJson(fixture('speech.m4a.peaks.json'));
const b64 = (pairs: Int16Array) =>
  Buffer.from(pairs.buffer, pairs.byteOffset, pairs.byteLength).toString('base64');
const failure = async (method: string, params: object) => {
  const reply = await backend.dispatch(method, params);
  if (reply.ok) throw new Error(`${method} was expected to fail`);
  return reply.error;
};
const storedLevels = async (recordingId: number) =>
  (
    await backend.database.query
      .selectFrom('peaks')
      .select('samples_per_peak')
      .distinct()
      .where('recording_id', '=', recordingId)
      .orderBy('samples_per_peak')
      .execute()
  ).map((row) => row.samples_per_peak);
const stagedParts = async (recordingId: number) =>
  (
    await backend.database.query
      .selectFrom('peak_uploads')
      .select('channel')
      .where('recording_id', '=', recordingId)
      .execute()
  ).length;

describeEachEngine('a call whose peaks are missing', () => {
  it('opens with no channels of peaks rather than an error, for an AAC call and a WAV whose peaks were deleted', async () => {
    const m4a = await addCall('speech.m4a');
    const wav = await addCall('pcm-s16.wav');
    await backend.database.query.deleteFrom('peaks').where('recording_id', '=', wav.recording).execute();
    for (const { recording: recordingId, interaction } of [m4a, wav]) {
      const { recording } = await call<InteractionDetail>(backend, 'interaction.get', { id: interaction });
      expect(recording).toMatchObject({ id: recordingId, hasPeaks: false });
      const overview = await call<PeaksWindow>(backend, 'recording.peaksWindow', {
        recordingId,
        fromMs: 0,
        toMs: recording!.durationMs,
        targetPeaks: 3000,
      });
      expect(overview).toMatchObject({ recordingId, firstPeak: 0, channels: [] });
      expect(overview.durationMs).toBe(recording!.durationMs);
    }
  });
});

describeEachEngine('recording.encodedAudio', () => {
  it('hands out an M4A’s access units window by window, in order, with its AudioSpecificConfig', async () => {
    const { recording } = await addCall('speech.m4a');
    const windows: EncodedAudioWindow[] = [];
    let from = 0;
    for (;;) {
      const window = await call<EncodedAudioWindow>(backend, 'recording.encodedAudio', {
        recordingId: recording,
        fromPacket: from,
        maxPackets: 8,
      });
      windows.push(window);
      from += window.sizes.length;
      if (from >= window.totalPackets) break;
    }
    const first = windows[0]!;
    expect(first).toMatchObject({ codec: 'mp4a.40.2', sampleRate: 16000, channels: 1, fromPacket: 0 });
    // AAC LC (object type 2), 16 kHz (index 8), mono: 00010 1000 0001 000 = 0x14 0x08.
    expect([...Buffer.from(first.description!, 'base64')].slice(0, 2)).toEqual([0x14, 0x08]);
    // ffmpeg's gapless decode is 37888 samples: the edit list trims the encoder's 1024-sample priming.
    expect(first.skipSeconds * 16000).toBe(1024);
    expect(windows.length).toBe(Math.ceil(first.totalPackets / 8));
    expect(first.totalPackets * 1024).toBeGreaterThanOrEqual(37888 + 1024);
    for (const window of windows) {
      expect(window.sizes.length).toBeLessThanOrEqual(8);
      expect(Buffer.from(window.data, 'base64').length).toBe(window.sizes.reduce((a, b) => a + b, 0));
    }
  });

  it('hands out raw ADTS frames whole, with no configuration (each frame carries its header)', async () => {
    const { recording } = await addCall('speech.aac');
    const window = await call<EncodedAudioWindow>(backend, 'recording.encodedAudio', {
      recordingId: recording,
      fromPacket: 0,
    });
    expect(window).toMatchObject({ description: null, skipSeconds: 0, totalPackets: 38, channels: 1 });
    const data = Buffer.from(window.data, 'base64');
    let at = 0;
    for (const size of window.sizes) {
      expect(data[at]).toBe(0xff);
      expect(data[at + 1]! & 0xf6).toBe(0xf0);
      expect(((data[at + 3]! & 0x03) << 11) | (data[at + 4]! << 3) | (data[at + 5]! >> 5)).toBe(size);
      at += size;
    }
  });

  it('refuses a recording that is not AAC and a window past the end, saying why', async () => {
    const wav = await addCall('pcm-s16.wav');
    const m4a = await addCall('speech.m4a');
    expect(
      await failure('recording.encodedAudio', { recordingId: wav.recording, fromPacket: 0 }),
    ).toMatchObject({
      code: 'invalid_params',
      message: expect.stringMatching(/is pcm_s16le, not AAC/),
    });
    expect(
      await failure('recording.encodedAudio', { recordingId: m4a.recording, fromPacket: 100_000 }),
    ).toMatchObject({ code: 'invalid_params', message: expect.stringMatching(/fromPacket/) });
    expect(await failure('recording.encodedAudio', { recordingId: 999_999, fromPacket: 0 })).toMatchObject({
      code: 'not_found',
    });
  });
});

describeEachEngine('recording.savePeaks', () => {
  const pairs = () => Int16Array.from(reference().peaks[0]!);

  it('refuses bad parts with a message naming the problem, and stores nothing from them', async () => {
    const m4a = await addCall('speech.m4a');
    const wav = await addCall('pcm-s16.wav');
    const save = (params: object) =>
      failure('recording.savePeaks', { recordingId: m4a.recording, ...params });
    const good = pairs();
    const cases: [object, RegExp][] = [
      [{ samplesPerPeak: 80, firstPeak: 0, channels: [b64(good)], last: true }, /samplesPerPeak: .*160/],
      [
        { samplesPerPeak: 160, firstPeak: 0, channels: [b64(good), b64(good)], last: true },
        /1 channel, the part 2/,
      ],
      [{ samplesPerPeak: 160, firstPeak: 0, channels: ['AAE='], last: true }, /4 bytes/],
      [
        { samplesPerPeak: 160, firstPeak: 0, channels: [b64(Int16Array.from([5, -5]))], last: false },
        /peak 0 has its minimum above its maximum/,
      ],
      [{ samplesPerPeak: 160, firstPeak: 0, channels: [b64(good.subarray(0, 40))], last: true }, /only part/],
      [
        {
          samplesPerPeak: 160,
          firstPeak: 0,
          channels: [b64(Int16Array.from([...good, ...good]))],
          last: true,
        },
        /more than recording/,
      ],
      [{ samplesPerPeak: 160, firstPeak: 7, channels: [b64(good)], last: true }, /starts at peak 0, not 7/],
      [{ samplesPerPeak: 160, firstPeak: 0, channels: ['not base64!'], last: true }, /channels/],
    ];
    for (const [params, message] of cases) {
      const error = await save(params);
      expect(error.code, JSON.stringify(params).slice(0, 80)).toBe('invalid_params');
      expect(error.message).toMatch(message);
    }
    expect(
      await failure('recording.savePeaks', {
        recordingId: wav.recording,
        samplesPerPeak: 80,
        firstPeak: 0,
        channels: [b64(good)],
        last: true,
      }),
    ).toMatchObject({ code: 'invalid_params', message: expect.stringMatching(/not AAC/) });
    expect(await storedLevels(m4a.recording)).toEqual([]);
    expect(await stagedParts(m4a.recording)).toBe(0);
  });

  it('stores peaks sent in parts, with the coarser levels, and the call then draws them', async () => {
    const { recording, interaction } = await addCall('speech.m4a');
    const all = pairs();
    const half = Math.floor(all.length / 4) * 2;
    const first = await call<PeaksUpload>(backend, 'recording.savePeaks', {
      recordingId: recording,
      samplesPerPeak: 160,
      firstPeak: 0,
      channels: [b64(all.subarray(0, half))],
      last: false,
    });
    expect(first).toEqual({ recordingId: recording, storedPeaks: half / 2, complete: false });
    // Nothing is drawn from half an upload.
    expect(await storedLevels(recording)).toEqual([]);
    const done = await call<PeaksUpload>(backend, 'recording.savePeaks', {
      recordingId: recording,
      samplesPerPeak: 160,
      firstPeak: half / 2,
      channels: [b64(all.subarray(half))],
      last: true,
    });
    expect(done).toEqual({ recordingId: recording, storedPeaks: all.length / 2, complete: true });
    expect(await storedLevels(recording)).toEqual([160, 800, 4000]);
    expect(await stagedParts(recording)).toBe(0);

    const found = (await call<InteractionDetail>(backend, 'interaction.get', { id: interaction })).recording;
    expect(found!.hasPeaks).toBe(true);
    const fine = await call<Peaks>(backend, 'recording.peaks', {
      recordingId: recording,
      targetPeaks: 1_000_000,
    });
    expect(fine.channels[0]!.map((v) => Math.round(v * 32768))).toEqual([...all]);
    const overview = await call<PeaksWindow>(backend, 'recording.peaksWindow', {
      recordingId: recording,
      fromMs: 0,
      toMs: found!.durationMs,
      targetPeaks: 100,
    });
    expect(overview.channels).toHaveLength(1);
    expect(Math.max(...overview.channels[0]!)).toBeGreaterThan(0.3);
  });

  it('refuses a second set of peaks for a recording that has them', async () => {
    const { recording } = await addCall('speech.m4a');
    const whole = {
      recordingId: recording,
      samplesPerPeak: 160,
      firstPeak: 0,
      channels: [b64(pairs())],
      last: true,
    };
    expect(await call<PeaksUpload>(backend, 'recording.savePeaks', whole)).toMatchObject({ complete: true });
    expect(await failure('recording.savePeaks', whole)).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already has its peaks/),
    });
  });
});
