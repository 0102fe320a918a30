import type { Backend } from '../../electron/backend/backend';
import { peakResolutions } from '../../electron/backend/media/peaks';
import { percentile, round } from './stats';

const SAMPLE_RATE = 8000;
const HOURS = 2;

/**
 * The waveform's reads in the review workspace, on the engine `backend` runs on (the caller prefixes
 * PostgreSQL's figures with `pg_`), through the dispatch as the page calls them:
 * - peaks_window_overview_ms_p50: `recording.peaksWindow` over the whole of a two-hour stereo call at
 *   3,000 peaks (the overview lane: a coarse stored level, merged);
 * - peaks_window_zoom_ms_p50/p95: a 30-second window at 1,500 peaks at random places (zoomed in: a
 *   slice of the finest level, 2.9 MB a channel, read out of the stored bytes).
 * The peaks are stored as the import stores them (three levels, Int16 min/max pairs), with a seeded
 * speech-like envelope, so both engines hold the same bytes.
 */
export async function benchPeaksWindow(backend: Backend, quick: boolean): Promise<Record<string, number>> {
  const { recordingId, durationMs } = await seedPeaks(backend);
  const call = async (fromMs: number, toMs: number, targetPeaks: number) => {
    const start = performance.now();
    const reply = await backend.dispatch('recording.peaksWindow', { recordingId, fromMs, toMs, targetPeaks });
    if (!reply.ok) throw new Error(`recording.peaksWindow: ${reply.error.message}`);
    return performance.now() - start;
  };
  const n = quick ? 50 : 300;
  const random = seeded(7);
  const overview: number[] = [];
  const zoom: number[] = [];
  for (let i = 0; i < n + 10; i++) {
    const o = await call(0, durationMs, 3000);
    const from = Math.floor(random() * (durationMs - 30_000));
    const z = await call(from, from + 30_000, 1500);
    if (i < 10) continue; // warm-up
    overview.push(o);
    zoom.push(z);
  }
  return {
    peaks_window_overview_ms_p50: round(percentile(overview, 50), 3),
    peaks_window_zoom_ms_p50: round(percentile(zoom, 50), 3),
    peaks_window_zoom_ms_p95: round(percentile(zoom, 95), 3),
  };
}

async function seedPeaks(backend: Backend): Promise<{ recordingId: number; durationMs: number }> {
  const durationMs = HOURS * 3600 * 1000;
  const frames = (durationMs / 1000) * SAMPLE_RATE;
  const [finest, ...coarser] = peakResolutions(SAMPLE_RATE) as [number, ...number[]];
  const channels = [0, 1].map((channel) => finestPeaks(Math.ceil(frames / finest), 11 + channel));
  const levels = [
    { spp: finest, channels },
    ...coarser.map((spp) => ({ spp, channels: channels.map((pairs) => coarsen(pairs, spp / finest)) })),
  ];
  return backend.database.transaction(async (trx) => {
    const { id: interactionId } = await trx
      .insertInto('interactions')
      .values({ kind: 'call', title: 'Two-hour peaks', source: 'bench', duration_ms: durationMs })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id: recordingId } = await trx
      .insertInto('recordings')
      .values({
        interaction_id: interactionId,
        path: '/nowhere/two-hour.wav',
        size_bytes: frames * 4,
        sha256: 'bench',
        container: 'wav',
        codec: 'pcm_s16le',
        sample_rate: SAMPLE_RATE,
        channels: 2,
        duration_ms: durationMs,
        channel_roles: JSON.stringify(['agent', 'customer']),
        source_paths: null,
        claimed_duration_ms: durationMs,
        damage: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('peaks')
      .values(
        levels.flatMap((level) =>
          level.channels.map((pairs, channel) => ({
            recording_id: recordingId,
            samples_per_peak: level.spp,
            channel,
            data: Buffer.from(pairs.buffer, pairs.byteOffset, pairs.byteLength),
          })),
        ),
      )
      .execute();
    return { recordingId, durationMs };
  });
}

/** (min, max) pairs of a voice that talks in turns of a few seconds, with a noise floor between. */
function finestPeaks(count: number, seed: number): Int16Array {
  const random = seeded(seed);
  const pairs = new Int16Array(count * 2);
  let level = 0;
  for (let i = 0; i < count; i++) {
    if (i % 300 === 0) level = random() < 0.5 ? 200 : 6000 + random() * 14_000;
    const peak = Math.round(level * (0.5 + random() / 2));
    pairs[2 * i] = -peak;
    pairs[2 * i + 1] = peak;
  }
  return pairs;
}

function coarsen(pairs: Int16Array, factor: number): Int16Array {
  const count = Math.ceil(pairs.length / 2 / factor);
  const out = new Int16Array(count * 2);
  for (let k = 0; k < count; k++) {
    let min = 0;
    let max = 0;
    for (let i = k * factor; i < Math.min(pairs.length / 2, (k + 1) * factor); i++) {
      min = Math.min(min, pairs[2 * i]!);
      max = Math.max(max, pairs[2 * i + 1]!);
    }
    out[2 * k] = min;
    out[2 * k + 1] = max;
  }
  return out;
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
