import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { Peaks, Recording, Speaker } from '../../../shared/api';
import { EarmarkError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { runWorker } from '../workers/run';
import type { PeaksInput, PeaksOutput } from '../workers/peaks.worker';

/** Everything known about a recording file before it is written to the database. */
export interface ProbedRecording {
  path: string;
  sizeBytes: number;
  sha256: string;
  container: string;
  analysis: PeaksOutput;
}

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Reads and analyses a recording off the main thread: format, duration, peaks, content hash. */
export async function probeRecording(path: string): Promise<ProbedRecording> {
  const container = extname(path).slice(1).toLowerCase();
  if (container !== 'wav') {
    throw new EarmarkError('unsupported_media', `${path}: .${container} recordings are not supported yet.`);
  }
  const [analysis, sha256] = await Promise.all([
    runWorker<PeaksInput, PeaksOutput>('peaks', { path }),
    hashFile(path),
  ]);
  return { path, sizeBytes: statSync(path).size, sha256, container, analysis };
}

/** Inserts a probed recording and its peaks; call inside the caller's transaction. */
export function insertRecording(
  db: Db,
  interactionId: number,
  probed: ProbedRecording,
  channelRoles: Speaker[] | null,
): number {
  const { analysis } = probed;
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO recordings (interaction_id, path, size_bytes, sha256, container, codec, sample_rate, channels, duration_ms, channel_roles)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      interactionId,
      probed.path,
      probed.sizeBytes,
      probed.sha256,
      probed.container,
      analysis.codec,
      analysis.sampleRate,
      analysis.channels,
      analysis.durationMs,
      channelRoles ? JSON.stringify(channelRoles) : null,
    );
  const recordingId = Number(lastInsertRowid);
  const insertPeaks = db.prepare(
    'INSERT INTO peaks (recording_id, samples_per_peak, channel, data) VALUES (?, ?, ?, ?)',
  );
  for (const level of analysis.levels) {
    level.channels.forEach((data, channel) => {
      insertPeaks.run(
        recordingId,
        level.samplesPerPeak,
        channel,
        Buffer.from(data.buffer, data.byteOffset, data.byteLength),
      );
    });
  }
  return recordingId;
}

interface RecordingRow {
  id: number;
  path: string;
  codec: string;
  container: string;
  sample_rate: number;
  channels: number;
  duration_ms: number;
  size_bytes: number;
  channel_roles: string | null;
}

export function recordingOf(db: Db, interactionId: number): Recording | null {
  const row = db
    .prepare('SELECT * FROM recordings WHERE interaction_id = ? ORDER BY id LIMIT 1')
    .get(interactionId) as RecordingRow | undefined;
  return row ? toRecording(row) : null;
}

function toRecording(row: RecordingRow): Recording {
  return {
    id: row.id,
    codec: row.codec,
    sampleRate: row.sample_rate,
    channels: row.channels,
    durationMs: row.duration_ms,
    sizeBytes: row.size_bytes,
    channelRoles: row.channel_roles ? (JSON.parse(row.channel_roles) as Speaker[]) : null,
  };
}

/** Where a recording's bytes are, for the media endpoints (IPC protocol and browser host). */
export function recordingFile(db: Db, recordingId: number): { path: string; mimeType: string } {
  const row = db.prepare('SELECT path, container FROM recordings WHERE id = ?').get(recordingId) as
    { path: string; container: string } | undefined;
  if (!row) throw new EarmarkError('not_found', `There is no recording with id ${recordingId}.`);
  return { path: row.path, mimeType: MIME_TYPES[row.container] ?? 'application/octet-stream' };
}

const MIME_TYPES: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  flac: 'audio/flac',
  m4a: 'audio/mp4',
};

/** The stored resolution nearest to what the player asked for (the coarsest that still gives enough peaks). */
export function peaksOf(db: Db, recordingId: number, targetPeaks: number): Peaks {
  const recording = db
    .prepare('SELECT sample_rate, duration_ms FROM recordings WHERE id = ?')
    .get(recordingId) as { sample_rate: number; duration_ms: number } | undefined;
  if (!recording) throw new EarmarkError('not_found', `There is no recording with id ${recordingId}.`);
  const levels = (
    db
      .prepare(
        'SELECT DISTINCT samples_per_peak FROM peaks WHERE recording_id = ? ORDER BY samples_per_peak DESC',
      )
      .all(recordingId) as { samples_per_peak: number }[]
  ).map((r) => r.samples_per_peak);
  if (levels.length === 0)
    throw new EarmarkError('not_found', `Recording ${recordingId} has no peaks stored.`);
  const frames = (recording.duration_ms / 1000) * recording.sample_rate;
  const chosen = levels.find((spp) => frames / spp >= targetPeaks) ?? levels.at(-1)!;
  const rows = db
    .prepare('SELECT data FROM peaks WHERE recording_id = ? AND samples_per_peak = ? ORDER BY channel')
    .all(recordingId, chosen) as { data: Buffer }[];
  return {
    recordingId,
    samplesPerPeak: chosen,
    sampleRate: recording.sample_rate,
    durationMs: recording.duration_ms,
    channels: rows.map(({ data }) => {
      // Copy first: SQLite's buffer may start at an odd offset, which an Int16Array view cannot.
      const pairs = new Int16Array(Uint8Array.from(data).buffer);
      return Array.from(pairs, (v) => v / 32768);
    }),
  };
}
