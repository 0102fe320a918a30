import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audioData, tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startTeam, type RunningTeam } from './support/team-host';

/**
 * The import screen of a team server: a recording dropped onto it is uploaded to the server's storage
 * and imported, and shows in the library; the administrator's folder is offered to browse instead of
 * this computer's paths. Screenshots in English, German and Finnish.
 */
const PASSWORD = 'a long enough password';
const share = tempDir('earmark-e2e-share-');
let team: RunningTeam;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(join(share.dir, '2026-11'));
  copyFileSync(join(audioData, 'ggerganov__whisper.cpp', 'jfk.mp3'), join(share.dir, '2026-11', 'jfk.mp3'));
  team = await startTeam({ username: 'ada', name: 'Ada Admin', password: PASSWORD }, [
    '--import-folder',
    share.dir,
    '--max-upload-size',
    '20M',
  ]);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await team?.stop();
  share.cleanup();
});

async function importScreen(locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await page.goto(team.url);
  await page.getByTestId('login-username').fill('ada');
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await waitForReady(page);
  await page.getByTestId('nav-import').click();
  await page.getByTestId('import-dropzone').waitFor();
  return page;
}

/** Drops a file onto the drop zone as a file manager does (a drop event carrying the file). */
async function dropFile(page: Page, path: string, name: string): Promise<void> {
  const base64 = readFileSync(path).toString('base64');
  const dataTransfer = await page.evaluateHandle(
    ({ base64: data, name: fileName }) => {
      const bytes = Uint8Array.from(atob(data), (char) => char.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], fileName, { type: 'audio/wav' }));
      return transfer;
    },
    { base64, name },
  );
  await page.getByTestId('import-dropzone').dispatchEvent('drop', { dataTransfer });
}

describe('importing on a team server', () => {
  it('uploads a dropped recording, imports it, and it is in the library', async () => {
    const page = await importScreen('en');
    await dropFile(page, join(audioData, 'pyannote__pyannote-audio', 'sample.wav'), 'Diane and Sheila.wav');
    await page.locator('[data-testid="import-upload"][data-state="sent"]').waitFor({ timeout: 30_000 });
    // The administrator's folder, opened, beside the upload.
    await page.getByRole('button', { name: /share/ }).click();
    await page.getByRole('button', { name: '2026-11' }).click();
    await page.locator('[data-testid="import-folders"]').filter({ hasText: 'jfk.mp3' }).waitFor();
    await screenshot(page, 'team-import-en');
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-plan').waitFor();
    expect(await page.getByTestId('plan-total').textContent()).toBe('1');
    await page.getByTestId('import-start').click();
    await page.locator('[data-testid="import-progress"][data-state="done"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('import-to-library').click();
    await expect.poll(() => page.getByTestId('library-table').getAttribute('data-total')).toBe('1');
    expect(await page.getByTestId('library-row').textContent()).toContain('Diane and Sheila');
  });

  it('refuses a file over the server’s limit before sending it, and picks from the server’s folder (de, fi)', async () => {
    for (const locale of ['de', 'fi']) {
      const page = await importScreen(locale);
      await page.getByTestId('import-file-input').setInputFiles({
        name: 'whole-day.wav',
        mimeType: 'audio/wav',
        buffer: Buffer.alloc(21 * 1024 * 1024),
      });
      await page.locator('[data-testid="import-upload"][data-state="failed"]').waitFor();
      expect(await page.getByTestId('import-upload-error').textContent()).toMatch(/21/);
      // One the server refuses says the server's reason in the user's language, and may be sent again.
      await dropFile(page, join(audioData, 'ggerganov__whisper.cpp', 'jfk.mp3'), '.hidden.mp3');
      await page.locator('[data-testid="import-upload"][data-state="failed"]').nth(1).waitFor();
      expect(await page.getByTestId('import-upload-error').nth(1).textContent()).toBe(
        {
          de: '.hidden.mp3 ist eine versteckte Datei (ihr Name beginnt mit einem Punkt), die der Import überspringt. Benennen Sie sie um und laden Sie sie erneut hoch.',
          fi: '.hidden.mp3 on piilotettu tiedosto (sen nimi alkaa pisteellä), jonka tuonti ohittaa. Nimeä se uudelleen ja lataa uudelleen.',
        }[locale],
      );
      await page.getByTestId('import-upload-again').waitFor();
      await page.getByTestId('import-folder-entry').first().getByRole('checkbox').check();
      await page.getByTestId('import-picked').waitFor();
      // The tick drawn in full, not mid-fade.
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid="import-folder-entry"] .mantine-Checkbox-icon')].every(
          (icon) => getComputedStyle(icon).opacity === '1',
        ),
      );
      await screenshot(page, `team-import-${locale}`);
      await page.context().close();
    }
  });
});
