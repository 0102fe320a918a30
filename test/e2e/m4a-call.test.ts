import Database from 'better-sqlite3';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/backend/db/open';
import { expectPeaksClose, readPeaksJson } from '../integration/media/support';
import { repoRoot, tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

/**
 * An M4A (AAC) call, which the backend plays but does not decode: it opens and plays at once with flat
 * lanes, the page decodes it with Chromium's own AAC decoder a window at a time, stores the peaks, and
 * the waveform appears. A call whose peaks were lost also opens and plays. Clicking a turn while paused
 * plays from it; Escape in a moment's tag box hands the keys back to the player.
 */
const fixtures = join(repoRoot, 'test', 'fixtures', 'audio');
const TURNS = [
  { speaker: 'agent', start: 0.1, end: 1.1, text: 'Good morning, this is Anna from the help desk.' },
  { speaker: 'customer', start: 1.3, end: 2.3, text: 'Hello, my parcel never arrived.' },
];

let host: RunningHost;
let browser: Browser;
let page: Page;
const data = tempDir('earmark-e2e-m4a-');
const folder = tempDir('earmark-e2e-m4a-files-');

beforeAll(async () => {
  copyFileSync(join(fixtures, 'speech.m4a'), join(folder.dir, 'parcel-call.m4a'));
  writeFileSync(join(folder.dir, 'parcel-call.json'), JSON.stringify(TURNS));
  copyFileSync(join(fixtures, 'pcm-s16-stereo.wav'), join(folder.dir, 'lost-peaks-call.wav'));
  host = await startHost(data.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.url);
  await waitForReady(page);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
  folder.cleanup();
});

const audio = () =>
  page.getByTestId('player-audio').evaluate((el: HTMLAudioElement) => ({
    currentTime: el.currentTime,
    paused: el.paused,
    crossOrigin: el.crossOrigin,
  }));
const openCall = async (name: string) => {
  await page.getByTestId('nav-library').click();
  await page.getByTestId('library-table').waitFor();
  await page.getByTestId('library-row').filter({ hasText: name }).click();
  await page.locator('[data-testid="player"][data-state="ready"]').waitFor();
};
/** The stored loudness of the waveform the page drew, from the API the page itself uses. */
const storedPeaks = (recordingId: number) =>
  page.evaluate(async (id) => {
    const token = sessionStorage.getItem('earmark.token');
    const response = await fetch('/api/recording.peaks', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ recordingId: id, targetPeaks: 1_000_000 }),
    });
    return (await response.json()) as {
      ok: boolean;
      value?: { samplesPerPeak: number; channels: number[][] };
    };
  }, recordingId);

