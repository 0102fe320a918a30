import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData, tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

/**
 * A mystery shopper enters one shop by keyboard alone (Tab, typing, the checklist's score keys and
 * Ctrl+Enter), with a real recording imported on the spot as evidence, and a scenario added to the
 * library on the way; the shop's page shows the score and plays the recording. A team lead queries the
 * result with a reason, the shopper corrects it with a reason, and the audit trail shows all of it.
 */
let host: RunningHost;
let browser: Browser;
let page: Page;
const data = tempDir('earmark-e2e-mystery-entry-');
const RECORDING = join(sharedData, 'audio', 'eshaz__wasm-audio-decoders', 'opus_osce_female_ref_12kbs.ogg');
let shopRowId = 0;

const byTestId = (id: string) => page.getByTestId(id);
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });
const openHash = async (hash: string) => {
  await page.goto(`${host.url}#${hash}`);
  await waitForReady(page);
};
async function api<T = unknown>(method: string, params: unknown = {}): Promise<T> {
  const token = new URL(host.url).searchParams.get('token');
  const response = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(params),
  });
  const reply = (await response.json()) as
    { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
  return reply.value;
}
/** The focused element's test id (or, inside a labelled field, its own). */
const focused = () =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return element?.dataset.testid ?? element?.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
  });
/** Tab on until the element with this test id has focus (a few fields may lie between). */
async function tabTo(testId: string, most = 8) {
  for (let i = 0; i < most && (await focused()) !== testId; i += 1) await page.keyboard.press('Tab');
  expect(await focused()).toBe(testId);
}
async function switchTo(name: string) {
  await byTestId('profile-switcher').click();
  await page.locator(`[data-testid="profile-option"][data-profile="${name}"]`).click();
  await page.locator(`[data-testid="profile-switcher"][data-profile="${name}"]`).waitFor();
}
const audit = () =>
  byTestId('shop-audit-entry').evaluateAll((entries) =>
    entries.map((entry) => (entry as HTMLElement).dataset.action),
  );

