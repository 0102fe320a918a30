import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reel, ReelSummary } from '../../shared/api/methods/reels';
import { tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

/**
 * A team lead puts a wow reel together for the team meeting, through the browser host on a real
 * backend: the exemplary moments of the demo's calls and chats are offered newest first, she adds two,
 * names and saves the reel, finds it again after a reload, plays it to the end, and deletes it.
 */
let host: RunningHost;
let browser: Browser;
let page: Page;
const data = tempDir('earmark-e2e-reels-');
const moments: Record<string, number> = {};

const byTestId = (id: string) => page.getByTestId(id);
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
const candidate = (id: number) => page.locator(`[data-testid="reel-candidate"][data-moment-id="${id}"]`);

/** Exemplary moments on Anna Berg's call (2 Nov), Jonas Keller's call (2 Nov) and Mikko Laine's chat (6 Nov). */
async function seedMoments() {
  const tags = await host.api<{ id: number; builtin: string | null }[]>('tag.list');
  const exemplary = tags.find((tag) => tag.builtin === 'exemplary')!.id;
  const library = await host.api<{ items: { id: number; title: string }[] }>('library.list', { limit: 100 });
  const id = (title: string) => library.items.find((item) => item.title === title)!.id;
  const pin = async (title: string, where: object, comment: string) =>
    (
      await host.api<{ id: number }>('moment.create', {
        interactionId: id(title),
        ...where,
        comment,
        tagIds: [exemplary],
      })
    ).id;
  moments.anna = await pin('Double charge on invoice', { startMs: 1000, endMs: 4000 }, 'Lovely greeting');
  moments.jonas = await pin(
    'Connection drops every evening',
    { startMs: 2000, endMs: 5000 },
    'Calm and clear',
  );
  moments.mikko = await pin('Question about cover and excess', { turnSeq: 0 }, 'Answered in one message');
}

beforeAll(async () => {
  host = await startHost(data.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await host.api('demo.load');
  await host.api('profile.create', { name: 'Lena Fischer', role: 'team_lead' });
  await seedMoments();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
});

describe('a wow reel', () => {
  it('offers the exemplary moments newest first', async () => {
    await page.goto(`${host.url}#/reels`);
    await waitForReady(page);
    await page.locator('[data-testid="reels"][data-state="ready"]').waitFor();
    await poll(() => byTestId('reel-candidate').count()).toBe(3);
    const order = await byTestId('reel-candidate').evaluateAll((nodes) =>
      nodes.map((node) => Number(node.getAttribute('data-moment-id'))),
    );
    expect(order).toEqual([moments.mikko, moments.jonas, moments.anna]);
    await screenshot(page, 'reels-01-candidates');
  });

  it('is put together, named and saved, and is there after a reload', async () => {
    await candidate(moments.anna!).getByTestId('reel-add').click();
    await candidate(moments.mikko!).getByTestId('reel-add').click();
    await candidate(moments.anna!).getByTestId('reel-added').waitFor();
    await byTestId('reel-title').fill('November wow');
    await byTestId('reel-save').click();
    await page.locator('[data-testid="reel-builder"][data-saved="true"][data-changed="false"]').waitFor();
    const id = Number(/#\/reels\/(\d+)/.exec(page.url())?.[1]);
    expect(id).toBeGreaterThan(0);
    await poll(() => byTestId('saved-reel').count()).toBe(1);
    await screenshot(page, 'reels-02-saved');

    const stored = await host.api<Reel>('reel.get', { id });
    expect(stored).toMatchObject({ title: 'November wow', createdBy: { name: 'Lena Fischer' } });
    expect(stored.moments.map((m) => m.id)).toEqual([moments.anna, moments.mikko]);

    await page.reload();
    await waitForReady(page);
    await page.locator('[data-testid="reels"][data-state="ready"]').waitFor();
    expect(await byTestId('reel-title').inputValue()).toBe('November wow');
    await poll(() => byTestId('reel-entry').count()).toBe(2);
  });

  it('plays to the end by itself: the call clip, then the chat message for its reading time', async () => {
    await byTestId('reel-play').click();
    await byTestId('reel-player').waitFor();
    await poll(() => byTestId('reel-agent').textContent()).toBe('Anna Berg');
    await screenshot(page, 'reels-03-playing', { asShown: true });
    await expect.poll(() => byTestId('reel-agent').textContent(), { timeout: 20_000 }).toBe('Mikko Laine');
    await page.locator('[data-testid="reel-end"]').waitFor({ timeout: 30_000 });
    await screenshot(page, 'reels-04-end', { asShown: true });
    await page.keyboard.press('Escape');
    await byTestId('reel-player').waitFor({ state: 'detached' });
  });

  it('is deleted', async () => {
    await byTestId('saved-reel-delete').click();
    await byTestId('saved-reel-delete-confirm').click();
    await poll(() => byTestId('saved-reel').count()).toBe(0);
    await page.locator('[data-testid="reel-builder"][data-saved="false"]').waitFor();
    expect(await host.api<ReelSummary[]>('reel.list')).toEqual([]);
  });
});
