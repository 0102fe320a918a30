import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MysteryMapping } from '../../shared/rubric/mystery-mapping';
import { csv, germanMapping, germanRow } from '../integration/mystery/sheet';
import { audioData, tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startTeam, type RunningTeam } from './support/team-host';

/**
 * The import screen of a team server: a recording dropped onto it is uploaded to the server's storage
 * and imported, and shows in the library; the administrator's folder is offered to browse instead of
 * this computer's paths. The mystery-shop import takes the agency's spreadsheet the same ways, and its
 * MAPPING.json from, and back to, the entry person's own computer.
 * Screenshots in English, German and Finnish.
 */
const PASSWORD = 'a long enough password';
const share = tempDir('earmark-e2e-share-');
const storage = tempDir('earmark-e2e-storage-');
const agencySheet = join(share.dir, 'agentur', 'welle1.csv');
/** The entry person's own disk, where the agency's e-mail left its spreadsheet. */
const herDisk = tempDir('earmark-e2e-her-disk-');
let team: RunningTeam;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(join(share.dir, '2026-11'));
  copyFileSync(join(audioData, 'ggerganov__whisper.cpp', 'jfk.mp3'), join(share.dir, '2026-11', 'jfk.mp3'));
  mkdirSync(join(share.dir, 'agentur', 'aufnahmen'), { recursive: true });
  writeFileSync(agencySheet, csv([germanRow(11)]));
  team = await startTeam({ username: 'ada', name: 'Ada Admin', password: PASSWORD }, [
    '--import-folder',
    share.dir,
    '--max-upload-size',
    '20M',
    '--storage',
    storage.dir,
  ]);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await team?.stop();
  share.cleanup();
  storage.cleanup();
  herDisk.cleanup();
});

async function loggedIn(locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await page.goto(team.url);
  await page.getByTestId('login-username').fill('ada');
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await waitForReady(page);
  return page;
}

async function importScreen(locale: string): Promise<Page> {
  const page = await loggedIn(locale);
  await page.getByTestId('nav-import').click();
  await page.getByTestId('import-dropzone').waitFor();
  return page;
}

async function mysteryImportScreen(locale: string): Promise<Page> {
  const page = await loggedIn(locale);
  await page.getByTestId('nav-mystery').click();
  await page.getByTestId('mystery-import').click();
  await page.locator('[data-testid="mystery-import-page"][data-step="file"]').waitFor();
  await page.getByTestId('import-dropzone').waitFor();
  return page;
}

