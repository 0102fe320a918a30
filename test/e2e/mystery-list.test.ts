import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

/**
 * The Mystery shops area through the browser host on a real backend: a mystery shopper's profile opens
 * on it with only their sections; shops entered through the API as the entry form does (saveDraft, then
 * submit) are listed, filtered, searched and sorted in the UI, the view in the address so Back undoes a
 * filter; the report shows each team's trend, item pass rates and the provocative question's answers.
 */
let host: RunningHost;
let browser: Browser;
let page: Page;
const data = tempDir('earmark-e2e-mystery-list-');
const LANGUAGES = ['en', 'de', 'fi'] as const;

const byTestId = (id: string) => page.getByTestId(id);
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
/** A fresh page load, so the language just chosen is the one the app starts in. */
async function open(hash: string) {
  await page.goto(`${host.url}#${hash}`);
  await page.reload();
  await waitForReady(page);
}
const listReady = () => page.locator('[data-testid="mystery-list"][data-state="ready"]').waitFor();
const reportReady = () => page.locator('[data-testid="mystery-report"][data-state="ready"]').waitFor();
const shownShopIds = () =>
  page.$$eval('[data-testid="mystery-row"]', (rows) => rows.map((row) => row.getAttribute('data-shop-id')));
const hashOf = () => new URL(page.url()).hash;

type Answer = { itemId: string; value: Record<string, unknown>; comment?: string };
const yes = (itemId: string, ok = true): Answer => ({ itemId, value: { kind: ok ? 'yes' : 'no' } });
/** The built-in mystery-call checklist answered: everything best is 10 of 10 points. */
function answers(o: { greeting?: boolean; knowledge?: number; provocative?: string } = {}): Answer[] {
  return [
    yes('answered-quickly'),
    yes('greeting', o.greeting ?? true),
    yes('need-asked'),
    { itemId: 'product-knowledge', value: { kind: 'scale', value: o.knowledge ?? 2 } },
    {
      itemId: 'provocative-question',
      value: { kind: 'choice', optionId: o.provocative ?? 'calm-honest' },
      ...(o.provocative === 'irritated-or-dishonest' ? { comment: 'Snapped at the shopper.' } : {}),
    },
    yes('options-offered'),
    yes('next-step'),
    yes('closing'),
  ];
}

async function enterShop(fields: Record<string, unknown>) {
  const draft = await host.api<{ id: number }>('mystery.saveDraft', { fields });
  return host.api<{ id: number; percent: number }>('mystery.submit', { id: draft.id });
}

