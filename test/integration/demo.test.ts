import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import type { DemoStatus, InteractionDetail, LibraryItem, Peaks } from '../../shared/api';
import { call, testBackend } from '../support/backend';
import { describeEachEngine, engineBackend } from '../support/engines';
import { resourcesDir, tempDir } from '../support/paths';

interface ManifestCall {
  id: string;
  title: string;
  file: string;
  durationMs: number;
  segments: { speaker: 'agent' | 'customer'; startMs: number; endMs: number; text: string }[];
}
const manifest = JSON.parse(readFileSync(join(resourcesDir, 'demo', 'manifest.json'), 'utf8')) as {
  calls: ManifestCall[];
  chats: { id: string; title: string; turns: unknown[] }[];
};

/** Each test on a fresh data folder and database of the engine under test: the demo offered, not yet loaded. */
let backend: Backend;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ backend, cleanup } = await engineBackend()));
afterEach(() => cleanup());

/** The library as the user sees it, engine-neutral: each interaction by title, with its people and size. */
async function shownLibrary(of: Backend) {
  const list = await call<{ total: number; items: LibraryItem[] }>(of, 'library.list', { limit: 100 });
  const items = list.items
    .map((item) => ({
      kind: item.kind,
      title: item.title,
      agent: item.agentName,
      team: item.teamName,
      startedAt: item.startedAt,
      durationMs: item.durationMs,
    }))
    .sort((a, b) => a.title.localeCompare(b.title));
  return { total: list.total, items };
}

/**
 * Which interactions a search finds, by title. Which turn is shown as the hit may differ between
 * engines where several match equally (bm25 against ts_rank); which interactions match does not.
 */
async function searchHits(of: Backend, text: string) {
  const found = await call<{ items: LibraryItem[] }>(of, 'library.list', { filters: { text }, limit: 100 });
  return found.items.map((item) => item.title).sort();
}

const SEARCHES = ['refund', 'router', 'excess', 'Anna', 'water damage', 'mbit'];

describeEachEngine('the demo data set', (engine) => {
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

  it("shows the same library, people and search hits as on the workstation's SQLite", async () => {
    await call(backend, 'demo.load');
    const shown = await shownLibrary(backend);
    expect(shown.total).toBe(manifest.calls.length + manifest.chats.length);
    expect(shown.items.map((item) => item.title)).toEqual(
      [...manifest.calls, ...manifest.chats].map((item) => item.title).sort((a, b) => a.localeCompare(b)),
    );
    const hits = Object.fromEntries(
      await Promise.all(SEARCHES.map(async (text) => [text, await searchHits(backend, text)] as const)),
    );
    expect(hits.refund).toEqual(['Double charge on invoice', 'Returning a faulty router']);
    for (const text of SEARCHES) expect(hits[text], text).not.toEqual([]);
    if (engine === 'postgres') {
      const reference = await testBackend();
      try {
        await call(reference.backend, 'demo.load');
        expect(shown).toEqual(await shownLibrary(reference.backend));
        for (const text of SEARCHES)
          expect(hits[text], text).toEqual(await searchHits(reference.backend, text));
      } finally {
        await reference.backend.close();
        reference.cleanup();
      }
    }
  });

  it('loads each interaction once when loaded twice at the same time', async () => {
    const [first, second] = await Promise.all([call(backend, 'demo.load'), call(backend, 'demo.load')]);
    const loaded = [first, second] as { calls: number; chats: number }[];
    expect(loaded.reduce((sum, l) => sum + l.calls, 0)).toBe(manifest.calls.length);
    expect(loaded.reduce((sum, l) => sum + l.chats, 0)).toBe(manifest.chats.length);
    const list = await call<{ total: number }>(backend, 'library.list', {});
    expect(list.total).toBe(manifest.calls.length + manifest.chats.length);
    const recordings = await backend.database.query.selectFrom('recordings').select('id').execute();
    expect(recordings).toHaveLength(manifest.calls.length);
  });

  it('loads nothing, and says which file, when a recording of the data set is missing', async () => {
    const shipped = tempDir('earmark-demo-resources-');
    try {
      cpSync(join(resourcesDir, 'demo'), join(shipped.dir, 'demo'), { recursive: true });
      const lastCall = manifest.calls.at(-1)!.file;
      rmSync(join(shipped.dir, 'demo', lastCall));
      const broken = await engineBackend({ resourcesDir: shipped.dir });
      try {
        const reply = await broken.backend.dispatch('demo.load', {});
        expect(reply).toMatchObject({ ok: false, error: { code: 'not_found' } });
        expect(!reply.ok && reply.error.message).toContain(lastCall);
        expect(await call<{ total: number }>(broken.backend, 'library.list', {})).toMatchObject({ total: 0 });
        expect(await call<DemoStatus>(broken.backend, 'demo.status')).toEqual({ offer: true, loaded: false });
      } finally {
        await broken.cleanup();
      }
    } finally {
      shipped.cleanup();
    }
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