/** The sheets kept in the server's storage (uploads/done/<id>/<name>). */
const uploadedSheets = () =>
  readdirSync(join(storage.dir, 'uploads', 'done'), { recursive: true, encoding: 'utf8' }).filter((name) =>
    name.endsWith('.csv'),
  );

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

  it('uploads the agency’s spreadsheet from this computer and imports its shops (mystery shops)', async () => {
    const page = await mysteryImportScreen('en');
    const sheet = join(herDisk.dir, 'welle2.csv');
    writeFileSync(sheet, csv([germanRow(1), germanRow(2)]));
    await dropFile(page, sheet, 'welle2.csv');
    await page.locator('[data-testid="import-upload"][data-state="sent"]').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: /share/ }).click();
    await page.getByRole('button', { name: 'agentur' }).click();
    await page.locator('[data-testid="import-folders"]').filter({ hasText: 'welle1.csv' }).waitFor();
    await screenshot(page, 'team-mystery-import-en');
    await page.getByTestId('mystery-import-read').click();
    await page.locator('[data-testid="mystery-import-page"][data-step="columns"]').waitFor();
    // Named as she knows it, not by where the server keeps it.
    expect(await page.getByTestId('mystery-import-page').textContent()).toContain('welle2.csv · 2 rows');
    await page.getByTestId('mystery-import-next').click();
    await page.locator('[data-testid="mystery-import-page"][data-step="values"]').waitFor();
    // The agency's own words for the provocative question, told once.
    await page.locator('[data-testid="mystery-import-value"][data-text="ruhig und ehrlich"]').click();
    await page.getByRole('option', { name: /calm/i }).first().click();
    await page.getByTestId('mystery-import-values-open').waitFor({ state: 'detached' });
    await page.getByTestId('mystery-import-next').click();
    await page.getByTestId('mystery-import-preview').waitFor();
    await page.getByTestId('mystery-import-run').click();
    await page.getByTestId('mystery-import-result').waitFor();
    expect(await page.getByTestId('mystery-import-summary').textContent()).toBe(
      '2 imported, 0 already there, 0 failed.',
    );
    // Its rows were taken: the sheet stays while the screen may check it again.
    expect(uploadedSheets()).toEqual([expect.stringMatching(/welle2\.csv$/)]);
    await page.getByTestId('mystery-import-again').waitFor();
    await page.context().close();
  });

  it('takes the spreadsheet and the recordings from the server’s folders, and forgets an upload it replaced (de, fi)', async () => {
    for (const locale of ['de', 'fi']) {
      const page = await mysteryImportScreen(locale);
      await page.getByTestId('import-file-input').setInputFiles({
        name: 'falsch.csv',
        mimeType: 'text/csv',
        buffer: csv([germanRow(90)]),
      });
      await page.locator('[data-testid="import-upload"][data-state="sent"]').waitFor({ timeout: 30_000 });
      expect(uploadedSheets().filter((name) => name.endsWith('falsch.csv'))).toHaveLength(1);
      await page.getByRole('button', { name: /share/ }).click();
      await page.getByRole('button', { name: 'agentur' }).click();
      const entry = (name: string) => page.getByTestId('import-folder-entry').filter({ hasText: name });
      await entry('welle1.csv').getByRole('checkbox').check();
      await entry('aufnahmen').getByRole('checkbox').check();
      await page.getByTestId('mystery-import-picked-recordings').waitFor();
      // The sheet chosen on the server replaces the upload, which the server removes.
      await page.getByTestId('import-upload').waitFor({ state: 'detached' });
      await expect.poll(() => uploadedSheets().filter((name) => name.endsWith('falsch.csv'))).toEqual([]);
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid="import-folder-entry"] .mantine-Checkbox-icon')].every(
          (icon) => getComputedStyle(icon).opacity === '1',
        ),
      );
      await screenshot(page, `team-mystery-import-${locale}`);
      await page.getByTestId('mystery-import-read').click();
      await page.locator('[data-testid="mystery-import-page"][data-step="columns"]').waitFor();
      expect(await page.getByTestId('mystery-import-page').textContent()).toMatch(
        /share-[^/]*\/agentur\/welle1\.csv/,
      );
      await page.context().close();
    }
  });

  it('loads MAPPING.json from her computer, refuses a file that is not one, and saves it back as a download', async () => {
    const page = await mappingStep('en');
    const wetter = target('Wetter', page);
    const shown = await wetter.inputValue();
    // Not a mapping (the sheet picked by mistake): named, and nothing on the screen changes.
    await pickMapping(page, 'welle3.csv', csv([germanRow(3)]));
    expect(await page.getByTestId('mystery-import-mapping-problem').textContent()).toBe(
      'welle3.csv is not a mapping file: it is not JSON. Nothing was changed.',
    );
    expect(await page.getByTestId('mystery-import-mapping-error').textContent()).toMatch(/is not JSON: /);
    expect(await wetter.inputValue()).toBe(shown);
    // Bigger than any mapping: refused in the browser, before it is read or sent.
    await pickMapping(page, 'export.json', Buffer.alloc(300 * 1024, ' '));
    expect(await page.getByTestId('mystery-import-mapping-problem').textContent()).toMatch(
      /^export\.json is 300 kB, more than a mapping file can be \(256 kB\)\. Is it the right file\? Nothing was changed\.$/,
    );
    expect(await wetter.inputValue()).toBe(shown);

    const mine = {
      ...germanMapping,
      wave: 'Welle 7/2025',
      columns: { ...germanMapping.columns, Wetter: 'notes' },
    };
    await pickMapping(page, 'welle7-mapping.json', Buffer.from(JSON.stringify(mine, null, 2)));
    await page.getByTestId('mystery-import-mapping-done').waitFor();
    expect(await page.getByTestId('mystery-import-mapping-done').textContent()).toBe(
      'Mapping loaded from welle7-mapping.json.',
    );
    expect(await wetter.inputValue()).toBe('Notes');
    expect(await page.getByTestId('mystery-import-wave').inputValue()).toBe('Welle 7/2025');
    await screenshot(page, 'team-mystery-mapping-en');

    // Changed on the screen, then saved: the download is the screen's mapping, as the command line reads it.
    await page.getByTestId('mystery-import-wave').fill('Welle 8/2025');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('mystery-import-mapping-save').click(),
    ]);
    expect(download.suggestedFilename()).toBe('mapping.json');
    const saved = join(herDisk.dir, 'mapping.json');
    await download.saveAs(saved);
    expect(MysteryMapping.parse(JSON.parse(readFileSync(saved, 'utf8')))).toEqual(
      MysteryMapping.parse({ ...mine, wave: 'Welle 8/2025' }),
    );
    expect(await page.getByTestId('mystery-import-mapping-done').textContent()).toBe(
      'Mapping saved as mapping.json in your downloads.',
    );
    await page.context().close();
  });

  it('says in German and Finnish what is wrong with a mapping file, and keeps the screen as it was (de, fi)', async () => {
    for (const locale of ['de', 'fi']) {
      const page = await mappingStep(locale);
      const wetter = target('Wetter', page);
      const shown = await wetter.inputValue();
      await pickMapping(
        page,
        'falsch.json',
        Buffer.from(JSON.stringify({ rubric: 'mystery-call', columns: { Wetter: 'wann' } })),
      );
      expect(await page.getByTestId('mystery-import-mapping-problem').textContent()).toBe(
        {
          de: 'falsch.json ist JSON, aber keine Zuordnung, die Earmark verwenden kann. Nichts wurde geändert.',
          fi: 'falsch.json on JSONia, mutta ei vastaavuuksia, joita Earmark voi käyttää. Mitään ei muutettu.',
        }[locale],
      );
      // The exact field, as the server names it.
      expect(await page.getByTestId('mystery-import-mapping-error').textContent()).toMatch(
        /columns\.Wetter: unknown target "wann"/,
      );
      expect(await wetter.inputValue()).toBe(shown);
      await screenshot(page, `team-mystery-mapping-${locale}`);
      // An empty file is refused before anything is sent.
      await pickMapping(page, 'leer.json', Buffer.alloc(0));
      await expect
        .poll(() => page.getByTestId('mystery-import-mapping-problem').textContent())
        .toBe(
          {
            de: 'leer.json ist leer: Sie enthält keine Zuordnung. Nichts wurde geändert.',
            fi: 'leer.json on tyhjä: siinä ei ole vastaavuuksia. Mitään ei muutettu.',
          }[locale],
        );
      await page.context().close();
    }
  });
});