beforeAll(async () => {
  expect(existsSync(RECORDING)).toBe(true);
  host = await startHost(data.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await api('demo.load');
  await api('profile.create', { name: 'Pekka Niemi', role: 'team_lead' });
  // Created last, so she is the one at the keyboard.
  await api('profile.create', { name: 'Sanna Koski', role: 'mystery_shopper' });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
});

describe('entering a mystery shop by keyboard', () => {
  it('takes the details, a new library scenario and the checklist from the keyboard', async () => {
    await openHash('/mystery/new');
    await page.locator('[data-testid="shop-entry"][data-state="new"]').waitFor();
    // The built-in mystery-call checklist is picked for a new shop.
    await poll(() => byTestId('shop-rubric').inputValue()).toMatch(/mystery call/i);
    await byTestId('evaluation-item').first().waitFor();
    // The shop id has focus from the start.
    expect(await focused()).toBe('shop-id');
    await page.keyboard.type('W1-042');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Wave 1/2025');
    await tabTo('shop-day');
    await page.keyboard.type('Mar 14, 2025');
    await tabTo('shop-hours');
    await page.keyboard.type('10');
    await tabTo('shop-minutes');
    await page.keyboard.type('30');
    await tabTo('shop-ampm');
    await page.keyboard.press('A');
    await tabTo('shop-channel');
    // call → chat → call: the channel goes by arrow keys.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await tabTo('shop-team');
    await page.keyboard.type('Berlin hotline');
    await tabTo('shop-answered-by');
    await page.keyboard.type('a woman, did not give her name');
    await tabTo('shop-agent');
    await page.keyboard.type('Anna');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await poll(() => byTestId('shop-agent').inputValue()).toContain('Anna Berg');

    // A scenario for the library, written in its dialog.
    await tabTo('scenario-new');
    await page.keyboard.press('Enter');
    await byTestId('scenario-title').waitFor();
    await poll(focused).toBe('scenario-title');
    await page.keyboard.type('Early cancellation');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Asks to cancel a two-year contract after four months.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('"Your competitor waives the fee. Why don\'t you?"');
    await page.keyboard.press('Tab');
    await page.keyboard.type('States the fee honestly, offers the cheaper plan instead.');
    await tabTo('scenario-save');
    await page.keyboard.press('Enter');
    await byTestId('scenario-card').waitFor();
    expect(await byTestId('shop-scenario').inputValue()).toBe('Early cancellation');
    // Back at the scenario, where the typing left off.
    await poll(focused).toBe('shop-scenario');
    // Enough for a draft: it is saved, and the address becomes the shop's own.
    await page.locator('[data-testid="shop-entry"][data-state="draft"]').waitFor();
    await page.locator('[data-testid="shop-save-state"][data-save-state="saved"]').waitFor();
    shopRowId = Number(await byTestId('shop-entry').getAttribute('data-shop-id'));
    await poll(() => page.url()).toContain(`#/mystery/${shopRowId}`);
    // The form stayed as it was under its new address: the focus too.
    expect(await focused()).toBe('shop-scenario');

    // Into the checklist: the evaluation form's keys.
    for (let i = 0; i < 8 && (await focused()) !== 'evaluation-item'; i += 1)
      await page.keyboard.press('Tab');
    expect(await focused()).toBe('evaluation-item');
    for (const key of ['Y', 'Y', 'Y', '2', '1', 'A', 'Y', 'N']) await page.keyboard.press(key);
    await poll(() => page.locator('[data-testid="evaluation-item"][data-status="unanswered"]').count()).toBe(
      0,
    );
    expect(await byTestId('evaluation-announcement').textContent()).toContain('Closing');
  });

  it('imports the recording on the spot and takes notes, a file and a further detail', async () => {
    await tabTo('shop-recording-path');
    await page.keyboard.type(RECORDING);
    await page.keyboard.press('Enter');
    await byTestId('shop-recording-chosen').waitFor({ timeout: 30_000 });
    expect(await byTestId('shop-recording-chosen').textContent()).toContain('opus osce female ref 12kbs');
    await tabTo('shop-notes', 10);
    await page.keyboard.type('Friendly, but did not mention the cheaper plan at first.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('/agency/W1-042/screenshot.png');
    await tabTo('shop-extra-add');
    await page.keyboard.press('Enter');
    await poll(focused).toBe('shop-extra-key');
    await page.keyboard.type('Region');
    await page.keyboard.press('Tab');
    await page.keyboard.type('North');
    await page.locator('[data-testid="shop-save-state"][data-save-state="saved"]').waitFor();
    await screenshot(page, 'mystery-entry-en-01-form');
  });

  it('submits with Ctrl+Enter and shows the shop with its score and the recording', async () => {
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid="shop-page"][data-status="submitted"]').waitFor();
    // 3 yes + 2 of 2 + calm (2) + n.a. removed + yes + no: 8 of 9.
    expect(await byTestId('shop-page-percent').textContent()).toBe('88.9%');
    expect(await byTestId('shop-page').getByTestId('result-badge').first().getAttribute('data-result')).toBe(
      'pass',
    );
    const recording = byTestId('shop-page-recording');
    expect(await recording.textContent()).toContain('opus osce female ref 12kbs');
    await poll(() => byTestId('shop-page-audio').getAttribute('src')).toMatch(/\/media\//);
    // The browser can really play it: it reads the recording's length from the streamed media.
    await poll(() =>
      byTestId('shop-page-audio').evaluate((audio) => Math.round((audio as HTMLAudioElement).duration)),
    ).toBe(20);
    expect(await byTestId('shop-page-details').textContent()).toContain('Anna Berg');
    expect(await byTestId('shop-page-scenario').textContent()).toContain('Why don');
    expect(await byTestId('shop-page-files').textContent()).toContain('/agency/W1-042/screenshot.png');
    expect(await byTestId('shop-page-extra').textContent()).toContain('North');
    // The shopper may confirm or correct; only a team lead queries.
    expect(await byTestId('shop-query').count()).toBe(0);
    await byTestId('shop-correct').waitFor();
    expect(await audit()).toEqual(['created', 'submitted']);
    await screenshot(page, 'mystery-entry-en-02-shop');
  });

  it('lets a team lead query the result with a reason', async () => {
    await switchTo('Pekka Niemi');
    await byTestId('shop-query').waitFor();
    expect(await byTestId('shop-correct').count()).toBe(0);
    await byTestId('shop-query').click();
    await byTestId('reason-text').waitFor();
    // Too short a reason is refused in words, and nothing is queried.
    await page.keyboard.type('no');
    await byTestId('reason-confirm').click();
    await poll(() => byTestId('reason-dialog').textContent()).toContain('at least 3 characters');
    await byTestId('reason-text').focus();
    await page.keyboard.press('End');
    await page.keyboard.type(' closing: the agent did thank the caller, listen at 0:18');
    await byTestId('reason-confirm').click();
    await page.locator('[data-testid="shop-page"][data-status="queried"]').waitFor();
    expect(await byTestId('shop-page-query').textContent()).toContain('Pekka Niemi');
    await screenshot(page, 'mystery-entry-en-03-queried');
  });

  it('lets the shopper correct it with a reason, and the audit trail shows who changed what', async () => {
    await switchTo('Sanna Koski');
    await byTestId('shop-correct').click();
    await byTestId('shop-correction').waitFor();
    const closing = page.locator('[data-testid="evaluation-item"][data-item-id="closing"]');
    await closing.focus();
    await page.keyboard.press('Y');
    await byTestId('shop-correct-reason').focus();
    await page.keyboard.type('Listened again: the agent thanked the caller.');
    await byTestId('shop-correct-save').click();
    await page.locator('[data-testid="shop-page"][data-status="confirmed"]').waitFor();
    expect(await byTestId('shop-page-percent').textContent()).toBe('100%');
    expect(await audit()).toEqual(['created', 'submitted', 'queried', 'corrected']);
    const trail = byTestId('shop-audit');
    expect(await trail.textContent()).toContain('Pekka Niemi queried the result');
    expect(await trail.textContent()).toContain('Sanna Koski corrected the result');
    expect(await trail.textContent()).toContain('Reason: Listened again: the agent thanked the caller.');
    expect(await byTestId('shop-audit-change').allTextContents()).toContain('Closing: no → yes');
    await screenshot(page, 'mystery-entry-en-04-corrected');
  });

  for (const language of ['de', 'fi'] as const) {
    it(`shows the form and the shop page in ${language}`, async () => {
      await api('settings.update', { language });
      await openHash(`/mystery/${shopRowId}`);
      await page.locator('[data-testid="shop-page"][data-status="confirmed"]').waitFor();
      await byTestId('shop-audit-entry').first().waitFor();
      await screenshot(page, `mystery-entry-${language}-02-shop`);
      await openHash('/mystery/new');
      await page.locator('[data-testid="shop-entry"][data-state="new"]').waitFor();
      await page.keyboard.type(`W1-043-${language}`);
      await byTestId('shop-submit').click();
      await byTestId('shop-problems').waitFor();
      await byTestId('evaluation-item').first().waitFor();
      await screenshot(page, `mystery-entry-${language}-01-form`);
    });
  }
});
