import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

/**
 * Mystery shops kept apart from QA, through the browser host on a real backend: a mystery shopper's
 * results for Anna show in their own section of her page (count, average, results, the latest shops
 * linking to the shop) and per team under the agents list; a team lead brings two of them into a
 * one-to-one through the picker, and the session and its printout list them with score and scenario.
 * In English, German and Finnish.
 */
let host: RunningHost;
let browser: Browser;
let page: Page;
const data = tempDir('earmark-e2e-mystery-apart-');
const AGENT = 'Anna Berg';
let agentId = 0;
let sessionId = 0;

const byTestId = (id: string) => page.getByTestId(id);
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
async function open(hash: string) {
  await page.goto(`${host.url}#${hash}`);
  await page.reload();
  await waitForReady(page);
}

const yes = { kind: 'yes' };
/** The built-in mystery-call checklist, best answers unless told otherwise. */
const answers = (o: { greeting?: boolean; knowledge?: number; provocative?: string } = {}) => [
  { itemId: 'answered-quickly', value: yes },
  { itemId: 'greeting', value: { kind: o.greeting === false ? 'no' : 'yes' } },
  { itemId: 'need-asked', value: yes },
  { itemId: 'product-knowledge', value: { kind: 'scale', value: o.knowledge ?? 2 } },
  { itemId: 'provocative-question', value: { kind: 'choice', optionId: o.provocative ?? 'calm-honest' } },
  { itemId: 'options-offered', value: yes },
  { itemId: 'next-step', value: yes },
  { itemId: 'closing', value: yes },
];

async function seedShops() {
  const rubrics = await host.api<{ id: number; builtin: string | null; language: string }[]>('rubric.list');
  const rubricId = rubrics.find((r) => r.builtin === 'mystery-call' && r.language === 'en')!.id;
  const facets = await host.api<{ agents: { id: number; name: string }[] }>('library.facets');
  agentId = facets.agents.find((agent) => agent.name === AGENT)!.id;
  const scenario = await host.api<{ id: number }>('scenario.save', {
    title: 'Early cancellation',
    provocativeQuestion: 'Why should I pay a fee for a service that does not work?',
  });
  const shops: [string, string, object, object][] = [
    ['W1-001', '2025-03-04T09:15', { scenarioId: scenario.id }, answers()],
    [
      'W1-002',
      '2025-03-11T14:40',
      { scenarioText: 'Asks why the router costs extra' },
      answers({ knowledge: 0, provocative: 'evasive' }),
    ],
    ['W1-003', '2025-03-18T11:05', { scenarioId: scenario.id }, answers({ greeting: false })],
  ];
  for (const [shopId, occurredAt, scenarioFields, shopAnswers] of shops) {
    const draft = await host.api<{ id: number }>('mystery.saveDraft', {
      fields: {
        shopId,
        wave: 'Wave 1/2025',
        occurredAt,
        channel: 'call',
        team: 'Customer Care',
        agentId,
        answeredBy: 'Anna',
        rubricId,
        answers: shopAnswers,
        ...scenarioFields,
      },
    });
    await host.api('mystery.submit', { id: draft.id });
  }
  const other = await host.api<{ id: number }>('mystery.saveDraft', {
    fields: {
      shopId: 'W1-004',
      occurredAt: '2025-03-12T16:20',
      channel: 'call',
      team: 'Technical Support',
      scenarioText: 'Router keeps dropping',
      rubricId,
      answers: answers({ provocative: 'irritated-or-dishonest' }).map((a) =>
        a.itemId === 'provocative-question' ? { ...a, comment: 'Blamed the customer' } : a,
      ),
    },
  });
  await host.api('mystery.submit', { id: other.id });
}

