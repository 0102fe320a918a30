import type { ParsedParams } from '../../../../shared/api';
import { MAX_PEAKS_PER_PART, type PeaksUpload } from '../../../../shared/api/methods/waveform';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { coarsen, peakResolutions, type PeakLevel } from '../../media/peaks';

const BYTES_PER_PAIR = 4;
/**
 * How far the peaks may run short of or past the recording's length, in samples: a decoder's output is
 * whole AAC frames (1024 samples, 2048 for HE-AAC), and where the container's length falls inside the
 * last one is rounding, not a different recording.
 */
const SLACK_SAMPLES = 2048;

interface RecordingRow {
  codec: string;
  sampleRate: number;
  channels: number;
  durationMs: number;
}

/**
 * Takes one part of an AAC recording's peaks from the renderer's decoder (see shared/api/methods/waveform),
 * checks it, and keeps it in `peak_uploads`; the last part moves the whole into `peaks`, with the same
 * coarser levels the import computes. Every refusal names what is wrong, and nothing is stored from a
 * refused part: a recording that has peaks keeps them, one that has none keeps playing with flat lanes.
 */
export function savePeaksPart(db: Db, params: ParsedParams<'recording.savePeaks'>): PeaksUpload {
  const { recordingId, samplesPerPeak, firstPeak, last } = params;
  return db.transaction((): PeaksUpload => {
    const recording = db
      .prepare(
        `SELECT codec, sample_rate AS sampleRate, channels, duration_ms AS durationMs
         FROM recordings WHERE id = ?`,
      )
      .get(recordingId) as RecordingRow | undefined;
    if (!recording)
      throw new EarmarkError('not_found', `recordingId: there is no recording with id ${recordingId}.`);
    if (recording.codec !== 'aac') {
      throw new EarmarkError(
        'invalid_params',
        `recordingId: recording ${recordingId} is ${recording.codec}, not AAC: its peaks come from the import.`,
      );
    }
    if (db.prepare('SELECT 1 FROM peaks WHERE recording_id = ? LIMIT 1').get(recordingId)) {
      throw new EarmarkError('conflict', `Recording ${recordingId} already has its peaks stored.`);
    }
    const [finest, ...coarser] = peakResolutions(recording.sampleRate) as [number, ...number[]];
    if (samplesPerPeak !== finest) {
      throw new EarmarkError(
        'invalid_params',
        `samplesPerPeak: recording ${recordingId} (${recording.sampleRate} Hz) stores peaks of ${finest} samples, not ${samplesPerPeak}.`,
      );
    }
    const part = decodePart(params.channels, recording.channels);
    const expected = Math.ceil((recording.durationMs / 1000) * recording.sampleRate) / samplesPerPeak;
    const slack = Math.ceil(SLACK_SAMPLES / samplesPerPeak) + 1;

    const staged = stagedOf(db, recordingId, recording.channels, samplesPerPeak);
    if (firstPeak !== 0 && firstPeak !== staged) {
      throw new EarmarkError(
        'invalid_params',
        `firstPeak: the next part of recording ${recordingId}'s peaks starts at peak ${staged}, not ${firstPeak}.`,
      );
    }
    const total = firstPeak + part.pairs;
    if (total > expected + slack) {
      throw new EarmarkError(
        'invalid_params',
        `channels: ${total} peaks are more than recording ${recordingId} holds (${Math.ceil(expected)} for ${recording.durationMs} ms).`,
      );
    }
    if (last && total < expected - slack) {
      throw new EarmarkError(
        'invalid_params',
        `channels: ${total} peaks cover only part of recording ${recordingId} (${Math.ceil(expected)} for ${recording.durationMs} ms).`,
      );
    }

    // (Joined here: SQLite's || would turn the bytes into text.)
    const stagedData = (channel: number) =>
      firstPeak === 0
        ? []
        : [
            (
              db
                .prepare('SELECT data FROM peak_uploads WHERE recording_id = ? AND channel = ?')
                .get(recordingId, channel) as { data: Buffer }
            ).data,
          ];
    const joined = part.channels.map((bytes, channel) => Buffer.concat([...stagedData(channel), bytes]));
    db.prepare('DELETE FROM peak_uploads WHERE recording_id = ?').run(recordingId);
    const stage = db.prepare(
      'INSERT INTO peak_uploads (recording_id, channel, samples_per_peak, data) VALUES (?, ?, ?, ?)',
    );
    joined.forEach((bytes, channel) => stage.run(recordingId, channel, samplesPerPeak, bytes));
    if (!last) return { recordingId, storedPeaks: total, complete: false };

    const rows = db
      .prepare('SELECT data FROM peak_uploads WHERE recording_id = ? ORDER BY channel')
      .all(recordingId) as { data: Buffer }[];
    const level: PeakLevel = {
      samplesPerPeak,
      channels: rows.map(({ data }) => new Int16Array(Uint8Array.from(data).buffer)),
    };
    const insert = db.prepare(
      'INSERT INTO peaks (recording_id, samples_per_peak, channel, data) VALUES (?, ?, ?, ?)',
    );
    for (const stored of [level, ...coarser.map((spp) => coarsen(level, spp / finest))]) {
      stored.channels.forEach((pairs, channel) =>
        insert.run(
          recordingId,
          stored.samplesPerPeak,
          channel,
          Buffer.from(pairs.buffer, pairs.byteOffset, pairs.byteLength),
        ),
      );
    }
    db.prepare('DELETE FROM peak_uploads WHERE recording_id = ?').run(recordingId);
    return { recordingId, storedPeaks: total, complete: true };
  })();
}

