import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/backend/db/open';
import { insertRecording, peaksOf, probeRecording } from '../../../electron/backend/services/recordings';
import type { Peaks } from '../../../shared/api';
import { call, testBackend } from '../../support/backend';
import { tempDir } from '../../support/paths';
import { fixture } from './support';

/** probeRecording + insertRecording: the analysis lands in the recordings table (migration 002 columns). */
const data = tempDir('earmark-recordings-');
let db: Db;
beforeAll(async () => {
  db = await openDatabase(data.dir);
});
afterAll(() => {
  db.close();
  data.cleanup();
});

function newCall(title: string): number {
  return Number(
    db.prepare(`INSERT INTO interactions (kind, title, source) VALUES ('call', ?, 'test')`).run(title)
      .lastInsertRowid,
  );
}

const recordingsDir = () => join(data.dir, 'recordings', 'imported');

describe('probeRecording and insertRecording', () => {
  it('store a transcoded GSM recording: the playable WAV, its source, and the transcoded flag', async () => {
    const probed = await probeRecording([fixture('gsm.wav')], recordingsDir());
    const id = db.transaction(() => insertRecording(db, newCall('GSM'), probed, null))();
    const row = db.prepare('SELECT * FROM recordings WHERE id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({
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
    const peaks = peaksOf(db, id, 100);
    expect(peaks.channels).toHaveLength(1);
    expect(peaks.durationMs).toBe(2400);
  });

  it('store a two-leg call as stereo agent/customer with both source paths', async () => {
    const legs = [fixture('leg-agent.wav'), fixture('leg-customer.wav')];
    const probed = await probeRecording(legs, recordingsDir());
    const id = db.transaction(() => insertRecording(db, newCall('Two legs'), probed, null))();
    const row = db.prepare('SELECT * FROM recordings WHERE id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({
      channels: 2,
      channel_roles: JSON.stringify(['agent', 'customer']),
      source_paths: JSON.stringify(legs),
      transcoded: 1,
    });
    expect(peaksOf(db, id, 100).channels).toHaveLength(2);
  });

  it('store a file Chromium plays as it is under its own path, with the claimed length', async () => {
    const probed = await probeRecording(fixture('speech.mp3'));
    const id = db.transaction(() => insertRecording(db, newCall('MP3'), probed, null))();
    const row = db.prepare('SELECT * FROM recordings WHERE id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({
      path: fixture('speech.mp3'),
      container: 'mp3',
      codec: 'mp3',
      transcoded: 0,
      claimed_duration_ms: 2363,
      duration_ms: 2363,
    });
  });
});

describe('an AAC recording: played from the source, stored without peaks', () => {
  const peakRows = (id: number) =>
    (db.prepare('SELECT COUNT(*) AS n FROM peaks WHERE recording_id = ?').get(id) as { n: number }).n;

  it('stores the M4A itself as the playable file, its container length, and no peak rows', async () => {
    const probed = await probeRecording(fixture('speech.m4a'));
    expect(probed.analysis).toMatchObject({ waveform: 'unavailable', levels: [] });
    const id = db.transaction(() => insertRecording(db, newCall('M4A'), probed, null))();
    const row = db.prepare('SELECT * FROM recordings WHERE id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({
      path: fixture('speech.m4a'),
      container: 'm4a',
      codec: 'aac',
      sample_rate: 16000,
      channels: 1,
      duration_ms: 2364,
      claimed_duration_ms: 2364,
      transcoded: 0,
    });
    expect(peakRows(id)).toBe(0);
    expect(peaksOf(db, id, 100)).toEqual({
      recordingId: id,
      samplesPerPeak: 160,
      sampleRate: 16000,
      durationMs: 2364,
      channels: [],
    });
  });

  it('recording.peaks answers with no channels through the backend dispatch', async () => {
    const { backend, cleanup } = await testBackend();
    try {
      const probed = await probeRecording(fixture('speech.m4a'));
      const id = backend.db.transaction(() => {
        const interaction = Number(
          backend.db
            .prepare(`INSERT INTO interactions (kind, title, source) VALUES ('call', 'M4A', 'test')`)
            .run().lastInsertRowid,
        );
        return insertRecording(backend.db, interaction, probed, null);
      })();
      const peaks = await call<Peaks>(backend, 'recording.peaks', { recordingId: id });
      expect(peaks).toEqual({
        recordingId: id,
        samplesPerPeak: 160,
        sampleRate: 16000,
        durationMs: 2364,
        channels: [],
      });
    } finally {
      cleanup();
    }
  });
});
