import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcesDir, tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

const manifest = JSON.parse(readFileSync(join(resourcesDir, 'demo', 'manifest.json'), 'utf8')) as {
  calls: { title: string; durationMs: number; segments: { startMs: number; text: string }[] }[];
  chats: { title: string; turns: unknown[] }[];
};
const billing = manifest.calls[0]!;
const chat = manifest.chats[0]!;

let host: RunningHost;
let browser: Browser;
let page: Page;
const data = tempDir('earmark-e2e-');

beforeAll(async () => {
  host = await startHost(data.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
});

const audio = () => page.locator('[data-testid="player-audio"]');
const audioState = () =>
  audio().evaluate((el: HTMLAudioElement) => ({
    currentTime: el.currentTime,
    duration: el.duration,
    paused: el.paused,
  }));

describe('Earmark in the browser host', () => {
  it('opened without its token, shows the app but no data, and says how to get in', async () => {
    const api = await fetch(host.origin + '/api/app.info', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(api.status).toBe(401);
    const stranger = await browser.newPage();
    try {
      await stranger.goto(host.origin + '/');
      const error = stranger.locator('[data-app-state="error"]');
      await error.waitFor();
      expect(await error.textContent()).toContain('?token=');
      await screenshot(stranger, '00-without-token');
    } finally {
      await stranger.close();
    }
  });

  it('offers the demo data set on first run, with the token taken out of the address', async () => {
    await page.goto(host.url);
    await waitForReady(page);
    await page.getByTestId('demo-offer').waitFor();
    expect(page.url()).toMatch(new RegExp(`^${host.origin}/(#/?)?$`));
    expect(await page.context().cookies()).toEqual([]);
    await screenshot(page, '01-first-run');
  });

  it('loads the demo data into the library', async () => {
    await page.getByTestId('demo-load').click();
    await page.getByTestId('library-table').waitFor();
    await expect
      .poll(() => page.getByTestId('library-row').count())
      .toBe(manifest.calls.length + manifest.chats.length);
    await screenshot(page, '02-library');
  });

  it('opens a call and plays it with a finite, correct duration', async () => {
    await page.getByRole('link', { name: billing.title }).click();
    await page.locator('[data-testid="player"][data-state="ready"]').waitFor();
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLAudioElement>('[data-testid="player-audio"]');
      return el !== null && el.readyState >= 1;
    });
    const before = await audioState();
    expect(Number.isFinite(before.duration)).toBe(true);
    expect(before.duration).toBeCloseTo(billing.durationMs / 1000, 1);
    await screenshot(page, '03-call');

    await page.getByTestId('player-toggle').click();
    await page.waitForFunction(
      () =>
        (document.querySelector<HTMLAudioElement>('[data-testid="player-audio"]')?.currentTime ?? 0) > 1.5,
    );
    await screenshot(page, '04-call-playing');
    await page.getByTestId('player-toggle').click();
    await page.waitForFunction(
      () => document.querySelector<HTMLAudioElement>('[data-testid="player-audio"]')?.paused,
    );
  });

  it('plays from a transcript turn when it is clicked', async () => {
    const turn = billing.segments[4]!;
    const start = turn.startMs / 1000;
    await page.getByTestId('transcript-segment').nth(4).click();
    // It plays on from the turn's start, so read where it is as a window, not a point: on a busy
    // machine a second can pass before the poll looks.
    await expect
      .poll(async () => {
        const { currentTime, paused } = await audioState();
        return !paused && currentTime >= start - 0.05 && currentTime < start + 3;
      })
      .toBe(true);
    await expect
      .poll(() => page.getByTestId('transcript-segment').nth(4).getAttribute('data-active'))
      .toBe('true');
  });

  it('searches transcripts, keeps the search in the URL and opens the hit', async () => {
    await page.getByTestId('back-to-library').click();
    await page.getByTestId('library-search').fill('"duplicate payment"');
    await expect.poll(() => page.getByTestId('library-row').count()).toBe(1);
    expect(await page.getByTestId('search-snippet').textContent()).toContain('duplicate payment');
    expect(page.url()).toContain('q=%22duplicate+payment%22');
    await screenshot(page, '05-search');
    await page.reload();
    await waitForReady(page);
    await expect.poll(() => page.getByTestId('library-row').count()).toBe(1);
    // Back to an earlier search brings its words back into the box, not just its results.
    await page.getByTestId('library-search').fill('router');
    await page.waitForURL(/q=router/);
    await page.goBack();
    await page.waitForURL(/q=%22duplicate/);
    await expect.poll(() => page.getByTestId('library-search').inputValue()).toBe('"duplicate payment"');
    await expect.poll(() => page.getByTestId('library-row').count()).toBe(1);
    await page.getByTestId('library-open').click();
    await page.locator('[data-testid="interaction"][data-kind="call"]').waitFor();
    await page.getByTestId('back-to-library').click();
    await page.getByTestId('library-clear').click();
    await expect
      .poll(() => page.getByTestId('library-row').count())
      .toBe(manifest.calls.length + manifest.chats.length);
  });

  it('narrows to a score range from the keyboard and keeps it in the URL', async () => {
    await page.getByRole('slider').first().focus(); // the lower thumb, in steps of 5
    for (let n = 0; n < 4; n++) await page.keyboard.press('ArrowRight');
    await page.waitForURL(/scoreMin=20/);
    await page.getByTestId('library-empty').waitFor(); // nothing has been reviewed yet
    await page.reload();
    await waitForReady(page);
    expect(await page.getByTestId('library-score-range').textContent()).toMatch(/20\s?% – 100\s?%/);
    await page.getByTestId('library-clear').click();
    await expect
      .poll(() => page.getByTestId('library-row').count())
      .toBe(manifest.calls.length + manifest.chats.length);
  });

  it('shows a chat as turns', async () => {
    await page.getByRole('link', { name: chat.title }).click();
    await page.getByTestId('chat').waitFor();
    expect(await page.getByTestId('chat-turn').count()).toBe(chat.turns.length);
    await screenshot(page, '06-chat');
  });

  it('switches the interface language and keeps it after a reload', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings').waitFor();
    await screenshot(page, '07-settings');
    await page.getByTestId('settings-language').click();
    await page.getByRole('option', { name: 'Deutsch' }).click();
    await expect.poll(() => page.getByTestId('nav-library').textContent()).toContain('Bibliothek');
    await page.reload();
    await waitForReady(page);
    expect(await page.getByTestId('nav-library').textContent()).toContain('Bibliothek');
    await page.getByTestId('nav-library').click();
    await page.getByTestId('library-table').waitFor();
    await screenshot(page, '08-library-de');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-language').click();
    await page.getByRole('option', { name: 'Suomi' }).click();
    await expect.poll(() => page.getByTestId('nav-library').textContent()).toContain('Kirjasto');
    await screenshot(page, '09-settings-fi');
  });
});
