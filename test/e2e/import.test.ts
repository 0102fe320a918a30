import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audioData, sharedData, tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

/**
 * A QA team's export folder: a two-leg call with a manifest row, a call with an STM/RTTM transcript
 * whose speakers are first names (the import must ask who is the agent), an AWS post-call-analytics
 * transcript without audio, a chat export, and one broken recording.
 */
function makeExportFolder(dir: string): void {
  const lca = join(audioData, 'aws-samples__amazon-transcribe-live-call-analytics');
  const pyannote = join(audioData, 'pyannote__pyannote-audio');
  copyFileSync(join(lca, 'Auto_Repairs_40_UTC_agent.wav'), join(dir, 'Auto_Repairs_40_UTC_agent.wav'));
  copyFileSync(join(lca, 'Auto_Repairs_40_UTC_caller.wav'), join(dir, 'Auto_Repairs_40_UTC_caller.wav'));
  mkdirSync(join(dir, 'diarized'));
  for (const ext of ['wav', 'stm', 'rttm'])
    copyFileSync(join(pyannote, `sample.${ext}`), join(dir, 'diarized', `sample.${ext}`));
  copyFileSync(
    join(audioData, 'aws-samples__amazon-transcribe-post-call-analytics', 'testfile.json'),
    join(dir, 'pca-call.json'),
  );
  copyFileSync(
    join(sharedData, 'chats', 'asappresearch__abcd', 'abcd_sample.json'),
    join(dir, 'abcd_sample.json'),
  );
  writeFileSync(join(dir, 'broken.wav'), Buffer.from('RIFF\x10\x00\x00\x00WAVEjunkjunkjunk', 'latin1'));
  // German headers, as a German team's spreadsheet would have them.
  writeFileSync(
    join(dir, 'manifest.csv'),
    [
      'Datei;Mitarbeiter;Team;Beginn;Richtung',
      'Auto_Repairs_40_UTC_agent.wav;Lena Vogel;Werkstatt;12.11.2026 09:30;eingehend',
      'sample.wav;Diane Miller;Outbound Survey;13.11.2026 14:05;ausgehend',
    ].join('\n'),
  );
}

let host: RunningHost;
let browser: Browser;
let page: Page;
const data = tempDir('earmark-e2e-import-');
const folder = tempDir('earmark-e2e-export-');

beforeAll(async () => {
  makeExportFolder(folder.dir);
  host = await startHost(data.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(host.url);
  await waitForReady(page);
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
  folder.cleanup();
});

describe('importing a folder through the UI', () => {
  it('previews what the folder holds, with the manifest mapped from its German headers', async () => {
    await page.getByTestId('nav-import').click();
    await page.getByTestId('import-paths').fill(folder.dir);
    await screenshot(page, 'import-01-paths');
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-plan').waitFor();
    expect(await page.getByTestId('plan-total').textContent()).toBe('9');
    expect(await page.getByTestId('plan-unknown').textContent()).toBe('0');
    await page.getByTestId('manifest').waitFor();
    expect(await page.getByTestId('manifest-field-agent').inputValue()).toBe('Mitarbeiter');
    expect(await page.getByTestId('manifest-field-startedAt').inputValue()).toBe('Beginn');
    expect(await page.getByTestId('manifest-preview').textContent()).toContain('Lena Vogel');
  });

  it('pairs the agent and caller legs once confirmed, and asks who is speaking in the diarized call', async () => {
    await page.getByTestId('import-pair-legs').check();
    await expect.poll(() => page.getByTestId('plan-summary').textContent()).toContain('4 calls');
    await page.getByTestId('speaker-roles').waitFor();
    const roles = page.getByTestId('speaker-role');
    expect(await roles.count()).toBe(2);
    await roles.nth(0).click();
    await page.getByRole('option', { name: 'Agent' }).click();
    await roles.nth(1).click();
    await page.getByRole('option', { name: 'Customer' }).click();
    await screenshot(page, 'import-02-plan');
  });

  it('runs in the background with a progress bar, and reports the broken file clearly', async () => {
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-progress').waitFor();
    await page.getByTestId('import-progress-bar').waitFor();
    await page.locator('[data-testid="import-progress"][data-state="done"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-counts').textContent()).toMatch(
      /5 of 5 files · 4 imported · 0 already there · 1 failed/,
    );
    const failure = page.getByTestId('import-failed-row');
    expect(await failure.textContent()).toContain('broken.wav');
    await screenshot(page, 'import-03-done');
  });

  it('finds a phrase from the imported transcript and opens the call on it', async () => {
    await page.getByTestId('import-to-library').click();
    await page.getByTestId('library-table').waitFor();
    await expect.poll(() => page.getByTestId('library-table').getAttribute('data-total')).toBe('6'); // 3 calls + 3 chats
    expect(await page.getByTestId('library-table').textContent()).toContain('Lena Vogel');
    await page.getByTestId('library-search').fill('"Diane in New Jersey"');
    await expect.poll(() => page.getByTestId('library-row').count()).toBe(1);
    await screenshot(page, 'import-04-search');
    await page.getByTestId('library-row').click();
    await page.locator('[data-testid="player"][data-state="ready"]').waitFor();
    const segments = page.getByTestId('transcript-segment');
    await expect.poll(() => segments.count()).toBe(13);
    expect(await segments.nth(6).textContent()).toContain('This is Diane in New Jersey');
    expect(await segments.nth(6).textContent()).toContain('Agent');
    await screenshot(page, 'import-05-call');
  });
});
