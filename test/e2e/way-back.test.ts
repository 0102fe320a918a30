import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

/**
 * Nothing destructive without a way back, through the browser host on a real backend: a deleted
 * moment comes back with Undo (or Ctrl+Z) with every word of its comment and its tags; discarding an
 * evaluation draft or a rubric's changes and closing a coaching session ask first, and "keep" keeps.
 * The toast and the three dialogs are captured in English, German and Finnish.
 */
let host: RunningHost;
let browser: Browser;
let page: Page;
const data = tempDir('earmark-e2e-way-back-');
const CALL = 'Double charge on invoice';
const AGENT = 'Anna Berg';
let callId = 0;
let rubricId = 0;
let agentId = 0;

const byTestId = (id: string) => page.getByTestId(id);
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
const openHash = async (hash: string) => {
  await page.goto(`${host.url}#${hash}`);
  await waitForReady(page);
};
/** Waits until an open dialog has finished fading in, for a clean screenshot. */
const dialogShown = () =>
  page.waitForFunction(() => {
    const content = document.querySelector('.mantine-Modal-content');
    return content !== null && getComputedStyle(content).opacity === '1';
  });
const dialogGone = (testId: string) => poll(() => byTestId(`${testId}-confirm`).count()).toBe(0);

/** The API as the browser host serves it (same token), for seeding what happened before. */
async function api<T = unknown>(method: string, params: unknown = {}): Promise<T> {
  const token = new URL(host.url).searchParams.get('token');
  const response = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(params),
  });
  const reply = (await response.json()) as
    { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
}

/** A half-done draft of the current profile (Lena). */
async function startDraft(): Promise<number> {
  const { id } = await api<{ id: number }>('evaluation.start', {
    interactionId: callId,
    rubricId,
  });
  await api('evaluation.saveDraft', {
    id,
    answers: [{ itemId: 'greeting', value: { kind: 'no' }, comment: 'No name given' }],
    overallComment: 'Half done: the rest after lunch.',
  });
  return id;
}

beforeAll(async () => {
  host = await startHost(data.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await api('demo.load');
  await api('profile.create', { name: 'Lena Fischer', role: 'team_lead' });
  const library = await api<{ items: { id: number; title: string }[] }>('library.list', { limit: 100 });
  callId = library.items.find((item) => item.title === CALL)!.id;
  const rubrics = await api<{ id: number; key: string }[]>('rubric.list');
  rubricId = rubrics.find((r) => r.key === 'builtin.courtesy-competence.en')!.id;
  const facets = await api<{ agents: { id: number; name: string }[] }>('library.facets');
  agentId = facets.agents.find((agent) => agent.name === AGENT)!.id;
}, 90_000);
// Every test sets up what it needs (a moment, a draft, a session) and the language it reads, so each
// runs alone and in any order.
beforeEach(() => api('settings.update', { language: 'en' }));

/** A planned coaching session with the agent, for the close dialog. */
const plannedSession = async () =>
  (await api<{ id: number }>('coaching.create', { agentId, heldOn: '2026-11-20' })).id;

/** The call's moments after making sure it has one to delete. */
async function callWithMoment(): Promise<string> {
  const listed = await api<unknown[]>('moment.list', { interactionId: callId });
  if (listed.length > 0) return String(listed.length);
  await api('moment.create', { interactionId: callId, startMs: 4_000, endMs: 9_000, comment: 'Kept' });
  return '1';
}

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
});

const moments = () => byTestId('moments').getAttribute('data-count');