/** The columns step of a sheet uploaded from her computer, where the mapping file is loaded and saved. */
async function mappingStep(locale: string): Promise<Page> {
  const page = await mysteryImportScreen(locale);
  await page.getByTestId('import-file-input').setInputFiles({
    name: `welle-${locale}.csv`,
    mimeType: 'text/csv',
    buffer: csv([germanRow(70), germanRow(71)]),
  });
  await page.locator('[data-testid="import-upload"][data-state="sent"]').waitFor({ timeout: 30_000 });
  await page.getByTestId('mystery-import-read').click();
  await page.locator('[data-testid="mystery-import-page"][data-step="columns"]').waitFor();
  return page;
}

const target = (column: string, page: Page) =>
  page
    .locator(`[data-testid="mystery-import-column"][data-column="${column}"]`)
    .getByTestId('mystery-import-target');

/** Picks a file in the browser's file dialog, as she would from her disk. */
async function pickMapping(page: Page, name: string, buffer: Buffer): Promise<void> {
  const before = await page.getByTestId('mystery-import-mapping-team').getAttribute('data-picks');
  await page
    .getByTestId('mystery-import-mapping-file')
    .setInputFiles({ name, mimeType: 'application/json', buffer });
  // Settled: the screen counts each pick it has answered.
  await page.locator(`[data-testid="mystery-import-mapping-team"]:not([data-picks="${before}"])`).waitFor();
}
