import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wavHeader } from '../../electron/backend/media/wav-writer';
import { audioData, tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

const PATTERN = '{*}_AGENT_{agent}_DT_{datetime:yyyy-MM-ddTHH-mm-ss}_{direction}';
const ANNA = '3f2a9c1e-77b4-4d0e-9a51-0c2d8e6b1f00_AGENT_Anna_Keller_DT_2026-03-10T14-30-05_in.wav';
const BEN = '9b1c0d2e-1111-4a2b-8c3d-4e5f6a7b8c9d_AGENT_Ben_Ott_DT_2026-03-11T09-05-00_out.wav';

/** A second of tone, different per seed, so each file is a recording of its own. */
function tone(seed: number): Buffer {
  const samples = Buffer.alloc(8000 * 2);
  for (let i = 0; i < 8000; i++)
    samples.writeInt16LE(Math.round(8000 * Math.sin((i * (seed + 3)) / 40)), i * 2);
  return Buffer.concat([wavHeader(1, 8000, samples.length), samples]);
}

/**
 * A recorder's export: a two-leg call, calls named by the recorder (agent and start time in the name), a
 * call whose transcript has another name, a transcript with no recording at all, and a Word file.
 */
function makeFolder(dir: string): void {
  const lca = join(audioData, 'aws-samples__amazon-transcribe-live-call-analytics');
  const pca = join(audioData, 'aws-samples__amazon-transcribe-post-call-analytics', 'testfile.json');
  for (const leg of ['agent', 'caller'])
    copyFileSync(join(lca, `Auto_Repairs_40_UTC_${leg}.wav`), join(dir, `Auto_Repairs_40_UTC_${leg}.wav`));
  writeFileSync(join(dir, ANNA), tone(1));
  writeFileSync(join(dir, BEN), tone(2));
  writeFileSync(join(dir, 'call-0007.wav'), tone(3));
  copyFileSync(pca, join(dir, 'pca-export-7.json'));
  copyFileSync(pca, join(dir, 'orphan-notes.json'));
  writeFileSync(join(dir, 'handover.docx'), Buffer.from('PK\x03\x04 word/document.xml', 'latin1'));
}

let host: RunningHost;
let browser: Browser;
let page: Page;
const data = tempDir('earmark-e2e-plan-');
const folder = tempDir('earmark-e2e-recorder-');

beforeAll(async () => {
  makeFolder(folder.dir);
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

const row = (file: string) => page.locator(`[data-testid="plan-file"][data-file="${file}"]`);
const planSettled = () => page.locator('[data-testid="import-plan"][data-busy="false"]').waitFor();

async function openPlan(): Promise<void> {
  await page.getByTestId('nav-import').click();
  await page.getByTestId('import-paths').fill(folder.dir);
  await page.getByTestId('import-preview').click();
  await page.getByTestId('import-plan').waitFor();
}

async function readNames(pattern: string): Promise<void> {
  await page.getByTestId('name-pattern-input').fill(pattern);
  await page.getByTestId('name-pattern-apply').click();
  await page.getByTestId('name-pattern-counts').waitFor();
  await planSettled();
}

async function setLanguage(name: string): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-language').click();
  await page.getByRole('option', { name }).click();
}

describe('the import plan', () => {
  it('lists every file with what it becomes, the two legs paired at once, and what is left out', async () => {
    await openPlan();
    expect(await page.getByTestId('plan-total').textContent()).toBe('8');
    expect(await page.getByTestId('plan-files').getAttribute('data-count')).toBe('8');
    expect(await page.getByTestId('import-pair-legs').isChecked()).toBe(true);
    expect(await row('Auto_Repairs_40_UTC_agent.wav').getAttribute('data-becomes')).toBe('twoLegCall');
    expect(await row('Auto_Repairs_40_UTC_agent.wav').getByTestId('plan-file-title').textContent()).toBe(
      'Title: Auto Repairs 40 UTC',
    );
    expect(await row('pca-export-7.json').getAttribute('data-becomes')).toBe('transcriptOnly');
    expect(await row('handover.docx').textContent()).toContain('A ZIP archive or Office document');
    await screenshot(page, 'import-plan-01-files');
  });

  it('goes back to the paths as they were typed', async () => {
    await page.getByTestId('import-back').click();
    expect(await page.getByTestId('import-paths').inputValue()).toBe(folder.dir);
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-plan').waitFor();
  });

  it('names a mistake in the pattern as it is typed, then previews what it reads from each name', async () => {
    await page.getByTestId('name-pattern-input').fill('{*}_AGENT_{agnt}_DT_{datetime}');
    await expect
      .poll(() => page.getByTestId('name-pattern').textContent())
      .toContain('{agnt} at character 11 is not a placeholder Earmark knows');
    expect(await page.getByTestId('name-pattern-apply').isDisabled()).toBe(true);
    await screenshot(page, 'import-plan-02-pattern-error');

    await page.getByTestId('name-pattern-input').fill(PATTERN);
    expect(await page.getByTestId('name-pattern-fit').textContent()).toContain('Fits 2 of 6 names');
    await readNames(PATTERN);
    const anna = row(ANNA);
    expect(await anna.getByTestId('plan-detail-agent').textContent()).toBe('Agent: Anna Keller');
    expect(await anna.getByTestId('plan-detail-direction').textContent()).toBe('Direction: inbound');
    expect(await anna.getByTestId('plan-detail-startedAt').getAttribute('data-from')).toBe('pattern');
    expect(await row('call-0007.wav').textContent()).toContain('The name does not fit the pattern.');
    await screenshot(page, 'import-plan-03-pattern');
  });

  it('attaches a transcript to the recording the user picks', async () => {
    await row('pca-export-7.json').getByTestId('transcript-match').click();
    await page.getByRole('option', { name: 'call-0007.wav' }).click();
    await expect.poll(() => row('pca-export-7.json').getAttribute('data-becomes')).toBe('transcript');
    await planSettled();
    expect(await row('pca-export-7.json').textContent()).toContain('Transcript of call-0007.wav');
    expect(await row('pca-export-7.json').textContent()).toContain('(your choice)');
    await page.getByTestId('plan-filter').getByText('Need a look').click();
    await expect.poll(() => page.getByTestId('plan-files').getAttribute('data-count')).toBe('5');
    await screenshot(page, 'import-plan-04-attached');
    await page.getByTestId('plan-filter').getByText('All').click();
  });

  it('imports what the plan showed, and the transcript without a recording shows its transcript', async () => {
    await page.getByTestId('import-start').click();
    await page.locator('[data-testid="import-progress"][data-state="done"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-counts').textContent()).toMatch(/5 of 5 files · 5 imported/);
    await page.getByTestId('import-to-library').click();
    await expect.poll(() => page.getByTestId('library-table').getAttribute('data-total')).toBe('5');
    await expect.poll(() => page.getByTestId('library-table').textContent()).toContain('Anna Keller');
    expect(await page.getByTestId('library-table').textContent()).toContain('Auto Repairs 40 UTC');
    await page.getByRole('link', { name: 'orphan notes' }).click();
    await page.getByTestId('transcript-only').waitFor();
    await expect.poll(() => page.getByTestId('transcript-segment').count()).toBe(12);
    await screenshot(page, 'import-plan-05-transcript-only');
  });

  it('remembers the pattern for the folder, and reads in German and Finnish', async () => {
    for (const [language, name, agent] of [
      ['de', 'Deutsch', 'Agent: Anna Keller'],
      ['fi', 'Suomi', 'Agentti: Anna Keller'],
      ['en', 'English', 'Agent: Anna Keller'],
    ] as const) {
      await setLanguage(name);
      await openPlan();
      await page.getByTestId('name-pattern-remembered').waitFor();
      expect(await row(ANNA).getByTestId('plan-detail-agent').textContent()).toBe(agent);
      if (language === 'en') break;
      await screenshot(page, `import-plan-03-pattern-${language}`);
      await page.getByTestId('name-pattern-input').fill('{agent}{*}');
      await page.getByTestId('name-pattern-input').blur();
      await screenshot(page, `import-plan-02-pattern-error-${language}`);
      await page.getByTestId('nav-library').click();
      await page.getByRole('link', { name: 'orphan notes' }).click();
      await page.getByTestId('transcript-only').waitFor();
      await screenshot(page, `import-plan-05-transcript-only-${language}`);
    }
  });
});
