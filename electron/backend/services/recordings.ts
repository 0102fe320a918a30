import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AudioDamage, Peaks, Recording, Speaker } from '../../../shared/api';
import { EarmarkError } from '../../../shared/errors';
import { sql } from 'kysely';
import type { NewRow, Query } from '../db/schema';
import { peakResolutions } from '../media/peaks';
import { storedLevels } from './review/peaks-window';
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

/** The recordings row and peak rows of a probed recording. */
function rowsOf(
  interactionId: number,
  probed: ProbedRecording,
  channelRoles: Speaker[] | null,
): { recording: NewRow<'recordings'>; peaks: (recordingId: number) => NewRow<'peaks'>[] } {
  const { analysis } = probed;
  const roles = channelRoles ?? analysis.channelRoles;
  const levels = analysis.waveform === 'peaks' ? analysis.levels : [];
  return {
    recording: {
      interaction_id: interactionId,
      path: probed.path,
      size_bytes: probed.sizeBytes,
      sha256: probed.sha256,
      container: probed.container,
      codec: analysis.codec,
      sample_rate: analysis.sampleRate,
      channels: analysis.channels,
      duration_ms: analysis.durationMs,
      channel_roles: roles ? JSON.stringify(roles) : null,
      source_paths: JSON.stringify(analysis.sourcePaths),
      claimed_duration_ms: analysis.claimedDurationMs,
      transcoded: analysis.playable.transcoded ? 1 : 0,
      damage: analysis.damage ? JSON.stringify(analysis.damage) : null,
    },
    peaks: (recordingId) =>
      levels.flatMap((level) =>
        level.channels.map((data, channel) => ({
          recording_id: recordingId,
          samples_per_peak: level.samplesPerPeak,
          channel,
          data: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
        })),
      ),
  };
}

/**
 * Inserts a probed recording and its peaks (either engine); call inside the caller's transaction.
 * Channel roles default to what the analysis knows (a two-leg call is always agent left, customer
 * right). A recording whose waveform is unavailable at import (AAC: the backend does not decode it)
 * gets no peak rows; the renderer stores them later (services/waveform).
 */
export async function addRecording(
  q: Query,
  interactionId: number,
  probed: ProbedRecording,
  channelRoles: Speaker[] | null,
): Promise<number> {
  const rows = rowsOf(interactionId, probed, channelRoles);
  const { id } = await q
    .insertInto('recordings')
    .values(rows.recording)
    .returning('id')
    .executeTakeFirstOrThrow();
  const peaks = rows.peaks(id);
  if (peaks.length > 0) await q.insertInto('peaks').values(peaks).execute();
  return id;
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

/** The recording the review workspace plays for an interaction (its first), with whether peaks are stored. */
export async function findRecording(q: Query, interactionId: number): Promise<Recording | null> {
  const row = await q
    .selectFrom('recordings as r')
    .selectAll('r')
    // CASE, not a bare EXISTS: 0/1 on both engines (PostgreSQL's EXISTS is a boolean).
    .select(
      sql<number>`CASE WHEN EXISTS (SELECT 1 FROM peaks p WHERE p.recording_id = r.id) THEN 1 ELSE 0 END`.as(
        'has_peaks',
      ),
    )
    .where('r.interaction_id', '=', interactionId)
    .orderBy('r.id')
    .limit(1)
    .executeTakeFirst();
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
export async function recordingFile(q: Query, recordingId: number, dataDir: string): Promise<MediaFile> {
  const row = await q
    .selectFrom('recordings')
    .select(['path', 'container'])
    .where('id', '=', recordingId)
    .executeTakeFirst();
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
export async function peaksOf(q: Query, recordingId: number, targetPeaks: number): Promise<Peaks> {
  const recording = await q
    .selectFrom('recordings')
    .select(['sample_rate', 'duration_ms'])
    .where('id', '=', recordingId)
    .executeTakeFirst();
  if (!recording) throw new EarmarkError('not_found', `There is no recording with id ${recordingId}.`);
  const levels = await storedLevels(q, recordingId);
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
  const rows = await q
    .selectFrom('peaks')
    .select('data')
    .where('recording_id', '=', recordingId)
    .where('samples_per_peak', '=', chosen)
    .orderBy('channel')
    .execute();
  return {
    recordingId,
    samplesPerPeak: chosen,
    sampleRate: recording.sample_rate,
    durationMs: recording.duration_ms,
    channels: rows.map(({ data }) => {
      // Copy first: the driver's buffer may start at an odd offset, which an Int16Array view cannot.
      const pairs = new Int16Array(Uint8Array.from(data).buffer);
      return Array.from(pairs, (v) => v / 32768);
    }),
  };
}