/** Peaks already staged for the recording; a stage of another resolution or channel count counts as none. */
function stagedOf(db: Db, recordingId: number, channels: number, samplesPerPeak: number): number {
  const rows = db
    .prepare(
      `SELECT length(data) AS bytes, samples_per_peak AS spp FROM peak_uploads
       WHERE recording_id = ? ORDER BY channel`,
    )
    .all(recordingId) as { bytes: number; spp: number }[];
  if (
    rows.length !== channels ||
    rows.some((row) => row.spp !== samplesPerPeak || row.bytes !== rows[0]!.bytes)
  )
    return 0;
  return rows[0]!.bytes / BYTES_PER_PAIR;
}

/** The part's channels as bytes, checked: one per channel, all the same whole number of (min, max) pairs. */
function decodePart(encoded: readonly string[], channels: number): { pairs: number; channels: Buffer[] } {
  if (encoded.length !== channels) {
    throw new EarmarkError(
      'invalid_params',
      `channels: the recording has ${channels} channel${channels === 1 ? '' : 's'}, the part ${encoded.length}.`,
    );
  }
  const decoded = encoded.map((text) => Buffer.from(text, 'base64'));
  const bytes = decoded[0]!.length;
  if (bytes === 0 || bytes % BYTES_PER_PAIR !== 0 || bytes / BYTES_PER_PAIR > MAX_PEAKS_PER_PART) {
    throw new EarmarkError(
      'invalid_params',
      `channels: a part holds 1 to ${MAX_PEAKS_PER_PART} peaks of 4 bytes (Int16 min and max) per channel, not ${bytes} bytes.`,
    );
  }
  decoded.forEach((data, channel) => {
    if (data.length !== bytes) {
      throw new EarmarkError(
        'invalid_params',
        `channels.${channel}: every channel of a part holds as many peaks (${bytes} bytes), not ${data.length} bytes.`,
      );
    }
    for (let i = 0; i < data.length; i += BYTES_PER_PAIR) {
      if (data.readInt16LE(i) > data.readInt16LE(i + 2)) {
        throw new EarmarkError(
          'invalid_params',
          `channels.${channel}: peak ${i / BYTES_PER_PAIR} has its minimum above its maximum.`,
        );
      }
    }
  });
  return { pairs: bytes / BYTES_PER_PAIR, channels: decoded };
}
