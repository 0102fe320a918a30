import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewerProfile } from '../../shared/api/methods/profiles';
import type { MyQueue, QueueDraw, QueuePlan } from '../../shared/api/methods/queue';
import { smallDraft } from '../integration/evaluations/fixture';
import { tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

/**
 * A week of the review queue through the browser host on a real backend, with the demo's calls and
 * chats (week 2026-W45, drawn for the reviews due in W46): a QA manager profile is made in the profile dialog, makes a plan (one per
 * agent, Maria reviews) and draws the week; Maria opens My queue, opens the next item with N and
 * scores it from the keyboard, replaces another with a reason; the manager sees completion per
 * reviewer and per agent and why the item was replaced, raises the quota and draws more. Then the
 * screens in German and Finnish.
 */
let host: RunningHost;
let browser: Browser;
let page: Page;
const data = tempDir('earmark-e2e-queue-');
/** The week the reviews are due: its draw samples the demo's calls and chats of the week before (W45). */
const WEEK = '2026-W46';
let maria: ReviewerProfile;
let hanna: ReviewerProfile;
let planId = 0;

const byTestId = (id: string) => page.getByTestId(id);
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
const openHash = async (hash: string) => {
  await page.goto(`${host.url}#${hash}`);
  await waitForReady(page);
};
const pickOption = async (input: ReturnType<Page['getByTestId']>, name: string | RegExp) => {
  await input.click();
  await page.getByRole('option', { name }).click();
};
const dialogShown = () =>
  page.waitForFunction(() => {
    const content = document.querySelector('.mantine-Modal-content');
    return content !== null && getComputedStyle(content).opacity === '1';
  });
/** Makes a profile the current one, as the switcher does, and starts the page afresh. */
const actAs = async (profile: ReviewerProfile) => {
  await host.api('profile.select', { id: profile.id });
};
const myQueue = async () => {
  await openHash(`/queue?week=${WEEK}`);
  await page.locator('[data-testid="my-queue"][data-state="ready"]').waitFor();
};
const planWeek = async () => {
  await openHash(`/queue/plans/${planId}?week=${WEEK}`);
  await page.locator('[data-testid="plan-week"][data-state="ready"]').waitFor();
};

beforeAll(async () => {
  host = await startHost(data.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await host.api('demo.load');
  // Every demo customer said "good", set as a reviewer does in a call's details.
  const library = await host.api<{ items: { id: number }[] }>('library.list', { limit: 100 });
  for (const { id } of library.items)
    await host.api('interaction.updateDetails', { id, details: { customerRating: 'good' } });
  maria = await host.api<ReviewerProfile>('profile.create', { name: 'Maria Lind', role: 'qa_supervisor' });
  const rubric = await host.api<{ id: number }>('rubric.create', { name: 'Billing', language: 'en' });
  await host.api('rubric.publish', { id: rubric.id, draft: smallDraft() });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
});

describe('a week of the review queue', () => {
  it('makes a QA manager profile on the workstation', async () => {
    await openHash('/');
    await byTestId('profile-switcher').click();
    await byTestId('profile-new').click();
    await byTestId('profile-name').fill('Hanna Koch');
    await pickOption(byTestId('profile-role'), 'QA manager');
    await byTestId('profile-save').click();
    await page.locator('[data-testid="profile-switcher"][data-profile="Hanna Koch"]').waitFor();
    const profiles = await host.api<{ profiles: ReviewerProfile[] }>('profile.list');
    hanna = profiles.profiles.find((profile) => profile.name === 'Hanna Koch')!;
    expect(hanna.role).toBe('qa_manager');
  });

  it('lets the manager make a plan and draw the week', async () => {
    await byTestId('nav-queue').click();
    await page.locator('[data-testid="my-queue"][data-state="ready"]').waitFor();
    await byTestId('queue-plans-link').click();
    await page.locator('[data-testid="queue-plans"][data-state="ready"]').waitFor();
    await byTestId('plan-new').click();
    await byTestId('plan-name').fill('Weekly sample');
    await byTestId('plan-count').fill('1');
    await pickOption(byTestId('plan-reviewers'), 'Maria Lind');
    await page.keyboard.press('Escape');
    await screenshot(page, 'queue-01-plan-editor-en');
    await byTestId('plan-save').click();
    await byTestId('plan-row').waitFor();
    const plans = await host.api<QueuePlan[]>('queue.plans');
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ name: 'Weekly sample', count: 1, per: 'agent' });
    expect(plans[0]!.reviewers.map((reviewer) => reviewer.name)).toEqual(['Maria Lind']);
    planId = plans[0]!.id;

    await planWeek();
    expect(await page.locator('[data-testid="plan-week"]').getAttribute('data-drawn')).toBe('false');
    expect(await byTestId('draw-sampled').textContent()).toContain('week 2026-W45');
    await byTestId('queue-draw').click();
    await page.locator('[data-testid="plan-week"][data-drawn="true"]').waitFor();
    await poll(() => byTestId('queue-item').count()).toBe(3);
    expect(await byTestId('draw-audit').textContent()).toContain(`earmark-queue:plan-${planId}:${WEEK}`);
  });

  it("opens Maria's next item with N, scores it from the keyboard and counts it done", async () => {
    await actAs(maria);
    await myQueue();
    const progress = byTestId('queue-progress');
    expect(await progress.getAttribute('data-done')).toBe('0');
    expect(await progress.getAttribute('data-total')).toBe('3');
    await screenshot(page, 'queue-02-my-queue-en');
    const first = byTestId('queue-item').first();
    const firstId = await first.getAttribute('data-interaction-id');

    await page.keyboard.press('n');
    await poll(() => page.url()).toContain(`/interaction/${firstId}?dock=evaluation`);
    await byTestId('evaluation-dock').waitFor();
    expect(await byTestId('interaction-details').textContent()).toContain('Customer rating: Good');
    await pickOption(byTestId('start-rubric'), /Billing calls/);
    await byTestId('start-evaluation-button').click();
    await page.locator('[data-testid="evaluation-sheet"][data-state="draft"]').waitFor();
    await byTestId('evaluation-item').first().focus();
    for (const key of ['y', 'y', '2']) await page.keyboard.press(key);
    await page.locator('[data-testid="evaluation-save-state"][data-save-state="saved"]').waitFor();
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid="evaluation-sheet"][data-state="submitted"]').waitFor();
    // The workspace says why this call is being reviewed, and leads back to the queue.
    const note = byTestId('queue-note');
    expect(await note.textContent()).toContain('In the review queue of week 2026-W46 for Maria Lind.');
    expect(await note.textContent()).toContain('of week 2026-W45 (plan “Weekly sample”)');
    await screenshot(page, 'queue-06-review-note-en');
    await byTestId('queue-note-back').click();
    await page.locator('[data-testid="my-queue"][data-state="ready"]').waitFor();
    await poll(() => progress.getAttribute('data-done')).toBe('1');
    expect(
      await page
        .locator(`[data-testid="queue-item"][data-interaction-id="${firstId}"]`)
        .getAttribute('data-state'),
    ).toBe('done');
  });

  it('replaces an item with a reason by another call or chat of the same agent', async () => {
    const open = page.locator('[data-testid="queue-item"][data-state="open"]').first();
    const itemId = await open.getAttribute('data-item-id');
    const before = await host.api<MyQueue>('queue.mine', { week: WEEK });
    const target = before.items.find((item) => String(item.id) === itemId)!;
    await open.getByTestId('queue-item-replace').click();
    await dialogShown();
    await page.getByText('Silent or broken recording', { exact: true }).click();
    expect(await byTestId('replace-reason').inputValue()).toBe('Silent or broken recording');
    await screenshot(page, 'queue-03-replace-en');
    await byTestId('replace-confirm').click();
    const replaced = page.locator(`[data-testid="queue-item"][data-item-id="${itemId}"]`);
    await poll(() => replaced.getAttribute('data-state')).toBe('replaced');
    expect(await replaced.getByTestId('queue-item-replaced').textContent()).toContain(
      'Replaced by Maria Lind: Silent or broken recording',
    );
    const after = await host.api<MyQueue>('queue.mine', { week: WEEK });
    const replacement = after.items.find((item) => item.replacesId === target.id)!;
    expect(replacement.agent.id).toBe(target.agent.id);
    expect(replacement.interaction.id).not.toBe(target.interaction.id);
    await poll(() => byTestId('queue-item').count()).toBe(4);
    expect(await byTestId('queue-progress').getAttribute('data-total')).toBe('3');
    await screenshot(page, 'queue-04-my-queue-replaced-en');
  });

  it('shows the manager completion per reviewer and per agent', async () => {
    await actAs(hanna);
    await planWeek();
    const reviewer = page.locator('[data-testid="completion-reviewer"][data-name="Maria Lind"]');
    expect(await reviewer.getAttribute('data-done')).toBe('1');
    expect(await reviewer.getAttribute('data-total')).toBe('3');
    const agents = await byTestId('completion-agent').evaluateAll((rows) =>
      rows.map((row) => [
        row.getAttribute('data-name'),
        row.getAttribute('data-done'),
        row.getAttribute('data-total'),
      ]),
    );
    expect(agents.map(([name]) => name)).toEqual(['Anna Berg', 'Jonas Keller', 'Mikko Laine']);
    expect(agents.reduce((sum, [, done]) => sum + Number(done), 0)).toBe(1);
    expect(await page.locator('[data-testid="queue-item"][data-state="replaced"]').count()).toBe(1);
    await screenshot(page, 'queue-05-completion-en');
  });

  it('draws more for the week when the manager raises the quota: only what is missing', async () => {
    const before = await host.api<{ draw: QueueDraw }>('queue.progress', { planId, week: WEEK });
    await host.api('queue.savePlan', {
      id: planId,
      name: 'Weekly sample',
      filters: {},
      per: 'agent',
      count: 2,
      reviewerIds: [maria.id],
    });
    await planWeek();
    await byTestId('queue-draw-more').click();
    const result = byTestId('draw-more-result');
    await result.waitFor();
    const added = Number(await result.getAttribute('data-added'));
    const after = await host.api<{ draw: QueueDraw }>('queue.progress', { planId, week: WEEK });
    expect(added).toBeGreaterThan(0);
    expect(after.draw.items).toHaveLength(before.draw.items.length + added);
    const ids = after.draw.items.map((item) => item.interaction.id);
    expect(new Set(ids).size).toBe(ids.length);
    await poll(() => byTestId('queue-item').count()).toBe(after.draw.items.length);
    expect(await byTestId('draw-top-up').textContent()).toContain(`${after.draw.seed}:top-up-1`);
    const fresh = page.locator(`[data-testid="queue-item"][data-item-id="${after.draw.items.at(-1)!.id}"]`);
    expect(await fresh.getByTestId('queue-item-why').textContent()).toMatch(/^Drawn more on /);
    await screenshot(page, 'queue-07-draw-more-en');
  });

  for (const [language, name] of [
    ['de', 'Deutsch'],
    ['fi', 'Suomi'],
  ] as const) {
    it(`shows the plans, the week and My queue in ${name}`, async () => {
      await openHash('/settings');
      await byTestId('settings-language').click();
      await page.getByRole('option', { name }).click();
      await poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
      await openHash(`/queue/plans?week=${WEEK}`);
      await byTestId('plan-row').waitFor();
      await page
        .getByRole('button', { name: language === 'de' ? 'Plan ändern' : 'Muuta suunnitelmaa' })
        .click();
      await byTestId('plan-editor').waitFor();
      await screenshot(page, `queue-01-plan-editor-${language}`);
      await planWeek();
      await screenshot(page, `queue-05-completion-${language}`);
      // Drawing more again finds nothing more to add, and says so.
      await byTestId('queue-draw-more').click();
      await byTestId('draw-more-result').waitFor();
      expect(await byTestId('draw-more-result').getAttribute('data-added')).toBe('0');
      await screenshot(page, `queue-07-draw-more-${language}`);
      await actAs(maria);
      await myQueue();
      await screenshot(page, `queue-04-my-queue-replaced-${language}`);
      await page
        .locator('[data-testid="queue-item"][data-state="open"]')
        .first()
        .getByTestId('queue-item-replace')
        .click();
      await dialogShown();
      await screenshot(page, `queue-03-replace-${language}`);
      await page.keyboard.press('Escape');
      await actAs(hanna);
    });
  }
});