beforeAll(async () => {
  host = await startHost(data.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await host.api('demo.load');
  await host.api('profile.create', { name: 'Sanna Koski', role: 'mystery_shopper' });
  await seedShops();
  // Created last, so the team lead is the one at the keyboard.
  await host.api('profile.create', { name: 'Lena Fischer', role: 'team_lead' });
  sessionId = (await host.api<{ id: number }>('coaching.create', { agentId, heldOn: '2025-04-01' })).id;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
});

describe('mystery shops kept apart from QA', () => {
  it('brings two of Anna’s shops into the one-to-one through the picker', async () => {
    await open(`/coaching/${sessionId}`);
    await page.locator('[data-testid="coaching-session"][data-state="planned"]').waitFor();
    await byTestId('mystery-link').click();
    await byTestId('mystery-picker').waitFor();
    // Only Anna's shops are offered, newest first; the other team's shop is not hers.
    const offered = byTestId('mystery-picker-shop');
    await poll(() => offered.count()).toBe(3);
    expect(await offered.nth(0).getAttribute('data-shop-id')).toBe('W1-003');
    await page.locator('[data-testid="mystery-picker-shop"][data-shop-id="W1-002"]').check();
    await page.locator('[data-testid="mystery-picker-shop"][data-shop-id="W1-001"]').check();
    await screenshot(page, 'mystery-apart-en-0-picker', { asShown: true });
    await byTestId('mystery-link-save').click();
    await byTestId('mystery-picker').waitFor({ state: 'detached' });
    await poll(() => byTestId('linked-mystery-shop').count()).toBe(2);
    expect(await byTestId('linked-mystery-shop').first().textContent()).toContain(
      'Asks why the router costs extra',
    );
  });

  for (const language of ['en', 'de', 'fi'] as const) {
    it(`shows the agent's own mystery section, the teams and the session in ${language}`, async () => {
      await host.api('settings.update', { language });
      await open(`/agents/${agentId}`);
      const section = page.locator('[data-testid="agent-mystery"][data-section="shops"]');
      await section.waitFor();
      await poll(() => byTestId('agent-mystery-shop').count()).toBe(3);
      // 100, 90 and 70: 86.7 % on average; two passes, one below target.
      expect(await byTestId('mystery-count').textContent()).toBe('3');
      expect(await byTestId('mystery-average').textContent()).toMatch(/86[.,]7/);
      expect(await byTestId('mystery-pass').textContent()).toMatch(/^2/);
      expect(await byTestId('mystery-belowTarget').textContent()).toMatch(/^1/);
      const first = byTestId('agent-mystery-shop').first();
      expect(await first.getAttribute('data-shop-id')).toBe('W1-003');
      expect(await first.locator('a').getAttribute('href')).toMatch(/#\/mystery\/\d+$/);
      await section.scrollIntoViewIfNeeded();
      await screenshot(page, `mystery-apart-${language}-1-agent-section`, { asShown: true });

      await open('/agents');
      await page.locator('[data-testid="mystery-teams"][data-state="ready"]').waitFor();
      expect(await byTestId('mystery-team').count()).toBe(2);
      await byTestId('mystery-teams').scrollIntoViewIfNeeded();
      await screenshot(page, `mystery-apart-${language}-2-teams`, { asShown: true });
      // In a narrow laptop window the result badges scroll the table in its card, never the whole page.
      await page.setViewportSize({ width: 1024, height: 700 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
      await screenshot(page, `mystery-apart-${language}-2-teams-narrow`, { asShown: true });
      await page.setViewportSize({ width: 1280, height: 900 });

      await open(`/coaching/${sessionId}`);
      await poll(() => byTestId('linked-mystery-shop').count()).toBe(2);
      await byTestId('linked-mystery-shops').scrollIntoViewIfNeeded();
      await screenshot(page, `mystery-apart-${language}-3-session`, { asShown: true });

      await open(`/coaching/${sessionId}/print`);
      await page.locator('[data-testid="coaching-printout"][data-state="ready"]').waitFor();
      expect(await byTestId('printout-mystery-shop').count()).toBe(2);
      await screenshot(page, `mystery-apart-${language}-4-printout`);
    });
  }
});
