import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { Peaks } from '../../../shared/api';
import type { PeaksWindow } from '../../../shared/api/methods/review';
import { call } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { seedCall } from './seed';

let backend: Backend;
let cleanup: () => Promise<void>;
let recordingId: number;
let durationMs: number;
beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  // Read only, never changed: every test may share it.
  ({ recordingId, durationMs } = await seedCall(backend.database));
});
afterAll(() => cleanup());

const window = (params: object) =>
  call<PeaksWindow>(backend, 'recording.peaksWindow', { recordingId, ...params });

describeEachEngine('peaks for a window of a recording', () => {
  it('gives the overview at about the asked-for density, for every channel', async () => {
    const overview = await window({ fromMs: 0, toMs: durationMs, targetPeaks: 200 });
    expect(overview.channels).toHaveLength(2);
    for (const channel of overview.channels) {
      expect(channel.length).toBeGreaterThanOrEqual(200);
      expect(channel.length).toBeLessThan(2 * 200 + 2);
      expect(channel.every((v) => v >= 0 && v <= 1)).toBe(true);
      expect(Math.max(...channel)).toBeGreaterThan(0.05);
    }
    expect(overview.firstPeak).toBe(0);
  });

  it('reads a short window at the finest stored level, matching the stored min/max peaks', async () => {
    const fine = await call<Peaks>(backend, 'recording.peaks', { recordingId, targetPeaks: 1_000_000 });
    const part = await window({ fromMs: 4_000, toMs: 6_000, targetPeaks: 5_000 });
    expect(part.samplesPerPeak).toBe(fine.samplesPerPeak);
    const perSecond = part.sampleRate / part.samplesPerPeak;
    expect(part.firstPeak).toBe(Math.floor(4 * perSecond));
    expect(part.channels[0]!.length).toBeCloseTo(2 * perSecond, -1);
    part.channels.forEach((channel, c) =>
      channel.forEach((value, i) => {
        const k = part.firstPeak + i;
        const stored = Math.max(Math.abs(fine.channels[c]![2 * k]!), Math.abs(fine.channels[c]![2 * k + 1]!));
        expect(value).toBeCloseTo(stored, 2);
      }),
    );
  });

  it('clamps a window that runs past the end', async () => {
    const tail = await window({ fromMs: durationMs - 1_000, toMs: durationMs + 60_000, targetPeaks: 50 });
    const perPeakMs = (1000 * tail.samplesPerPeak) / tail.sampleRate;
    expect((tail.firstPeak + tail.channels[0]!.length) * perPeakMs).toBeLessThanOrEqual(
      durationMs + perPeakMs,
    );
    const after = await window({ fromMs: durationMs + 5_000, toMs: durationMs + 6_000, targetPeaks: 50 });
    expect(after.channels.every((channel) => channel.length === 0)).toBe(true);
  });

  it('refuses a window that ends before it starts, naming the field, and a missing recording', async () => {
    const backwards = await backend.dispatch('recording.peaksWindow', {
      recordingId,
      fromMs: 5_000,
      toMs: 4_000,
      targetPeaks: 100,
    });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(backwards.ok ? '' : backwards.error.message).toMatch(/toMs/);
    const huge = await backend.dispatch('recording.peaksWindow', {
      recordingId,
      fromMs: 0,
      toMs: 1,
      targetPeaks: 10_000_000,
    });
    expect(huge.ok ? '' : huge.error.message).toMatch(/targetPeaks/);
    expect(
      await backend.dispatch('recording.peaksWindow', {
        recordingId: 4_040,
        fromMs: 0,
        toMs: 1_000,
        targetPeaks: 100,
      }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
