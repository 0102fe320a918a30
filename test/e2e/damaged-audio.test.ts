import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

/**
 * A damaged MP3 (test/fixtures/audio/damaged.mp3: a frame header overwritten, ten frames zeroed) is
 * imported through the import screen, which lists it as imported with a warning; its call opens, plays,
 * and says under the player how much was damaged, in English, German and Finnish.
 */
const fixtures = join(repoRoot, 'test', 'fixtures', 'audio');

let host: RunningHost;
let browser: Browser;
let page: Page;
const data = tempDir('earmark-e2e-damaged-');
const folder = tempDir('earmark-e2e-damaged-files-');

beforeAll(async () => {
  copyFileSync(join(fixtures, 'damaged.mp3'), join(folder.dir, 'dropout-call.mp3'));
  copyFileSync(join(fixtures, 'speech.mp3'), join(folder.dir, 'intact-call.mp3'));
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

const openCall = async (name: string) => {
  await page.getByTestId('nav-library').click();
  await page.getByTestId('library-table').waitFor();
  await page.getByTestId('library-row').filter({ hasText: name }).click();
  await page.locator('[data-testid="player"][data-state="ready"]').waitFor();
};

describe('a damaged MP3', () => {
  it('is imported, and the import says how much of it was damaged', async () => {
    await page.getByTestId('nav-import').click();
    await page.getByTestId('import-paths').fill(folder.dir);
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-plan').waitFor();
    await page.getByTestId('import-start').click();
    await page.locator('[data-testid="import-progress"][data-state="done"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-counts').textContent()).toMatch(
      /2 imported · 0 already there · 0 failed/,
    );
    const rows = page.getByTestId('import-warning-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toBe(
      'dropout-call.mp3' +
        'Part of this recording is damaged: about 0.79 s (1%) could not be read and was left out (11 of 1,102 MP3 frames).',
    );
    await screenshot(page, 'damaged-01-import-warning');
  });

  it('opens, plays, and says under the player what was damaged, in each language', async () => {
    await openCall('dropout call');
    const notice = page.getByTestId('damage-notice');
    expect(await notice.textContent()).toBe(
      'Part of this recording is damaged: about 0.79 s (1%) could not be read and was left out (11 of 1,102 MP3 frames).',
    );
    expect(await page.locator('[data-testid="player"]').getAttribute('data-waveform')).toBe('stored');
    await page.getByTestId('player-toggle').click();
    await page.waitForFunction(
      () =>
        (document.querySelector<HTMLAudioElement>('[data-testid="player-audio"]')?.currentTime ?? 0) > 0.3,
    );
    await page.getByTestId('player-toggle').click();
    await screenshot(page, 'damaged-02-call-notice-en');

    for (const [language, name, text] of [
      [
        'de',
        'Deutsch',
        'Ein Teil dieser Aufnahme ist beschädigt: etwa 0,79 s Audio (1 %) ließ sich nicht lesen und wurde ausgelassen (11 von 1.102 MP3-Frames).',
      ],
      [
        'fi',
        'Suomi',
        'Osa tästä tallenteesta on vioittunut: noin 0,79 s (1 %) ei voitu lukea, ja se jätettiin pois (11/1 102 MP3-kehystä).',
      ],
    ] as const) {
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-language').click();
      await page.getByRole('option', { name }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
      await openCall('dropout call');
      // Intl's spaces in numbers and before % are narrow no-break ones.
      await expect.poll(async () => (await notice.textContent())?.replace(/\s/g, ' ')).toBe(text);
      await screenshot(page, `damaged-03-call-notice-${language}`);
    }
  });

  it('an intact call has no notice', async () => {
    await openCall('intact call');
    expect(await page.getByTestId('damage-notice').count()).toBe(0);
  });
});
