import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MysteryShopSummary } from '../../shared/api/methods/mystery';
import type { MysteryImportReport } from '../../shared/api/methods/mystery-import';
import { csv, germanRow } from '../integration/mystery/sheet';
import { audioData, tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

const shop = (n: number) => `W1-${String(n).padStart(5, '0')}`;

/**
 * An agency's delivery as Germans send it: German headers, `;`, dd.mm.yyyy, ja/nein/k.A., the
 * agency's own words for the provocative question, 34 rows. Broken among them: a date that does not
 * exist (row 6), a word nobody knows ("vielleicht", row 9, mapped in the values step so it imports),
 * a row without shop id (row 12), a shop twice (row 15 repeats row 2's id), and an answer above the
 * scale (row 20).
 */
function agencySheet(): Buffer {
  const rows: string[][] = [];
  for (let n = 1; n <= 34; n++) {
    const over: Partial<Record<string, string>> = {};
    if (n % 5 === 0) over['Provokante Frage'] = 'ausweichend';
    if (n % 7 === 0) {
      over['Provokante Frage'] = 'gereizt';
      over['Kommentar provokante Frage'] = 'Sagte, es gebe keine Gebühr.';
    }
    if (n === 5) over.Datum = '31.02.2025';
    if (n === 8) over.Begrüßung = 'vielleicht';
    if (n === 11) over['Shop-ID'] = '';
    if (n === 14) over['Shop-ID'] = shop(1);
    if (n === 19) over.Produktwissen = '7';
    rows.push(germanRow(n, over));
  }
  return csv(rows);
}

/** A small sheet for the walks in English and Finnish: an unknown word and a date read both ways. */
function smallSheet(first: number): Buffer {
  return csv([
    germanRow(first),
    germanRow(first + 1, { Begrüßung: 'vielleicht', Datum: '3/4/2025' }),
    germanRow(first + 2, { Datum: '31.02.2025' }),
  ]);
}

let host: RunningHost;
let browser: Browser;
let page: Page;
const data = tempDir('earmark-e2e-mystery-import-');
const work = tempDir('earmark-e2e-agency-');
const sheet = join(work.dir, 'welle1.csv');
const recordings = join(work.dir, 'aufnahmen');
// Recordings named by shop id; each a different real file, so each is a recording of its own.
const evidence: Record<string, string> = {
  [shop(1)]: join('ggerganov__whisper.cpp', 'jfk.mp3'),
  [shop(3)]: join('Azure-Samples__cognitive-services-speech-sdk', 'whatstheweatherlike-mulaw.wav'),
  [shop(5)]: join('eshaz__wasm-audio-decoders', 'opus_osce_female_ref_12kbs.ogg'),
  [shop(10)]: join('eshaz__wasm-audio-decoders', 'opus_osce_male_ref_5kbs.ogg'),
};

beforeAll(async () => {
  writeFileSync(sheet, agencySheet());
  mkdirSync(recordings);
  for (const [id, file] of Object.entries(evidence)) {
    const ext = file.slice(file.lastIndexOf('.'));
    copyFileSync(join(audioData, file), join(recordings, `${id}${ext}`));
  }
  writeFileSync(join(work.dir, 'small-en.csv'), smallSheet(901));
  writeFileSync(join(work.dir, 'small-fi.csv'), smallSheet(951));
  host = await startHost(data.dir);
  // Importing shops is for the entry roles (shared/permissions/mystery.ts): a mystery shopper imports.
  await host.api('profile.create', { name: 'Mia Berger', role: 'mystery_shopper' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(host.url);
  await waitForReady(page);
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
  work.cleanup();
});

async function openImport(language: string): Promise<void> {
  await host.api('settings.update', { language });
  await page.reload();
  await waitForReady(page);
  // The way a person gets there: the Mystery shops area, then its import button.
  await page.getByTestId('nav-mystery').click();
  await page.getByTestId('mystery-import').click();
  await page.locator('[data-testid="mystery-import-page"][data-step="file"]').waitFor();
}

const step = (name: string) =>
  page.locator(`[data-testid="mystery-import-page"][data-step="${name}"]`).waitFor();

async function readSheet(path: string, folder?: string): Promise<void> {
  await page.getByTestId('mystery-import-path').fill(path);
  if (folder) await page.getByTestId('mystery-import-recordings').fill(folder);
  await page.getByTestId('mystery-import-read').click();
  await step('columns');
}

/** Picks `option` in the Mantine select `input`. */
async function pick(input: ReturnType<Page['locator']>, option: string): Promise<void> {
  await input.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const target = (column: string) =>
  page.locator(
    `[data-testid="mystery-import-column"][data-column="${column}"] [data-testid="mystery-import-target"]`,
  );
const valueSelect = (text: string) =>
  page.locator(`[data-testid="mystery-import-value"][data-text="${text}"]`);
const previewRows = (outcome: string) =>
  page.locator(`[data-testid="mystery-import-preview-row"][data-outcome="${outcome}"]`);
const rowNumbers = async (outcome: string) =>
  await previewRows(outcome).evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-row'))));

describe('importing an agency spreadsheet through the mapping step', () => {
  it('maps the German columns, asks for the unknown words, previews the problems and imports the good rows', async () => {
    await openImport('de');
    await screenshot(page, 'mystery-import-file-de');
    await readSheet(sheet, recordings);
    // The proposal read the German headers; the user sets what is left.
    expect(await target('Datum').inputValue()).toBe('Datum');
    expect(await target('Begrüßung').inputValue()).toBe('Begrüßung und Name');
    expect(await target('Wetter').inputValue()).toBe('Als weitere Angabe behalten');
    await pick(target('Interne Nr.'), 'Ignorieren');
    await page.getByTestId('mystery-import-wave').fill('Welle 1/2025');
    await expect(page.getByTestId('mystery-import-unmapped').count()).resolves.toBe(0);
    await screenshot(page, 'mystery-import-columns-de');
    await page.getByTestId('mystery-import-next').click();

    await step('values');
    await valueSelect('ausweichend').waitFor();
    await pick(valueSelect('ausweichend'), 'Ruhig, aber ausweichend');
    await pick(valueSelect('gereizt'), 'Gereizt, abwehrend oder unehrlich');
    await pick(valueSelect('vielleicht'), 'Nein');
    await page.getByTestId('mystery-import-values-open').waitFor({ state: 'detached' });
    await screenshot(page, 'mystery-import-values-de');
    await page.getByTestId('mystery-import-next').click();

    await step('preview');
    await page.getByTestId('mystery-import-preview').waitFor();
    expect(await rowNumbers('fail')).toEqual([6, 12, 15, 20]);
    await expect(page.getByTestId('mystery-import-count-import').textContent()).resolves.toBe(
      '30 Zeilen werden importiert',
    );
    await screenshot(page, 'mystery-import-preview-de');
    await page.getByTestId('mystery-import-run').click();

    await page.getByTestId('mystery-import-result').waitFor();
    const failed = await page
      .locator('[data-testid="mystery-import-result-row"][data-outcome="failed"]')
      .evaluateAll((rows) => rows.map((r) => r.textContent));
    expect(failed).toHaveLength(4);
    expect(failed[0]).toMatch(/^6W1-00005fehlgeschlagenDatum.*"31\.02\.2025" is not a real date/);
    expect(failed[1]).toMatch(/^12–fehlgeschlagenShop-ID.*no shop id/);
    expect(failed[2]).toMatch(/^15W1-00001fehlgeschlagenShop-ID.*also on row 2/);
    expect(failed[3]).toMatch(/^20W1-00019fehlgeschlagenProduktwissen.*maximum 2/);
    await expect(page.getByTestId('mystery-import-summary').textContent()).resolves.toBe(
      '30 importiert, 0 schon vorhanden, 4 fehlgeschlagen.',
    );
    await screenshot(page, 'mystery-import-result-de');

    const shops = await host.api<MysteryShopSummary[]>('mystery.list', {});
    expect(shops).toHaveLength(30);
    const byId = new Map(shops.map((s) => [s.shopId, s]));
    expect(byId.has(shop(5))).toBe(false);
    // Good rows came with their recordings; the failed row's recording stayed out of the library.
    for (const id of [shop(1), shop(3), shop(10)]) expect(byId.get(id)!.evidence.recordingId).not.toBeNull();
    expect(byId.get(shop(2))!.evidence.recordingId).toBeNull();
    expect(byId.get(shop(8))!.percent).toBe(77.8); // greeting "vielleicht" → no
    expect(byId.get(shop(7))!.result).toBe('belowTarget');
    expect(byId.get(shop(1))!.wave).toBe('Welle 1/2025');
    expect((await host.api<{ total: number }>('library.list', {})).total).toBe(3);

    // Importing the same file again adds nothing: the preview says so, and so does the import itself.
    await page.getByTestId('mystery-import-again').click();
    await step('preview');
    await page.locator('[data-testid="mystery-import-count-import"]', { hasText: /^0 Zeilen/ }).waitFor();
    expect(await rowNumbers('import')).toEqual([]);
    expect((await rowNumbers('skip')).length).toBe(20);
    await expect(page.getByTestId('mystery-import-run').isDisabled()).resolves.toBe(true);
    const { mapping } = await host.api<{ mapping: unknown }>('mysteryImport.preview', { path: sheet });
    const again = await host.api<MysteryImportReport>('mysteryImport.run', {
      path: sheet,
      mapping,
      recordings,
    });
    expect(again.imported).toEqual([]);
    expect(again.skipped).toHaveLength(30);
    expect(await host.api<MysteryShopSummary[]>('mystery.list', {})).toHaveLength(30);
  });

  it.each([
    [
      'en',
      'small-en.csv',
      'Calmly and honestly',
      'Greeting and name',
      'Import 2 rows',
      'Day/month (3 April)',
    ],
    [
      'fi',
      'small-fi.csv',
      'Rauhallisesti ja rehellisesti',
      'Tervehdys ja nimi',
      'Tuo 2 riviä',
      'Päivä/kuukausi (3. huhtikuuta)',
    ],
  ])('walks every step in %s', async (language, file, calm, greeting, importLabel, dmy) => {
    await openImport(language);
    await screenshot(page, `mystery-import-file-${language}`);
    await readSheet(join(work.dir, file));
    // The mapping remembered from the German import for these columns is offered.
    await page.getByTestId('mystery-import-remembered').waitFor();
    await pick(page.getByTestId('mystery-import-checklist'), await checklistLabel(language));
    expect(await target('Begrüßung').inputValue()).toBe(greeting);
    await screenshot(page, `mystery-import-columns-${language}`);
    await page.getByTestId('mystery-import-next').click();
    await step('values');
    await page.getByTestId('mystery-import-date-order').getByText(dmy).click();
    // The German option label is no answer to the English or Finnish checklist: the user says what it is.
    await pick(valueSelect('ruhig und ehrlich'), calm);
    await page.getByTestId('mystery-import-values-open').waitFor({ state: 'detached' });
    await screenshot(page, `mystery-import-values-${language}`);
    await page.getByTestId('mystery-import-next').click();
    await step('preview');
    await page.getByRole('button', { name: importLabel }).waitFor();
    expect(await rowNumbers('fail')).toEqual([4]);
    await screenshot(page, `mystery-import-preview-${language}`);
    await page.getByTestId('mystery-import-run').click();
    await page.getByTestId('mystery-import-result').waitFor();
    await screenshot(page, `mystery-import-result-${language}`);
  });
});

/** The built-in checklist in that language, as the checklist select lists it. */
async function checklistLabel(language: string): Promise<string> {
  const rubrics = await host.api<{ builtin: string | null; language: string; name: string }[]>(
    'rubric.list',
    {},
  );
  const found = rubrics.find((r) => r.builtin === 'mystery-call' && r.language === language)!;
  return `${found.name} · ${language.toUpperCase()}`;
}