beforeAll(async () => {
  host = await startHost(data.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
});

describe('a mystery shopper', () => {
  it('opens on the Mystery shops area, with only their sections, and is told what a shop is', async () => {
    await host.api('profile.create', { name: 'Mia Berger', role: 'mystery_shopper' });
    await page.goto(host.url);
    await waitForReady(page);
    await poll(hashOf).toBe('#/mystery');
    await byTestId('mystery-empty').waitFor();
    const nav = await page.$$eval('[data-testid^="nav-"]', (links) => links.map((l) => l.dataset.testid));
    expect(nav).toEqual(['nav-mystery', 'nav-import', 'nav-settings']);
    expect(await byTestId('mystery-empty-new').getAttribute('href')).toBe('#/mystery/new');
    expect(await byTestId('mystery-empty-import').getAttribute('href')).toBe('#/mystery/import');
    for (const language of LANGUAGES) {
      await host.api('settings.update', { language });
      await open('/mystery');
      await byTestId('mystery-empty').waitFor();
      await screenshot(page, `mystery-list-empty-${language}`);
    }
    await host.api('settings.update', { language: 'en' });
  });
});

/**
 * In a 1280-wide laptop window every column is there, status at the right edge included, and no column
 * name is cut short ("Testkauf-…"); in a 1024-wide one the table scrolls sideways to its status.
 */
async function expectColumnsShown(language: string) {
  await page.setViewportSize({ width: 1280, height: 800 });
  const shown = () =>
    page.evaluate(() => {
      const table = document.querySelector('[data-testid="mystery-table"]')!;
      const status = document.querySelector('[data-testid="mystery-status"]')!.getBoundingClientRect();
      return {
        statusInside: status.right <= table.getBoundingClientRect().right,
        cutNames: [...document.querySelectorAll<HTMLElement>('[data-testid^="mystery-sort-"]')]
          .filter(
            (name) => name.scrollWidth > name.clientWidth + 1 || name.scrollHeight > name.clientHeight + 1,
          )
          .map((name) => name.textContent),
        scrolls: table.scrollWidth > table.clientWidth,
        pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      };
    });
  expect(await shown(), language).toEqual({
    statusInside: true,
    cutNames: [],
    scrolls: false,
    pageScrolls: false,
  });
  await page.setViewportSize({ width: 1024, height: 700 });
  expect(await shown(), language).toMatchObject({ scrolls: true, pageScrolls: false });
  await screenshot(page, `mystery-list-narrow-${language}`, { asShown: true });
}

describe('the list of shops', () => {
  beforeAll(async () => {
    const rubrics = await host.api<{ id: number; builtin: string | null; language: string }[]>('rubric.list');
    const rubricId = rubrics.find((r) => r.builtin === 'mystery-call' && r.language === 'en')!.id;
    const early = await host.api<{ id: number }>('scenario.save', {
      title: 'Early cancellation',
      provocativeQuestion: 'Why should I not just stop paying?',
    });
    const base = { rubricId, wave: 'Wave 1/2025', channel: 'call', answeredBy: 'a woman, no name given' };
    // A wave of 40 calls to two teams, then four shops with something to find.
    for (let n = 1; n <= 40; n++) {
      await enterShop({
        ...base,
        shopId: `W1-${String(n).padStart(3, '0')}`,
        occurredAt: `2025-03-${String(1 + (n % 28)).padStart(2, '0')}T${String(8 + (n % 9)).padStart(2, '0')}:15`,
        team: n % 2 ? 'Berlin hotline' : 'Hamburg shop',
        scenarioId: early.id,
        answers: answers({ knowledge: n % 5 === 0 ? 1 : 2, greeting: n % 4 !== 0 }),
      });
    }
    await enterShop({
      ...base,
      shopId: 'W2-CHAT',
      wave: 'Wave 2/2025',
      occurredAt: '2025-06-10T11:00',
      channel: 'chat',
      team: 'Hamburg shop',
      scenarioText: 'Price comparison',
      notes: 'Hold music for 4 minutes before anyone typed',
      answers: answers({ provocative: 'evasive', knowledge: 1 }),
    });
    await enterShop({
      ...base,
      shopId: 'W2-RUDE',
      wave: 'Wave 2/2025',
      occurredAt: '2025-06-12T15:30',
      team: 'Hamburg shop',
      answeredBy: 'Petra',
      scenarioId: early.id,
      answers: answers({ provocative: 'irritated-or-dishonest', greeting: false, knowledge: 0 }),
    });
    await host.api('mystery.saveDraft', {
      fields: {
        ...base,
        shopId: 'W2-DRAFT',
        wave: 'Wave 2/2025',
        team: 'Hamburg shop',
        occurredAt: '2025-06-20T09:00',
        scenarioText: 'Roaming',
        answers: [],
      },
    });
    // A team lead sees every section, the mystery shops among them.
    await host.api('profile.create', { name: 'Pekka Niemi', role: 'team_lead' });
  });

  it('shows every shop with its columns, newest first, and every section to a team lead', async () => {
    await open('/mystery');
    await listReady();
    expect(await byTestId('nav-library').isVisible()).toBe(true);
    expect(await byTestId('nav-mystery').getAttribute('data-active')).toBe('true');
    expect(await byTestId('mystery-table').getAttribute('data-total')).toBe('43');
    expect((await shownShopIds()).slice(0, 3)).toEqual(['W2-DRAFT', 'W2-RUDE', 'W2-CHAT']);
    const rude = page.locator('[data-testid="mystery-row"][data-shop-id="W2-RUDE"]');
    expect(await rude.textContent()).toContain('Petra');
    expect(await rude.textContent()).toContain('Early cancellation');
    // Quick answer and need asked, no greeting, knowledge 0, provocative 0, then 3 yes: 5 of 10, under 80 %.
    expect(await rude.getByTestId('mystery-score').getAttribute('data-result')).toBe('belowTarget');
    expect(await rude.getByTestId('mystery-score').textContent()).toBe('50%');
    expect(await rude.getByTestId('mystery-status').getAttribute('data-status')).toBe('submitted');
    await screenshot(page, 'mystery-list-full-en', { asShown: true });
    // A large wave is virtualised: not every one of the 43 rows is in the page at once.
    await page.setViewportSize({ width: 1440, height: 700 });
    await poll(async () => (await shownShopIds()).length).toBeLessThan(43);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('filters by channel in the address, and Back takes the filter away', async () => {
    await byTestId('mystery-filter-channel').click();
    await page.getByRole('option', { name: 'Chat' }).click();
    await poll(shownShopIds).toEqual(['W2-CHAT']);
    expect(hashOf()).toContain('channel=chat');
    expect(await byTestId('mystery-count').textContent()).toBe('1 of 43 mystery shops');
    await page.goBack();
    await poll(async () => (await shownShopIds()).length).toBeGreaterThan(3);
    expect(hashOf()).toBe('#/mystery');
  });

  it('filters by team, wave and status, and by score from the address', async () => {
    await byTestId('mystery-filter-team').click();
    await page.getByRole('option', { name: 'Hamburg shop' }).click();
    await byTestId('mystery-filter-wave').click();
    await page.getByRole('option', { name: 'Wave 2/2025' }).click();
    await poll(shownShopIds).toEqual(['W2-DRAFT', 'W2-RUDE', 'W2-CHAT']);
    await byTestId('mystery-filter-status').click();
    await page.getByRole('option', { name: 'Draft' }).click();
    await poll(shownShopIds).toEqual(['W2-DRAFT']);
    await open('/mystery?wave=Wave+2%2F2025&max=75');
    await listReady();
    await poll(shownShopIds).toEqual(['W2-RUDE']);
    await byTestId('mystery-clear').click();
    await poll(async () => (await shownShopIds()).length).toBeGreaterThan(3);
  });

  it('searches shop id, who answered, scenario and notes', async () => {
    await byTestId('mystery-search').fill('hold music');
    await poll(shownShopIds).toEqual(['W2-CHAT']);
    expect(hashOf()).toContain('q=hold+music');
    await byTestId('mystery-search').fill('petra');
    await poll(shownShopIds).toEqual(['W2-RUDE']);
    await byTestId('mystery-search').fill('W1-01');
    await poll(async () => (await shownShopIds()).length).toBe(10);
    for (const language of LANGUAGES) {
      await host.api('settings.update', { language });
      await open('/mystery?q=W2&sort=score');
      await listReady();
      await poll(shownShopIds).toEqual(['W2-CHAT', 'W2-RUDE', 'W2-DRAFT']);
      await screenshot(page, `mystery-list-${language}`);
      await expectColumnsShown(language);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await host.api('settings.update', { language: 'en' });
    await open('/mystery');
    await listReady();
  });

  it('sorts by a column, and by it the other way round on a second click', async () => {
    await byTestId('mystery-sort-score').click();
    await poll(async () => (await shownShopIds())[0]).toBe('W1-001');
    expect(hashOf()).toContain('sort=score');
    await byTestId('mystery-sort-score').click();
    // Lowest first (a draft without a score goes last either way).
    await poll(async () => (await shownShopIds())[0]).toBe('W2-RUDE');
    await byTestId('mystery-sort-shopId').click();
    await poll(async () => (await shownShopIds())[0]).toBe('W1-001');
    await byTestId('mystery-sort-shopId').click();
    await poll(async () => (await shownShopIds())[0]).toBe('W2-RUDE');
  });

  it('opens a shop from its row and links to entering and importing shops', async () => {
    expect(await byTestId('mystery-new').getAttribute('href')).toBe('#/mystery/new');
    expect(await byTestId('mystery-import').getAttribute('href')).toBe('#/mystery/import');
    await page.locator('[data-testid="mystery-row"][data-shop-id="W2-CHAT"]').click();
    await poll(hashOf).toMatch(/^#\/mystery\/\d+$/);
  });
});

describe('the reports', () => {
  it('shows each team over time, item pass rates and the provocative question, never drafts', async () => {
    await open('/mystery/reports');
    await reportReady();
    const groups = () =>
      page.$$eval('[data-testid="report-group"]', (rows) => rows.map((row) => row.getAttribute('data-key')));
    // The 42 submitted shops (the draft left out): 20 Berlin, 22 Hamburg, "all" first.
    expect(await groups()).toEqual(['', 'Hamburg shop', 'Berlin hotline']);
    expect(await page.locator('[data-testid="report-group"][data-key=""]').textContent()).toContain('42');
    expect(await byTestId('report-trend').getAttribute('data-points')).toBe('2');
    await page.locator('[data-testid="report-group"][data-key="Hamburg shop"]').click();
    await poll(hashOf).toContain('key=Hamburg+shop');
    await reportReady();
    // Hamburg's 20 wave-one shops (even n: greeting missed on every 4th) and the two of wave two.
    const greeting = page.locator('[data-testid="report-item"][data-item-id="greeting"]');
    await poll(() => greeting.getByTestId('report-item-rate').textContent()).toContain('11 of 22');
    await byTestId('report-per').getByText('By wave').click();
    await poll(hashOf).toContain('per=wave');
    await reportReady();
    expect(await byTestId('report-provocative').getAttribute('data-state')).toBe('shown');
    expect(await byTestId('report-provocative').textContent()).toContain('Irritated, defensive or dishonest');
    // Names of who answered never appear in a report.
    expect(await byTestId('mystery-report').textContent()).not.toContain('Petra');
    for (const language of LANGUAGES) {
      await host.api('settings.update', { language });
      await open('/mystery/reports?key=Hamburg+shop&per=wave');
      await reportReady();
      await screenshot(page, `mystery-report-${language}`);
    }
    await host.api('settings.update', { language: 'en' });
  });

  it('groups by scenario', async () => {
    await open('/mystery/reports');
    await reportReady();
    await byTestId('report-by').getByText('Per scenario').click();
    await poll(hashOf).toContain('by=scenario');
    await reportReady();
    await poll(() =>
      page.$$eval('[data-testid="report-group"]', (rows) => rows.map((row) => row.getAttribute('data-key'))),
    ).toEqual(['', 'Early cancellation', 'Price comparison']);
  });
});
