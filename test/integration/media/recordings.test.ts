import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../../electron/backend/db/database';
import {
  addRecording,
  findRecording,
  peaksOf,
  probeRecording,
} from '../../../electron/backend/services/recordings';
import type { Peaks } from '../../../shared/api';
import { call } from '../../support/backend';
import { describeEachEngine, engineBackend, engineDatabase } from '../../support/engines';
import { tempDir } from '../../support/paths';
import { fixture } from './support';

/** probeRecording + addRecording: the analysis lands in the recordings table (migration 002 columns). */
const data = tempDir('earmark-recordings-');
let database: Database;
let closeDatabase: () => Promise<void>;
beforeAll(async () => ({ database, cleanup: closeDatabase } = await engineDatabase()));
afterAll(async () => {
  await closeDatabase();
  data.cleanup();
});

async function newCall(title: string): Promise<number> {
  const { id } = await database.query
    .insertInto('interactions')
    .values({ kind: 'call', title, source: 'test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

const stored = (id: number) =>
  database.query.selectFrom('recordings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const recordingsDir = () => join(data.dir, 'recordings', 'imported');

describeEachEngine('probeRecording and addRecording', () => {
  it('store a transcoded GSM recording: the playable WAV, its source, and the transcoded flag', async () => {
    const probed = await probeRecording([fixture('gsm.wav')], recordingsDir());
    const interaction = await newCall('GSM');
    const id = await database.transaction((trx) => addRecording(trx, interaction, probed, null));
    expect(await stored(id)).toMatchObject({
      path: join(recordingsDir(), `${probed.sha256}.wav`),
      container: 'wav', // what the media endpoints serve
      codec: 'gsm_ms',
      sample_rate: 8000,
      channels: 1,
      duration_ms: 2400,
      claimed_duration_ms: 2400,
      transcoded: 1,
      source_paths: JSON.stringify([fixture('gsm.wav')]),
      channel_roles: null,
      sha256: probed.sha256,
    });
    const peaks = await peaksOf(database.query, id, 100);
    expect(peaks.channels).toHaveLength(1);
    expect(peaks.durationMs).toBe(2400);
    expect(await findRecording(database.query, interaction)).toMatchObject({
      id,
      hasPeaks: true,
      damage: null,
    });
  });

  it('store a two-leg call as stereo agent/customer with both source paths', async () => {
    const legs = [fixture('leg-agent.wav'), fixture('leg-customer.wav')];
    const probed = await probeRecording(legs, recordingsDir());
    const interaction = await newCall('Two legs');
    const id = await database.transaction((trx) => addRecording(trx, interaction, probed, null));
    expect(await stored(id)).toMatchObject({
      channels: 2,
      channel_roles: JSON.stringify(['agent', 'customer']),
      source_paths: JSON.stringify(legs),
      transcoded: 1,
    });
    expect((await peaksOf(database.query, id, 100)).channels).toHaveLength(2);
    expect(await findRecording(database.query, interaction)).toMatchObject({
      channels: 2,
      channelRoles: ['agent', 'customer'],
    });
  });

  it('store a file Chromium plays as it is under its own path, with the claimed length', async () => {
    const probed = await probeRecording(fixture('speech.mp3'));
    const id = await addRecording(database.query, await newCall('MP3'), probed, null);
    expect(await stored(id)).toMatchObject({
      path: fixture('speech.mp3'),
      container: 'mp3',
      codec: 'mp3',
      transcoded: 0,
      claimed_duration_ms: 2363,
      duration_ms: 2363,
    });
  });
});

describeEachEngine('an AAC recording: played from the source, stored without peaks', () => {
  const peakRows = async (id: number) =>
    (
      await database.query
        .selectFrom('peaks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('recording_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n;

  it('stores the M4A itself as the playable file, its container length, and no peak rows', async () => {
    const probed = await probeRecording(fixture('speech.m4a'));
    expect(probed.analysis).toMatchObject({ waveform: 'unavailable', levels: [] });
    const interaction = await newCall('M4A');
    const id = await addRecording(database.query, interaction, probed, null);
    expect(await stored(id)).toMatchObject({
      path: fixture('speech.m4a'),
      container: 'm4a',
      codec: 'aac',
      sample_rate: 16000,
      channels: 1,
      duration_ms: 2364,
      claimed_duration_ms: 2364,
      transcoded: 0,
    });
    expect(Number(await peakRows(id))).toBe(0);
    expect(await peaksOf(database.query, id, 100)).toEqual({
      recordingId: id,
      samplesPerPeak: 160,
      sampleRate: 16000,
      durationMs: 2364,
      channels: [],
    });
    expect(await findRecording(database.query, interaction)).toMatchObject({ id, hasPeaks: false });
  });

  it('recording.peaks answers with no channels through the backend dispatch', async () => {
    const { backend, cleanup } = await engineBackend();
    try {
      const probed = await probeRecording(fixture('speech.m4a'));
      const id = await backend.database.transaction(async (trx) => {
        const { id: interaction } = await trx
          .insertInto('interactions')
          .values({ kind: 'call', title: 'M4A', source: 'test' })
          .returning('id')
          .executeTakeFirstOrThrow();
        return addRecording(trx, interaction, probed, null);
      });
      const peaks = await call<Peaks>(backend, 'recording.peaks', { recordingId: id });
      expect(peaks).toEqual({
        recordingId: id,
        samplesPerPeak: 160,
        sampleRate: 16000,
        durationMs: 2364,
        channels: [],
      });
      // The media endpoints find the file the same way on either engine.
      expect(await backend.mediaFile(id)).toMatchObject({
        path: fixture('speech.m4a'),
        mimeType: 'audio/mp4',
      });
    } finally {
      await cleanup();
    }
  });
});