describe('an M4A call', () => {
  it('is imported with its transcript', async () => {
    await page.getByTestId('nav-import').click();
    await page.getByTestId('import-paths').fill(folder.dir);
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-plan').waitFor();
    await page.getByTestId('import-start').click();
    await page.locator('[data-testid="import-progress"][data-state="done"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-counts').textContent()).toMatch(
      /2 imported · 0 already there · 0 failed/,
    );
  });

  it('opens and plays at once with flat lanes while the page decodes it, then shows its waveform', async () => {
    // The peaks' way back to the backend is held up (the request itself is untouched), so the call is
    // seen as it is while a long recording is still being decoded.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/recording.savePeaks', async (route) => {
      await held;
      await route.continue();
    });
    await openCall('parcel call');
    expect((await audio()).crossOrigin).toBe('anonymous');
    await page.locator('[data-testid="player"][data-waveform="drawing"]').waitFor();
    expect(await page.getByTestId('waveform-status').textContent()).toMatch(
      /Drawing the waveform… \d+\u00a0%/,
    );
    await page.getByTestId('player-toggle').click();
    await page.waitForFunction(
      () =>
        (document.querySelector<HTMLAudioElement>('[data-testid="player-audio"]')?.currentTime ?? 0) > 0.3,
    );
    expect((await audio()).paused).toBe(false);
    await screenshot(page, 'm4a-01-call-drawing-waveform');
    await page.getByTestId('player-toggle').click();
    await expect.poll(async () => (await audio()).paused).toBe(true);

    release();
    // The waveform is drawn from peaks this page computed with Chromium's AAC decoder and stored.
    await page.locator('[data-testid="player"][data-waveform="stored"][data-state="ready"]').waitFor();
    await page.unroute('**/api/recording.savePeaks');
    await screenshot(page, 'm4a-02-call-with-waveform');

    const recordingId = Number(
      new Database(join(data.dir, DATABASE_FILE), { readonly: true })
        .prepare(`SELECT id FROM recordings WHERE path LIKE '%parcel-call.m4a'`)
        .pluck()
        .get(),
    );
    const peaks = await storedPeaks(recordingId);
    expect(peaks.ok).toBe(true);
    const fine = peaks.value!.channels[0]!;
    expect(peaks.value!.samplesPerPeak).toBe(160); // 100 a second at 16 kHz, as the import stores
    // 37888 samples (ffmpeg's gapless decode of this file) in peaks of 160: 237 (min, max) pairs.
    expect(fine.length).toBe(2 * 237);
    const loud = fine.filter((v) => Math.abs(v) > 0.1).length;
    expect(loud).toBeGreaterThan(50); // speech, not a flat line
    // Chromium's AAC decoder gives the peaks of ffmpeg's decode of the same file (the fixture's reference).
    const reference = readPeaksJson(join(fixtures, 'speech.m4a.peaks.json'));
    expectPeaksClose(
      fine.map((v) => Math.round(v * 32768)),
      reference.peaks[0]!,
      { max: 64, p90: 2, lengthSlack: 0 },
      'speech.m4a decoded in Chromium',
    );
    // The lanes drawn are no longer flat: wavesurfer's canvas has ink well above the midline.
    const inked = await page.getByTestId('waveform').evaluate((el) => {
      const canvases = [...el.querySelectorAll('canvas')].concat(
        ...[...el.querySelectorAll('*')].flatMap((node) =>
          node.shadowRoot ? [...node.shadowRoot.querySelectorAll('canvas')] : [],
        ),
      );
      let tall = 0;
      for (const canvas of canvases) {
        const context = canvas.getContext('2d');
        if (!context || canvas.width === 0 || canvas.height < 20) continue;
        const { data } = context.getImageData(0, 0, canvas.width, Math.floor(canvas.height / 4));
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) tall++;
      }
      return tall;
    });
    expect(inked).toBeGreaterThan(100);
  });

  it('plays from a turn clicked while paused', async () => {
    const before = await audio();
    expect(before.paused).toBe(true);
    const turn = page.getByTestId('transcript-segment').nth(1);
    await turn.getByRole('button', { name: /Play from 0:01/ }).click();
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLAudioElement>('[data-testid="player-audio"]');
      return !!el && !el.paused && el.currentTime >= 1.3;
    });
    await page.getByTestId('player-toggle').click();
    await expect.poll(async () => (await audio()).paused).toBe(true);
  });

  it('hands the keys back to the player on Escape in a moment’s tag box', async () => {
    await page.keyboard.press('m');
    await page.getByTestId('moment-editor').waitFor();
    const tags = page.locator('input[data-testid="moment-tags"], [data-testid="moment-tags"] input').first();
    await tags.click();
    await tags.pressSequentially('half-typ');
    await tags.press('Escape');
    await expect.poll(() => tags.evaluate((el) => el === document.activeElement)).toBe(false);
    await expect.poll(() => tags.inputValue()).toBe('');
    const at = (await audio()).currentTime;
    await page.keyboard.press('Space');
    await expect.poll(async () => (await audio()).paused).toBe(false);
    await page.waitForFunction(
      (from) =>
        (document.querySelector<HTMLAudioElement>('[data-testid="player-audio"]')?.currentTime ?? 0) > from,
      at,
    );
    await page.keyboard.press('Space');
    await expect.poll(async () => (await audio()).paused).toBe(true);
    // The half-typed name did not become a tag.
    expect(await page.getByTestId('moment-editor').textContent()).not.toContain('half-typ');
  });
});

describe('a call whose peaks are missing', () => {
  it('opens with flat lanes and a note, and plays', async () => {
    const db = new Database(join(data.dir, DATABASE_FILE));
    db.prepare(
      `DELETE FROM peaks WHERE recording_id = (SELECT id FROM recordings WHERE path LIKE '%lost-peaks-call.wav')`,
    ).run();
    db.close();
    await page.goto(host.url);
    await waitForReady(page);
    await openCall('lost peaks call');
    await page.locator('[data-testid="player"][data-waveform="unavailable"]').waitFor();
    expect(await page.getByTestId('waveform-status').textContent()).toContain(
      'No waveform for this recording',
    );
    expect(await page.getByTestId('player-lane').count()).toBe(2);
    await screenshot(page, 'm4a-03-missing-peaks-en');
    await page.getByTestId('player-toggle').click();
    await page.waitForFunction(
      () =>
        (document.querySelector<HTMLAudioElement>('[data-testid="player-audio"]')?.currentTime ?? 0) > 0.3,
    );
    await page.getByTestId('player-toggle').click();
  });

  it('says so in German and Finnish too', async () => {
    for (const [language, note] of [
      ['Deutsch', 'keine Wellenform'],
      ['Suomi', 'ei ole aaltomuotoa'],
    ] as const) {
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-language').click();
      await page.getByRole('option', { name: language }).click();
      await openCall('lost peaks call');
      await expect.poll(() => page.getByTestId('waveform-status').textContent()).toContain(note);
      await screenshot(page, `m4a-04-missing-peaks-${language === 'Deutsch' ? 'de' : 'fi'}`);
    }
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-language').click();
    await page.getByRole('option', { name: 'English' }).click();
  });
});
