import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

/**
 * A QA supervisor's round trip: a reviewer profile, a small rubric built and published in the editor,
 * a demo call scored from the keyboard with a critical fail, the draft surviving a reload, submit,
 * reopen with a reason, the audit trail, the CSV export and the printable summary (and its PDF).
 */
let host: RunningHost;
let browser: Browser;
let page: Page;
const data = tempDir('earmark-e2e-evaluation-');
const CALL = 'Double charge on invoice';
const AGENT = 'Anna Berg';
let interactionId = 0;
let evaluationId = 0;

beforeAll(async () => {
  host = await startHost(data.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
});

const byTestId = (id: string) => page.getByTestId(id);
/** expect.poll with room for a busy machine (its default gives up after one second). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
const openHash = async (hash: string) => {
  await page.goto(`${host.url}#${hash}`);
  await waitForReady(page);
};
const pickOption = async (input: ReturnType<Page['getByTestId']>, name: string | RegExp) => {
  await input.click();
  await page.getByRole('option', { name }).click();
};
const itemTitles = (section: number) =>
  byTestId('section-editor')
    .nth(section)
    .getByTestId('item-title')
    .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
const waitSaved = (testId: string) =>
  page.locator(`[data-testid="${testId}"][data-save-state="saved"]`).waitFor();
/** Waits until an element stops changing size (an accordion done opening), for a clean screenshot. */
const settled = (testId: string) =>
  page.waitForFunction(
    (id) =>
      new Promise<boolean>((resolve) => {
        const element = document.querySelector(`[data-testid="${id}"]`);
        const before = element?.getBoundingClientRect().height;
        setTimeout(() => resolve(element?.getBoundingClientRect().height === before), 100);
      }),
    testId,
  );
/** Waits until an open dialog has finished fading in. */
const dialogShown = () =>
  page.waitForFunction(() => {
    const content = document.querySelector('.mantine-Modal-content');
    return content !== null && getComputedStyle(content).opacity === '1';
  });
const item = (title: string) => byTestId('evaluation-item').filter({ hasText: title });

describe('rubrics and evaluations', () => {
  it('loads the demo data and creates a reviewer profile from the header', async () => {
    await page.goto(host.url);
    await waitForReady(page);
    await byTestId('demo-load').click();
    await poll(() => byTestId('library-row').count()).toBeGreaterThan(0);
    const href = await page.getByRole('link', { name: CALL }).getAttribute('href');
    interactionId = Number(/interaction\/(\d+)/.exec(href ?? '')?.[1]);
    expect(interactionId).toBeGreaterThan(0);

    await byTestId('profile-switcher').click();
    await byTestId('profile-new').click();
    await byTestId('profile-name').fill('Maria Lind');
    await pickOption(byTestId('profile-role'), 'QA supervisor');
    await dialogShown();
    await screenshot(page, 'evaluation-01-new-profile');
    await byTestId('profile-save').click();
    await page.locator('[data-testid="profile-switcher"][data-profile="Maria Lind"]').waitFor();
  });

  it('refuses a broken rubric file with a message that names the place', async () => {
    await byTestId('nav-rubrics').click();
    await page.locator('[data-testid="rubrics"][data-state="ready"]').waitFor();
    // The built-in rubrics are there in all three languages.
    await poll(() => byTestId('rubric-row').count()).toBe(6);
    await screenshot(page, 'evaluation-02-rubrics');
    const broken = {
      id: 'broken',
      name: 'Broken',
      language: 'en',
      sections: [{ id: 's', title: 'S', items: [{ id: 'i', type: 'stars', title: 'Rate it', weight: -1 }] }],
    };
    await page.locator('input[type="file"]').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    const error = byTestId('import-error');
    await error.waitFor();
    expect(await error.textContent()).toContain("sections[0].items[0].type: unknown item type 'stars'");
    await screenshot(page, 'evaluation-03-import-refused');
  });

  it('builds a small rubric in the editor, reorders an item from the keyboard and publishes it', async () => {
    await byTestId('rubric-new').click();
    await byTestId('new-rubric-name').fill('Billing calls');
    await byTestId('new-rubric-create').click();
    await page.locator('[data-testid="rubric-editor"][data-state="ready"]').waitFor();

    const first = byTestId('section-editor').nth(0);
    await first.getByTestId('section-title').fill('Courtesy');
    await first.getByTestId('item-title').nth(0).fill('Greeting and own name');
    await first.getByTestId('add-item').click();
    await first.getByTestId('item-title').nth(1).fill('Polite tone throughout');
    await first.getByTestId('item-critical').nth(1).check();
    await first.getByTestId('item-comment-required').nth(1).check();
    await first.getByTestId('add-item').click();
    await first.getByTestId('item-title').nth(2).fill('Closing');

    await byTestId('add-section').click();
    const second = byTestId('section-editor').nth(1);
    await second.getByTestId('section-title').fill('Competence');
    await second.getByTestId('item-title').nth(0).fill('Product knowledge');
    await pickOption(second.getByTestId('item-type').nth(0), 'Scale 0–N');
    await second.getByTestId('add-item').click();
    await second.getByTestId('item-title').nth(1).fill('Offers options');
    await second.getByTestId('item-na').nth(1).check();

    // Alt+↑ on the focused item's handle moves "Closing" above "Polite tone"; focus stays on it.
    await first.getByTestId('item-handle').nth(2).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await poll(() => itemTitles(0)).toEqual(['Greeting and own name', 'Closing', 'Polite tone throughout']);
    expect(await page.evaluate(() => document.activeElement?.closest('[data-item-id]') !== null)).toBe(true);
    expect(await byTestId('rubric-announcement').textContent()).toContain('Closing');
    // Twice down, once back up: across the section edge and back.
    await page.keyboard.press('Alt+ArrowDown');
    await page.keyboard.press('Alt+ArrowDown');
    await poll(() => itemTitles(1)).toEqual(['Closing', 'Product knowledge', 'Offers options']);
    await page.keyboard.press('Alt+ArrowUp');
    await page.keyboard.press('Alt+ArrowUp');
    await poll(() => itemTitles(0)).toEqual(['Greeting and own name', 'Closing', 'Polite tone throughout']);

    // Dragged by its handle onto the top half of another item, an item lands before it.
    await second
      .getByTestId('item-handle')
      .nth(1)
      .dragTo(second.getByTestId('item-editor').nth(0), {
        targetPosition: { x: 200, y: 5 },
      });
    await poll(() => itemTitles(1)).toEqual(['Offers options', 'Product knowledge']);
    const below = second.getByTestId('item-editor').nth(1);
    const { height } = (await below.boundingBox())!;
    await second
      .getByTestId('item-handle')
      .nth(0)
      .dragTo(below, { targetPosition: { x: 200, y: height - 5 } });
    await poll(() => itemTitles(1)).toEqual(['Product knowledge', 'Offers options']);

    await waitSaved('rubric-save-state');
    expect(await byTestId('rubric-problems').count()).toBe(0);
    await screenshot(page, 'evaluation-04-rubric-editor');

    await byTestId('publish-open').click();
    await byTestId('publish-note').fill('First version for the billing queue');
    await dialogShown();
    await screenshot(page, 'evaluation-05-publish');
    await byTestId('publish-confirm').click();
    await poll(() => byTestId('rubric-version').textContent()).toBe('version 1');
    await page.locator('[data-testid="version-row"][data-version="1"]').waitFor();
  });

  it('scores a demo call from the keyboard: a critical fail fails it, the section scores stay', async () => {
    await openHash(`/interaction/${interactionId}/evaluate`);
    await page.locator('[data-testid="evaluate-page"][data-state="ready"]').waitFor();
    expect(await byTestId('evaluate-agent').textContent()).toContain(AGENT);
    await pickOption(byTestId('start-rubric'), /Billing calls/);
    await byTestId('start-evaluation-button').click();
    await page.locator('[data-testid="evaluation-sheet"][data-state="draft"]').waitFor();
    evaluationId = Number(await byTestId('evaluation-sheet').getAttribute('data-evaluation-id'));

    const focusedItem = () =>
      page.evaluate(() =>
        document.activeElement?.closest('[data-testid="evaluation-item"]')?.getAttribute('aria-label'),
      );
    await byTestId('evaluation-item').first().focus();
    // Tab and the arrows go from item to item, past the buttons inside.
    await page.keyboard.press('Tab');
    expect(await focusedItem()).toBe('2. Closing');
    await page.keyboard.press('ArrowUp');
    expect(await focusedItem()).toBe('1. Greeting and own name');
    await page.keyboard.press('y'); // Greeting: yes, on to Closing
    await page.keyboard.press('y'); // Closing: yes, on to Polite tone
    await page.keyboard.press('n'); // Polite tone: no — critical, and it wants a comment
    // The comment shows it is needed, but focus moves on like after any answer: keys are not lost in it.
    expect(await focusedItem()).toBe('4. Product knowledge');
    await item('Polite tone').getByTestId('item-comment').waitFor();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('c'); // C writes the comment
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'item-comment',
    );
    await page.keyboard.type('“As I said twice already, read the invoice.”');
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('1'); // Product knowledge: 1 of 2
    await page.keyboard.press('a'); // Offers options: n.a.
    await waitSaved('evaluation-save-state');

    const bar = byTestId('score-bar');
    expect(await bar.getAttribute('data-result')).toBe('criticalFail');
    expect(await byTestId('overall-percent').textContent()).toBe('0%');
    expect(await byTestId('section-percent').allTextContents()).toEqual(['66.7%', '50%']);
    expect(await item('Polite tone').getAttribute('data-status')).toBe('critical-fail');
    await byTestId('score-explanation').getByRole('button').click();
    await page.locator('[data-step="criticalFail"]').waitFor();
    await settled('score-explanation');
    await screenshot(page, 'evaluation-06-scored-critical-fail');
  });

  it('keeps the draft exactly across a reload', async () => {
    await page.reload();
    await waitForReady(page);
    await page.locator('[data-testid="evaluation-sheet"][data-state="draft"]').waitFor();
    expect(await item('Polite tone').getByTestId('item-comment').inputValue()).toBe(
      '“As I said twice already, read the invoice.”',
    );
    expect(
      await byTestId('evaluation-item').evaluateAll((rows) =>
        rows.map((row) => row.getAttribute('data-status')),
      ),
    ).toEqual(['answered', 'answered', 'critical-fail', 'answered', 'answered']);
    expect(await byTestId('score-bar').getAttribute('data-result')).toBe('criticalFail');
  });

  it('submits with Ctrl+Enter and locks the evaluation', async () => {
    await byTestId('overall-comment').fill(
      'Friendly start and close; the tone in the middle must not happen again.',
    );
    await waitSaved('evaluation-save-state');
    await item('Offers options').focus();
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid="evaluation-sheet"][data-state="submitted"]').waitFor();
    expect(await item('Greeting').getByTestId('answer-option').filter({ hasText: 'no' }).isDisabled()).toBe(
      true,
    );
    await screenshot(page, 'evaluation-07-submitted');
  });

  it('reopens only with a reason; the audit trail shows who, why and what changed', async () => {
    await byTestId('reopen-open').click();
    expect(await byTestId('reopen-confirm').isDisabled()).toBe(true);
    await byTestId('reopen-reason').fill('Agent disputes the product knowledge rating');
    await byTestId('reopen-confirm').click();
    await page.locator('[data-testid="evaluation-sheet"][data-state="draft"]').waitFor();
    const reopened = page.locator('[data-testid="audit-entry"][data-action="reopened"]');
    expect(await reopened.textContent()).toContain('Reopened by Maria Lind');
    expect(await reopened.getByTestId('audit-reason').textContent()).toContain('Agent disputes');

    await item('Product knowledge').focus();
    await page.keyboard.press('2');
    await waitSaved('evaluation-save-state');
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid="evaluation-sheet"][data-state="submitted"]').waitFor();
    const change = byTestId('audit-change');
    await poll(() => change.count()).toBe(1);
    expect(await change.textContent()).toBe('Product knowledge: 1 of 2 → 2 of 2');
    expect(await byTestId('score-bar').getAttribute('data-result')).toBe('criticalFail');
    expect(await byTestId('section-percent').allTextContents()).toEqual(['66.7%', '100%']);
    await byTestId('audit-trail').scrollIntoViewIfNeeded();
    await screenshot(page, 'evaluation-08-audit-trail');
  });

  it('exports the evaluations as CSV for Excel', async () => {
    await openHash('/rubrics');
    const row = page.locator('[data-testid="rubric-row"]').filter({ hasText: 'Billing calls' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByTestId('export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^evaluations-billing-calls-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, values, ...rest] = Papa.parse<string[]>(text.slice(1).trim(), { delimiter: ',' }).data;
    expect(rest).toEqual([]);
    const cell = (name: string) => values![header!.indexOf(name)];
    expect(cell('Agent')).toBe(AGENT);
    expect(cell('Interaction')).toBe(CALL);
    expect(cell('Reviewer')).toBe('Maria Lind');
    expect(cell('Reviewer role')).toBe('QA supervisor');
    expect(cell('Outcome')).toBe('critical fail');
    expect(cell('Pass mark %')).toBe('80');
    expect(cell('Score %')).toBe('0');
    expect(cell('Courtesy %')).toBe('66.7');
    expect(cell('Polite tone throughout')).toBe('no');
    expect(cell('Polite tone throughout – comment')).toBe('“As I said twice already, read the invoice.”');
    expect(cell('Product knowledge')).toBe('2');
    expect(cell('Offers options')).toBe('n.a.');
  });

  it('previews how a change to the rubric would re-score the evaluation, before publishing', async () => {
    await page
      .locator('[data-testid="rubric-row"]')
      .filter({ hasText: 'Billing calls' })
      .getByTestId('rubric-open')
      .click();
    await page.locator('[data-testid="rubric-editor"][data-state="ready"]').waitFor();
    // Polite tone stops being critical: the same answers would pass with 4 of 5 points.
    await byTestId('section-editor').nth(0).getByTestId('item-critical').nth(2).uncheck();
    await byTestId('rubric-changed').waitFor();
    await byTestId('rescore-open').click();
    const row = byTestId('rescore-row');
    await poll(() => row.count()).toBe(1);
    const [before, after] = await row
      .locator('td')
      .evaluateAll((cells) => [cells[2]!.textContent, cells[3]!.textContent]);
    expect(before).toContain('0%');
    expect(before).toContain('critical fail');
    // 4 of 5 points is exactly the pass mark of 80 %: a pass.
    expect(after).toContain('80%');
    expect(after).toContain('pass');
    expect(await row.getAttribute('data-outcome-changed')).toBe('true');
    await dialogShown();
    await screenshot(page, 'evaluation-09-rescore-preview');
    await page.keyboard.press('Escape');
    await byTestId('rubric-discard').click();
    await byTestId('rubric-discard-dialog-confirm').click();
    await poll(() => byTestId('rubric-changed').count()).toBe(0);
    expect(await byTestId('section-editor').nth(0).getByTestId('item-critical').nth(2).isChecked()).toBe(
      true,
    );
  });

  it('prints the summary for the agent, and saves it as PDF', async () => {
    await openHash(`/evaluation/${evaluationId}/summary`);
    await page.locator('[data-testid="evaluation-summary"][data-state="ready"]').waitFor();
    expect(await byTestId('summary-agent').textContent()).toBe(AGENT);
    await screenshot(page, 'evaluation-10-summary');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.mantine-AppShell-header').isVisible()).toBe(false);
    expect(await page.locator('.mantine-AppShell-navbar').isVisible()).toBe(false);
    expect(await byTestId('summary-print').isVisible()).toBe(false);
    expect(await byTestId('summary-item').count()).toBe(5);
    await screenshot(page, 'evaluation-11-summary-print');

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
    expect(pdfText(pdf)).toContain(`Evaluation – ${AGENT} – ${CALL}`);
  });
});

/**
 * What a PDF says about itself in readable text: its title (Chromium takes it from the page title,
 * which the summary sets to the agent and the call) in literal or UTF-16 form, from the plain and the
 * compressed objects. The body's text is drawn with font subsets, so the title is where names are legible.
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const parts = [raw];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      parts.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not a compressed stream
    }
  }
  const text = parts.join('\n');
  const titles = [...text.matchAll(/\/Title\s*(<[0-9A-Fa-f\s]+>|\((?:\\.|[^\\)])*\))/g)].map(([, value]) => {
    if (value!.startsWith('<')) {
      const hex = Buffer.from(value!.slice(1, -1).replace(/\s/g, ''), 'hex');
      return hex[0] === 0xfe && hex[1] === 0xff
        ? hex.subarray(2).swap16().toString('utf16le')
        : hex.toString('latin1');
    }
    return value!.slice(1, -1).replace(/\\(.)/g, '$1');
  });
  return titles.join('\n');
}
