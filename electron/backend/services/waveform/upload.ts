import type { ParsedParams } from '../../../../shared/api';
import { MAX_PEAKS_PER_PART, type PeaksUpload } from '../../../../shared/api/methods/waveform';
import { EarmarkError } from '../../../../shared/errors';
import type { Database } from '../../db/database';
import { coarsen, peakResolutions, type PeakLevel } from '../../media/peaks';

const BYTES_PER_PAIR = 4;
/**
 * How far the peaks may run short of or past the recording's length, in samples: a decoder's output is
 * whole AAC frames (1024 samples, 2048 for HE-AAC), and where the container's length falls inside the
 * last one is rounding, not a different recording.
 */
const SLACK_SAMPLES = 2048;

/**
 * Takes one part of an AAC recording's peaks from the renderer's decoder (see shared/api/methods/waveform),
 * checks it, and keeps it in `peak_uploads`; the last part moves the whole into `peaks`, with the same
 * coarser levels the import computes. Every refusal names what is wrong, and nothing is stored from a
 * refused part: a recording that has peaks keeps them, one that has none keeps playing with flat lanes.
 */
export async function savePeaksPart(
  database: Database,
  params: ParsedParams<'recording.savePeaks'>,
): Promise<PeaksUpload> {
  const { recordingId, samplesPerPeak, firstPeak, last } = params;
  // Decoded and checked before the transaction: it is the part's own bytes, no database needed.
  const decoded = params.channels.map((text) => Buffer.from(text, 'base64'));
  return database.transaction(async (trx): Promise<PeaksUpload> => {
    let find = trx
      .selectFrom('recordings')
      .select(['codec', 'sample_rate as sampleRate', 'channels', 'duration_ms as durationMs'])
      .where('id', '=', recordingId);
    // Two windows uploading one recording's parts (two servers, or a reload): one part at a time.
    if (database.engine === 'postgres') find = find.forUpdate();
    const recording = await find.executeTakeFirst();
    if (!recording)
      throw new EarmarkError('not_found', `recordingId: there is no recording with id ${recordingId}.`);
    if (recording.codec !== 'aac') {
      throw new EarmarkError(
        'invalid_params',
        `recordingId: recording ${recordingId} is ${recording.codec}, not AAC: its peaks come from the import.`,
      );
    }
    if (
      await trx
        .selectFrom('peaks')
        .select('channel')
        .where('recording_id', '=', recordingId)
        .limit(1)
        .executeTakeFirst()
    ) {
      throw new EarmarkError('conflict', `Recording ${recordingId} already has its peaks stored.`);
    }
    const [finest, ...coarser] = peakResolutions(recording.sampleRate) as [number, ...number[]];
    if (samplesPerPeak !== finest) {
      throw new EarmarkError(
        'invalid_params',
        `samplesPerPeak: recording ${recordingId} (${recording.sampleRate} Hz) stores peaks of ${finest} samples, not ${samplesPerPeak}.`,
      );
    }
    const part = checkPart(decoded, recording.channels);
    const expected = Math.ceil((recording.durationMs / 1000) * recording.sampleRate) / samplesPerPeak;
    const slack = Math.ceil(SLACK_SAMPLES / samplesPerPeak) + 1;

    const stage = await trx
      .selectFrom('peak_uploads')
      .select(['channel', 'samples_per_peak', 'data'])
      .where('recording_id', '=', recordingId)
      .orderBy('channel')
      .execute();
    const staged = stagedPeaks(stage, recording.channels, samplesPerPeak);
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

    // Joined here rather than in SQL: SQLite's || would turn the bytes into text.
    const joined = part.channels.map((bytes, channel) =>
      firstPeak === 0 ? bytes : Buffer.concat([stage[channel]!.data, bytes]),
    );
    await trx.deleteFrom('peak_uploads').where('recording_id', '=', recordingId).execute();
    if (!last) {
      await trx
        .insertInto('peak_uploads')
        .values(
          joined.map((data, channel) => ({
            recording_id: recordingId,
            channel,
            samples_per_peak: samplesPerPeak,
            data,
          })),
        )
        .execute();
      return { recordingId, storedPeaks: total, complete: false };
    }

    const level: PeakLevel = {
      samplesPerPeak,
      channels: joined.map((data) => new Int16Array(Uint8Array.from(data).buffer)),
    };
    const levels = [level, ...coarser.map((spp) => coarsen(level, spp / finest))];
    await trx
      .insertInto('peaks')
      .values(
        levels.flatMap((stored) =>
          stored.channels.map((pairs, channel) => ({
            recording_id: recordingId,
            samples_per_peak: stored.samplesPerPeak,
            channel,
            data: Buffer.from(pairs.buffer, pairs.byteOffset, pairs.byteLength),
          })),
        ),
      )
      .execute();
    return { recordingId, storedPeaks: total, complete: true };
  });
}

/** Peaks already staged for the recording; a stage of another resolution or channel count counts as none. */
function stagedPeaks(
  rows: readonly { samples_per_peak: number; data: Buffer }[],
  channels: number,
  samplesPerPeak: number,
): number {
  if (
    rows.length !== channels ||
    rows.some((row) => row.samples_per_peak !== samplesPerPeak || row.data.length !== rows[0]!.data.length)
  )
    return 0;
  return rows[0]!.data.length / BYTES_PER_PAIR;
}

/** The part's channels as bytes, checked: one per channel, all the same whole number of (min, max) pairs. */
function checkPart(decoded: readonly Buffer[], channels: number): { pairs: number; channels: Buffer[] } {
  if (decoded.length !== channels) {
    throw new EarmarkError(
      'invalid_params',
      `channels: the recording has ${channels} channel${channels === 1 ? '' : 's'}, the part ${decoded.length}.`,
    );
  }
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
  return { pairs: bytes / BYTES_PER_PAIR, channels: [...decoded] };
}
