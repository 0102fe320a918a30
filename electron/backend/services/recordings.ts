import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AudioDamage, Peaks, Recording, Speaker } from '../../../shared/api';
import { EarmarkError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { peakResolutions } from '../media/peaks';
import { analyzeRecording, type RecordingAnalysis } from '../workers/analyze';

/** Everything known about a recording before it is written to the database. */
export interface ProbedRecording {
  /** The file the player streams: the source itself, or the WAV it was transcoded to. */
  path: string;
  /** Of the source file(s). */
  sizeBytes: number;
  sha256: string;
  /** The container of `path` (what the media endpoints serve), e.g. 'wav' for a transcoded GSM file. */
  container: string;
  analysis: RecordingAnalysis;
}

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Reads and analyses a recording off the main thread (format sniffed from the bytes, real and claimed
 * duration, peaks, content hash), transcoding it into `outputDir` when Chromium cannot play it.
 * `source` is one file, or the two mono legs [agent, customer] of a call. `outputDir` defaults to
 * the source's folder (the demo loader's recordings already live in the data directory).
 */
export async function probeRecording(
  source: string | readonly string[],
  outputDir?: string,
  signal?: AbortSignal,
): Promise<ProbedRecording> {
  const sources = typeof source === 'string' ? [source] : [...source];
  const analysis = await analyzeRecording(
    { sources, outputDir: outputDir ?? dirname(sources[0] ?? '.') },
    signal ? { signal } : {},
  );
  return {
    path: analysis.playable.path,
    sizeBytes: analysis.sourceSizeBytes,
    sha256: analysis.sha256,
    container: analysis.playable.container,
    analysis,
  };
}

/**
 * Inserts a probed recording and its peaks; call inside the caller's transaction. Channel roles default
 * to what the analysis knows (a two-leg call is always agent left, customer right). A recording whose
 * waveform is unavailable at import (AAC: the backend does not decode it) gets no peak rows; the renderer
 * stores them later (services/waveform).
 */
export function insertRecording(
  db: Db,
  interactionId: number,
  probed: ProbedRecording,
  channelRoles: Speaker[] | null,
): number {
  const { analysis } = probed;
  const roles = channelRoles ?? analysis.channelRoles;
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO recordings (interaction_id, path, size_bytes, sha256, container, codec, sample_rate, channels, duration_ms,
         channel_roles, source_paths, claimed_duration_ms, transcoded, damage)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      roles ? JSON.stringify(roles) : null,
      JSON.stringify(analysis.sourcePaths),
      analysis.claimedDurationMs,
      analysis.playable.transcoded ? 1 : 0,
      analysis.damage ? JSON.stringify(analysis.damage) : null,
    );
  const recordingId = Number(lastInsertRowid);
  const insertPeaks = db.prepare(
    'INSERT INTO peaks (recording_id, samples_per_peak, channel, data) VALUES (?, ?, ?, ?)',
  );
  const levels = analysis.waveform === 'peaks' ? analysis.levels : [];
  for (const level of levels) {
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
  has_peaks: number;
  damage: string | null;
}

export function recordingOf(db: Db, interactionId: number): Recording | null {
  const row = db
    .prepare(
      `SELECT r.*, EXISTS (SELECT 1 FROM peaks p WHERE p.recording_id = r.id) AS has_peaks
       FROM recordings r WHERE r.interaction_id = ? ORDER BY r.id LIMIT 1`,
    )
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
    hasPeaks: row.has_peaks === 1,
    damage: row.damage ? (JSON.parse(row.damage) as AudioDamage) : null,
  };
}

/** A recording's file as the media endpoints (desktop protocol and browser host) serve it. */
export interface MediaFile {
  path: string;
  mimeType: string;
  /**
   * The folders the file may really lie in once symlinks are followed: the data folder's recordings
   * (demo copies, transcoded and copied imports; never the database or the keys beside them) and the
   * folder the recording was imported from. Recordings stay where they were imported, so no fixed list
   * could name them all; their own folder still stops a file replaced by a symlink to /etc/passwd, or
   * to anything else outside it, from being served.
   */
  roots: readonly string[];
}

/** Where a recording's bytes are, for the media endpoints (IPC protocol and browser host). */
export function recordingFile(db: Db, recordingId: number, dataDir: string): MediaFile {
  const row = db.prepare('SELECT path, container FROM recordings WHERE id = ?').get(recordingId) as
    { path: string; container: string } | undefined;
  if (!row) throw new EarmarkError('not_found', `There is no recording with id ${recordingId}.`);
  return {
    path: row.path,
    mimeType: MIME_TYPES[row.container] ?? 'application/octet-stream',
    roots: [join(dataDir, 'recordings'), dirname(row.path)],
  };
}

const MIME_TYPES: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  flac: 'audio/flac',
  m4a: 'audio/mp4',
  mp4: 'audio/mp4',
  aac: 'audio/aac',
};

/**
 * The stored resolution nearest to what the player asked for (the coarsest that still gives enough peaks).
 * A recording stored without peaks (AAC before the renderer has decoded it, or peaks lost) gives no
 * channels, with its real length and rate: the player draws flat lanes.
 */
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
  if (levels.length === 0) {
    return {
      recordingId,
      samplesPerPeak: peakResolutions(recording.sample_rate)[0]!,
      sampleRate: recording.sample_rate,
      durationMs: recording.duration_ms,
      channels: [],
    };
  }
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
