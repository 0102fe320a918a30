import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import type { DemoStatus, InteractionDetail, Peaks } from '../../shared/api';
import { call, testBackend } from '../support/backend';
import { resourcesDir } from '../support/paths';

interface ManifestCall {
  id: string;
  title: string;
  durationMs: number;
  segments: { speaker: 'agent' | 'customer'; startMs: number; endMs: number; text: string }[];
}
const manifest = JSON.parse(readFileSync(join(resourcesDir, 'demo', 'manifest.json'), 'utf8')) as {
  calls: ManifestCall[];
  chats: { id: string; turns: unknown[] }[];
};

/** Each test on a fresh data folder: the demo offered, not yet loaded. */
let backend: Backend;
let cleanup: () => void;
beforeEach(async () => ({ backend, cleanup } = await testBackend()));
afterEach(() => cleanup());

describe('the demo data set', () => {
  it('is offered on first run', async () => {
    expect(await call<DemoStatus>(backend, 'demo.status')).toEqual({ offer: true, loaded: false });
  });

  it('loads its calls and chats, each with agent and team', async () => {
    const loaded = await call(backend, 'demo.load');
    expect(loaded).toEqual({ calls: manifest.calls.length, chats: manifest.chats.length });
    const list = await call<{
      total: number;
      items: { kind: string; agentName: string; teamName: string }[];
    }>(backend, 'library.list', { limit: 100 });
    expect(list.total).toBe(manifest.calls.length + manifest.chats.length);
    expect(list.items.every((item) => item.agentName && item.teamName)).toBe(true);
    expect(await call<DemoStatus>(backend, 'demo.status')).toEqual({ offer: false, loaded: true });
  });

  it('skips what is already there when loaded again', async () => {
    await call(backend, 'demo.load');
    expect(await call(backend, 'demo.load')).toEqual({ calls: 0, chats: 0 });
    const list = await call<{ total: number }>(backend, 'library.list', {});
    expect(list.total).toBe(manifest.calls.length + manifest.chats.length);
  });

  it('stores each call as a stereo agent/customer recording with its measured duration and transcript', async () => {
    await call(backend, 'demo.load');
    const calls = await call<{ items: { id: number; title: string }[] }>(backend, 'library.list', {
      filters: { kind: 'call' },
    });
    for (const expected of manifest.calls) {
      const summary = calls.items.find((item) => item.title === expected.title)!;
      const detail = await call<InteractionDetail>(backend, 'interaction.get', { id: summary.id });
      expect(detail.recording).toMatchObject({
        channels: 2,
        sampleRate: 8000,
        channelRoles: ['agent', 'customer'],
      });
      expect(detail.recording!.durationMs).toBe(expected.durationMs);
      expect(detail.segments.map((s) => s.text)).toEqual(expected.segments.map((s) => s.text));
    }
  });

  it('computes peaks that put each voice on its own lane', async () => {
    await call(backend, 'demo.load');
    const calls = await call<{ items: { id: number; title: string }[] }>(backend, 'library.list', {
      filters: { kind: 'call' },
    });
    const expected = manifest.calls[0]!;
    const summary = calls.items.find((item) => item.title === expected.title)!;
    const detail = await call<InteractionDetail>(backend, 'interaction.get', { id: summary.id });
    const peaks = await call<Peaks>(backend, 'recording.peaks', {
      recordingId: detail.recording!.id,
      targetPeaks: 1000,
    });
    expect(peaks.channels).toHaveLength(2);
    const [agent, customer] = peaks.channels as [number[], number[]];
    const secondsPerPeak = peaks.samplesPerPeak / peaks.sampleRate;
    const loudness = (lane: number[], startMs: number, endMs: number) => {
      let max = 0;
      for (
        let p = Math.ceil(startMs / 1000 / secondsPerPeak);
        p < Math.floor(endMs / 1000 / secondsPerPeak);
        p++
      ) {
        max = Math.max(max, Math.abs(lane[p * 2] ?? 0), Math.abs(lane[p * 2 + 1] ?? 0));
      }
      return max;
    };
    for (const segment of expected.segments) {
      const [own, other] = segment.speaker === 'agent' ? [agent, customer] : [customer, agent];
      expect(loudness(own, segment.startMs, segment.endMs), segment.text).toBeGreaterThan(0.05);
      // The other lane is silent unless the other party talks over this one (the interruption call).
      const overlapping = expected.segments.some(
        (s) => s.speaker !== segment.speaker && s.startMs < segment.endMs && s.endMs > segment.startMs,
      );
      if (!overlapping)
        expect(loudness(other, segment.startMs + 50, segment.endMs - 50), segment.text).toBeLessThan(0.01);
    }
  });
});