describe('a way back', () => {
  it('brings a deleted moment back with Undo: its whole comment, as typed up to the delete, and its tags', async () => {
    const tags = await api<{ id: number; builtin: string | null }[]>('tag.list');
    const exemplary = tags.find((tag) => tag.builtin === 'exemplary')!.id;
    for (const { id } of await api<{ id: number }[]>('moment.list', { interactionId: callId }))
      await api('moment.delete', { id });
    await api('moment.create', {
      interactionId: callId,
      startMs: 4_000,
      endMs: 9_000,
      comment: 'Offers two options',
      tagIds: [exemplary],
    });
    await openHash(`/interaction/${callId}`);
    await poll(moments).toBe('1');
    await byTestId('moment-open').click();
    // Typed just before the delete, with no pause for the autosave: the delete saves it first.
    await byTestId('moment-comment').press('End');
    await byTestId('moment-comment').pressSequentially(' and explains both');
    await byTestId('moment-delete').click();
    await poll(moments).toBe('0');
    const toast = byTestId('moment-deleted-toast');
    await toast.waitFor();
    expect(await toast.textContent()).toContain('Moment deleted (0:04–0:09)');
    await screenshot(page, 'way-back-01-moment-undo-en');

    await toast.getByTestId('toast-undo').click();
    await poll(moments).toBe('1');
    await poll(() => toast.count()).toBe(0);
    const restored = byTestId('moment');
    expect(await restored.getByTestId('moment-comment').inputValue()).toBe(
      'Offers two options and explains both',
    );
    expect(await restored.textContent()).toContain('Exemplary');

    // From the keyboard: Ctrl+Z, with the focus outside any text box.
    await byTestId('moment-delete').click();
    await poll(moments).toBe('0');
    await toast.waitFor();
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Control+z');
    await poll(moments).toBe('1');

    // It is back in the backend, not only on screen.
    await page.reload();
    await waitForReady(page);
    await poll(moments).toBe('1');
    await byTestId('moment-open').click();
    expect(await byTestId('moment-comment').inputValue()).toBe('Offers two options and explains both');
  });

  it('asks before discarding an evaluation draft; "Keep the draft" keeps it', async () => {
    const draftId = await startDraft();
    await openHash(`/interaction/${callId}/evaluate`);
    await page.locator(`[data-testid="evaluation-sheet"][data-evaluation-id="${draftId}"]`).waitFor();
    await byTestId('discard').click();
    await dialogShown();
    expect(await byTestId('discard-dialog').textContent()).toContain('This cannot be undone');
    await screenshot(page, 'way-back-02-discard-draft-en');
    await byTestId('discard-dialog-cancel').click();
    await dialogGone('discard-dialog');

    // Kept: on screen and after a reload.
    await page.reload();
    await waitForReady(page);
    await page.locator(`[data-testid="evaluation-sheet"][data-evaluation-id="${draftId}"]`).waitFor();
    expect(await byTestId('overall-comment').inputValue()).toBe('Half done: the rest after lunch.');

    await byTestId('discard').click();
    await byTestId('discard-dialog-confirm').click();
    await byTestId('start-evaluation').waitFor();
    const left = await api<{ items: { id: number }[] }>('evaluation.list', { interactionId: callId });
    expect(left.items.map((e) => e.id)).not.toContain(draftId);
  });

  it('asks before discarding a rubric’s changes; "Keep editing" keeps them', async () => {
    await openHash(`/rubrics/${rubricId}`);
    await page.locator('[data-testid="rubric-editor"][data-state="ready"]').waitFor();
    const name = byTestId('rubric-name');
    const original = await name.inputValue();
    await name.fill(`${original} (draft)`);
    await page.locator('[data-testid="rubric-save-state"][data-save-state="saved"]').waitFor();
    await byTestId('rubric-discard').click();
    await dialogShown();
    await screenshot(page, 'way-back-03-discard-rubric-en');
    await byTestId('rubric-discard-dialog-cancel').click();
    await dialogGone('rubric-discard-dialog');
    expect(await name.inputValue()).toBe(`${original} (draft)`);
    expect(await byTestId('rubric-changed').count()).toBe(1);

    await byTestId('rubric-discard').click();
    await byTestId('rubric-discard-dialog-confirm').click();
    await poll(() => byTestId('rubric-changed').count()).toBe(0);
    expect(await name.inputValue()).toBe(original);
  });

  it('asks before closing a coaching session; "Not yet" leaves it open', async () => {
    const sessionId = await plannedSession();
    await openHash(`/coaching/${sessionId}`);
    await page.locator('[data-testid="coaching-session"][data-state="planned"]').waitFor();
    await byTestId('outcome').fill('Agreed to give her name in every greeting.');
    await byTestId('session-close').click();
    await dialogShown();
    expect(await byTestId('session-close-dialog').textContent()).toContain(AGENT);
    await screenshot(page, 'way-back-04-close-session-en');
    await byTestId('session-close-dialog-cancel').click();
    await dialogGone('session-close-dialog');
    await page.locator('[data-testid="coaching-session"][data-save-state="saved"]').waitFor();
    expect(await byTestId('coaching-session').getAttribute('data-state')).toBe('planned');

    await byTestId('session-close').click();
    await byTestId('session-close-dialog-confirm').click();
    await page.locator('[data-testid="coaching-session"][data-state="closed"]').waitFor();
  });

  for (const [language, undo, keep] of [
    ['de', 'Rückgängig', 'Entwurf behalten'],
    ['fi', 'Kumoa', 'Säilytä luonnos'],
  ] as const) {
    it(`shows the toast and the dialogs in ${language === 'de' ? 'German' : 'Finnish'}`, async () => {
      await api('settings.update', { language });
      const draftId = await startDraft();
      const sessionId = await plannedSession();
      const count = await callWithMoment();

      // The language is read at start: a fresh load, not just another address.
      await openHash(`/interaction/${callId}`);
      await page.reload();
      await waitForReady(page);
      await poll(moments).toBe(count);
      await byTestId('moment-delete').first().click();
      const toast = byTestId('moment-deleted-toast');
      await toast.waitFor();
      expect(await toast.getByTestId('toast-undo').textContent()).toContain(undo);
      await screenshot(page, `way-back-01-moment-undo-${language}`);
      await toast.getByTestId('toast-undo').click();
      await poll(moments).toBe(count);

      await openHash(`/interaction/${callId}/evaluate`);
      await page.locator(`[data-testid="evaluation-sheet"][data-evaluation-id="${draftId}"]`).waitFor();
      await byTestId('discard').click();
      await dialogShown();
      expect(await byTestId('discard-dialog-cancel').textContent()).toBe(keep);
      await screenshot(page, `way-back-02-discard-draft-${language}`);
      await byTestId('discard-dialog-confirm').click();
      await byTestId('start-evaluation').waitFor();

      await openHash(`/rubrics/${rubricId}`);
      await page.locator('[data-testid="rubric-editor"][data-state="ready"]').waitFor();
      await byTestId('rubric-name').fill(`Changed in ${language}`);
      await byTestId('rubric-changed').waitFor();
      await byTestId('rubric-discard').click();
      await dialogShown();
      await screenshot(page, `way-back-03-discard-rubric-${language}`);
      await byTestId('rubric-discard-dialog-confirm').click();
      await poll(() => byTestId('rubric-changed').count()).toBe(0);

      await openHash(`/coaching/${sessionId}`);
      await page.locator('[data-testid="coaching-session"][data-state="planned"]').waitFor();
      await byTestId('session-close').click();
      await dialogShown();
      await screenshot(page, `way-back-04-close-session-${language}`);
      await byTestId('session-close-dialog-cancel').click();
      await dialogGone('session-close-dialog');
    });
  }
});
