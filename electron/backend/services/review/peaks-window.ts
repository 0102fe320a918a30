import type { ParsedParams } from '../../../../shared/api';
import type { PeaksWindow } from '../../../../shared/api/methods/review';
import { EarmarkError } from '../../../../shared/errors';
import { sql } from 'kysely';
import type { Query } from '../../db/schema';
import { peakResolutions } from '../../media/peaks';

const BYTES_PER_PAIR = 4; // stored as Int16 (min, max) pairs

/**
 * Peaks for a window of a recording at about the asked-for density. Picks the coarsest stored level that
 * still gives `targetPeaks` across the window, then merges neighbouring peaks by a whole factor so the
 * answer holds between `targetPeaks` and twice that: the overview of a two-hour call is a few thousand
 * numbers, and a zoomed-in screen is about one peak per pixel at the finest level. Only the window's
 * bytes are read out of each stored level.
 */
export async function peaksWindow(
  q: Query,
  params: ParsedParams<'recording.peaksWindow'>,
): Promise<PeaksWindow> {
  const { recordingId, targetPeaks } = params;
  const recording = await q
    .selectFrom('recordings')
    .select(['sample_rate as sampleRate', 'duration_ms as durationMs'])
    .where('id', '=', recordingId)
    .executeTakeFirst();
  if (!recording)
    throw new EarmarkError('not_found', `recordingId: there is no recording with id ${recordingId}.`);
  const levels = await storedLevels(q, recordingId);
  const { sampleRate, durationMs } = recording;
  const finest = levels.at(-1);
  // No peaks (an AAC recording before the renderer has decoded it, or peaks lost): no channels, so the
  // player draws flat lanes and still plays the call.
  if (finest === undefined) {
    return {
      recordingId,
      sampleRate,
      durationMs,
      samplesPerPeak: peakResolutions(sampleRate)[0]!,
      firstPeak: 0,
      channels: [],
    };
  }

  const fromMs = Math.min(params.fromMs, durationMs);
  const toMs = Math.min(params.toMs, durationMs);
  const fromFrame = Math.floor((fromMs / 1000) * sampleRate);
  const toFrame = Math.ceil((toMs / 1000) * sampleRate);
  const frames = Math.max(0, toFrame - fromFrame);

  const stored = levels.find((spp) => frames / spp >= targetPeaks) ?? finest;
  const factor = Math.max(1, Math.floor(frames / stored / targetPeaks));
  const samplesPerPeak = stored * factor;
  const firstPeak = Math.floor(fromFrame / samplesPerPeak);
  const endPeak = frames === 0 ? firstPeak : Math.ceil(toFrame / samplesPerPeak);

  // substr() cuts bytes out of a BLOB on SQLite and out of a bytea on PostgreSQL alike (1-based).
  const from = firstPeak * factor * BYTES_PER_PAIR + 1;
  const length = (endPeak - firstPeak) * factor * BYTES_PER_PAIR;
  const rows = await q
    .selectFrom('peaks')
    .select(sql<Buffer>`substr(data, ${from}, ${length})`.as('bytes'))
    .where('recording_id', '=', recordingId)
    .where('samples_per_peak', '=', stored)
    .orderBy('channel')
    .execute();

  return {
    recordingId,
    sampleRate,
    durationMs,
    samplesPerPeak,
    firstPeak,
    channels: rows.map(({ bytes }) => loudness(bytes, factor)),
  };
}

/** The resolutions stored for a recording, coarsest first (samples per peak); none before its peaks exist. */
export async function storedLevels(q: Query, recordingId: number): Promise<number[]> {
  const rows = await q
    .selectFrom('peaks')
    .select('samples_per_peak')
    .distinct()
    .where('recording_id', '=', recordingId)
    .orderBy('samples_per_peak', 'desc')
    .execute();
  return rows.map((row) => row.samples_per_peak);
}

/** Merges every `factor` stored (min, max) pairs into one loudness value 0..1, rounded to three decimals. */
function loudness(bytes: Buffer, factor: number): number[] {
  // Copy first: SQLite's buffer may start at an odd offset, which an Int16Array view cannot.
  const pairs = new Int16Array(Uint8Array.from(bytes).buffer, 0, Math.floor(bytes.length / 2));
  const count = Math.ceil(pairs.length / 2 / factor);
  const out = new Array<number>(count);
  for (let k = 0; k < count; k++) {
    let peak = 0;
    const end = Math.min(pairs.length, (k + 1) * factor * 2);
    for (let i = k * factor * 2; i < end; i++) {
      const value = Math.abs(pairs[i]!);
      if (value > peak) peak = value;
    }
    out[k] = Math.round((peak / 32768) * 1000) / 1000;
  }
  return out;
}
