import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoachingNote } from '../../shared/api/methods/coaching';
import { distinctivePhrase, filesHolding } from '../support/leaks';
import { tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

/**
 * A team lead's one-to-one, through the browser host on a real backend: she opens the agent, starts a
 * session from two evaluations a QA supervisor submitted (a call and a chat), adds a focus in her own
 * words and a moment the evaluations did not point to, plays a linked moment and lets the chat message
 * run its reading time, writes a private note (setting her passphrase on the way) and two action items,
 * closes the session and prints it for the agent: actions and outcome, never the note. A second profile
 * then sees the session read-only, never the note: not on the page, not from the API, not on disk, not
 * in the host's log.
 */
let host: RunningHost;
let browser: Browser;
let page: Page;
const data = tempDir('earmark-e2e-coaching-');
const AGENT = 'Anna Berg';
const PASSPHRASE = 'blue kettle morning';
const secret = distinctivePhrase('ottoline');
const EXTRA_MOMENT = 'Customer thanked her twice';
const OWN_FOCUS = 'Keeping calm with angry callers';
const ACTIONS = ['Say your own name in the greeting, every call', 'Listen to three calls together'];
const OUTCOME = 'Anna agreed to both actions.';
let sessionHash = '';
let privateNoteId = 0;

const byTestId = (id: string) => page.getByTestId(id);
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
const openHash = async (hash: string) => {
  await page.goto(`${host.url}#${hash}`);
  await waitForReady(page);
};

/** The API as the browser host serves it (same token), for seeding what a QA supervisor did before. */
async function api<T = unknown>(method: string, params: unknown = {}): Promise<T> {
  const reply = await apiReply(method, params);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
}
async function apiReply(method: string, params: unknown) {
  const token = new URL(host.url).searchParams.get('token');
  const response = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(params),
  });
  return (await response.json()) as
    { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
}

interface RubricItem {
  id: string;
  type: 'yesNo' | 'scale' | 'choice';
  critical?: boolean;
  max?: number;
  options?: { id: string }[];
}

/** Two of the agent's demo interactions, each with a moment and a submitted evaluation whose misses link to it. */
/** Evaluated by the current profile. */
async function seedEvaluations() {
  const rubrics = await api<{ id: number; key: string }[]>('rubric.list');
  const rubricId = rubrics.find((r) => r.key === 'builtin.courtesy-competence.en')!.id;
  const { latest } = await api<{ latest: { sections: { items: RubricItem[] }[] } }>('rubric.get', {
    id: rubricId,
  });
  const facets = await api<{ agents: { id: number; name: string }[] }>('library.facets');
  const agentId = facets.agents.find((agent) => agent.name === AGENT)!.id;
  // The demo has one call and one chat of hers: the chat's moment is a message, the call's a stretch of audio.
  const library = await api<{ items: { id: number; kind: string }[] }>('library.list', {
    filters: { agentIds: [agentId] },
  });
  expect(library.items.map((item) => item.kind).sort()).toEqual(['call', 'chat']);
  for (const [n, interaction] of library.items.entries()) {
    const moment = await api<{ id: number }>('moment.create', {
      interactionId: interaction.id,
      ...(interaction.kind === 'call' ? { startMs: 3000, endMs: 8000 } : { turnSeq: 1 }),
      comment: interaction.kind === 'call' ? 'No name in the greeting' : 'Answer copied from the FAQ',
    });
    const { id } = await api<{ id: number }>('evaluation.start', {
      interactionId: interaction.id,
      rubricId,
    });
    const items = latest.sections.flatMap((section) => section.items);
    const answers = items.map((item, i) => {
      const miss = !item.critical && i % 4 === n;
      const value =
        item.type === 'yesNo'
          ? { kind: miss ? 'no' : 'yes' }
          : item.type === 'scale'
            ? { kind: 'scale', value: miss ? 0 : item.max }
            : { kind: 'choice', optionId: item.options![0]!.id };
      return { itemId: item.id, value, momentIds: miss ? [moment.id] : [] };
    });
    await api('evaluation.saveDraft', { id, answers });
    await api('evaluation.submit', { id });
  }
  // A moment on the call that no answer points to and no tag marks: the session does not propose it.
  await api('moment.create', {
    interactionId: library.items.find((item) => item.kind === 'call')!.id,
    startMs: 10_000,
    endMs: 14_000,
    comment: EXTRA_MOMENT,
  });
  return agentId;
}

async function switchTo(name: string) {
  await byTestId('profile-switcher').click();
  await page.locator(`[data-testid="profile-option"][data-profile="${name}"]`).click();
}

beforeAll(async () => {
  host = await startHost(data.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await api('demo.load');
  await api('profile.create', { name: 'Maria Lind', role: 'qa_supervisor' });
  await seedEvaluations();
  await api('profile.create', { name: 'Pekka Niemi', role: 'team_lead' });
  // Created last, so she is the one at the keyboard.
  await api('profile.create', { name: 'Lena Fischer', role: 'team_lead' });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
});

describe('a one-to-one', () => {
  it("opens the agent's page: trend, sub-scores, weakest items, moments", async () => {
    await openHash('/agents');
    await page.locator('[data-testid="agents"][data-state="ready"]').waitFor();
    await byTestId('agent-row').filter({ hasText: AGENT }).click();
    await page.locator('[data-testid="agent"][data-state="ready"]').waitFor();
    await expect.poll(() => byTestId('agent-name').textContent()).toContain(AGENT);
    await byTestId('trend-chart').locator('svg').first().waitFor();
    expect(await byTestId('item-stat').count()).toBeGreaterThan(0);
    await screenshot(page, 'coaching-01-agent');
  });

  it('starts a session from two evaluations', async () => {
    await byTestId('agent-start-coaching').click();
    const boxes = byTestId('new-session-evaluation');
    await poll(() => boxes.count()).toBe(2);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await screenshot(page, 'coaching-02-new-session');
    await byTestId('new-session-create').click();
    await page.locator('[data-testid="coaching-session"][data-state="planned"]').waitFor();
    sessionHash = new URL(page.url()).hash.slice(1);
    expect(await byTestId('linked-evaluation').count()).toBe(2);
    expect(await byTestId('focus-item').count()).toBeGreaterThan(0);
  });

  it('adds a focus in her own words and a moment the evaluations did not point to', async () => {
    const focusBefore = await byTestId('focus-item').count();
    await byTestId('focus-own').fill(OWN_FOCUS);
    await byTestId('focus-own').press('Enter');
    await poll(() => byTestId('focus-item').count()).toBe(focusBefore + 1);
    const own = page.locator('[data-testid="focus-item"][data-own="true"]');
    expect(await own.textContent()).toContain(OWN_FOCUS);

    const linkedBefore = await byTestId('linked-moment').count();
    await byTestId('moments-add').click();
    const candidate = byTestId('moment-candidate').filter({ hasText: EXTRA_MOMENT });
    await candidate.waitFor();
    // Already linked moments are not offered again.
    expect(await byTestId('moment-candidate').count()).toBe(1);
    await candidate.getByTestId('moment-candidate-preview').click();
    await candidate.getByTestId('clip-player').waitFor();
    await screenshot(page, 'coaching-03a-add-moments');
    await candidate.getByTestId('moment-candidate-check').check();
    await byTestId('moments-add-save').click();
    await byTestId('moment-picker').waitFor({ state: 'detached' });
    await poll(() => byTestId('linked-moment').count()).toBe(linkedBefore + 1);
    expect(await byTestId('linked-moment').last().textContent()).toContain(EXTRA_MOMENT);
  });

  it('plays a linked moment inside the session', async () => {
    const clip = page.locator('[data-testid="linked-moment"] [data-clip-kind="audio"]').first();
    await clip.getByTestId('clip-toggle').click();
    await poll(() => clip.getAttribute('data-clip-state')).toBe('playing');
    const from = Number(await clip.getAttribute('data-clip-from-ms'));
    // The clip plays from its own start, not the call's: the position passes the clip's start.
    await poll(async () => Number(await clip.getAttribute('data-current-ms'))).toBeGreaterThan(from + 300);
    await clip.getByTestId('clip-toggle').click();
    await poll(() => clip.getAttribute('data-clip-state')).toBe('paused');
  });

  it('lets the chat message run its reading time, pause, and end', async () => {
    const reading = page.locator('[data-testid="linked-moment"] [data-clip-kind="reading"]').first();
    const lengthMs = Number(await reading.getAttribute('data-clip-to-ms'));
    expect(lengthMs).toBeGreaterThanOrEqual(4000);
    expect(lengthMs).toBeLessThanOrEqual(20_000);
    // The reading time runs on the page's clock. From here the test moves that clock itself (it keeps
    // running on its own in between), so "five seconds pass" takes no five seconds and no guess.
    await page.clock.install();
    const currentMs = async () => Number(await reading.getAttribute('data-current-ms'));
    await reading.getByTestId('clip-toggle').click();
    await poll(() => reading.getAttribute('data-clip-state')).toBe('playing');
    await page.clock.runFor(1000);
    await poll(currentMs).toBeGreaterThanOrEqual(1000);
    await reading.getByTestId('clip-toggle').click();
    await poll(() => reading.getAttribute('data-clip-state')).toBe('paused');
    const pausedAt = await currentMs();
    await page.clock.runFor(5000);
    expect(await currentMs()).toBe(pausedAt);
    expect(await reading.getAttribute('data-clip-state')).toBe('paused');
    await reading.getByTestId('clip-toggle').click();
    await poll(() => reading.getAttribute('data-clip-state')).toBe('playing');
    // It goes on from where it was paused: the five seconds paused did not count.
    expect(await currentMs()).toBeLessThan(pausedAt + 1000);
    await page.clock.runFor(lengthMs - pausedAt);
    await poll(() => reading.getAttribute('data-clip-state')).toBe('ended');
    expect(await currentMs()).toBe(lengthMs);
  });

  it('writes a private note, setting a passphrase first', async () => {
    await byTestId('note-body').fill(`Anna told me ${secret}: keep it between us.`);
    expect(await byTestId('note-private').isChecked()).toBe(true);
    await byTestId('note-set-passphrase').click();
    await byTestId('passphrase-new').fill(PASSPHRASE);
    await byTestId('passphrase-repeat').fill(PASSPHRASE);
    await byTestId('passphrase-save').click();
    await byTestId('passphrase-new').waitFor({ state: 'detached' });
    await byTestId('note-add').click();
    const note = page.locator('[data-testid="coaching-note"][data-private="true"]');
    await note.waitFor();
    expect(await note.textContent()).toContain(secret);
    privateNoteId = Number(await note.getAttribute('data-note-id'));
  });

  it('agrees two action items and closes the session', async () => {
    await byTestId('action-text').fill(ACTIONS[0]!);
    await byTestId('action-owner').selectOption('agent');
    await byTestId('action-due').fill('2026-12-04');
    await byTestId('action-add').click();
    await poll(() => byTestId('action-item').count()).toBe(1);
    await byTestId('action-text').fill(ACTIONS[1]!);
    await byTestId('action-owner').selectOption('coach');
    await byTestId('action-due').fill('2026-12-11');
    await byTestId('action-add').click();
    await poll(() => byTestId('action-item').count()).toBe(2);
    await byTestId('outcome').fill(OUTCOME);
    await page.locator('[data-testid="coaching-session"][data-save-state="saved"]').waitFor();
    await screenshot(page, 'coaching-03-session');
    // Printed while still planned, it is the agenda: planned for its day, not "held on" it.
    await byTestId('session-print').click();
    await page.locator('[data-testid="coaching-printout"][data-state="ready"]').waitFor();
    expect(await byTestId('printout-when').textContent()).toContain('Planned for');
    expect(await byTestId('printout-when').textContent()).not.toContain('Held on');
    await openHash(sessionHash);
    // Closing asks first; "Not yet" leaves the session open.
    await byTestId('session-close').click();
    await byTestId('session-close-dialog-cancel').click();
    await poll(() => byTestId('session-close-dialog-confirm').count()).toBe(0);
    expect(await byTestId('coaching-session').getAttribute('data-state')).not.toBe('closed');
    await byTestId('session-close').click();
    await byTestId('session-close-dialog-confirm').click();
    await page.locator('[data-testid="coaching-session"][data-state="closed"]').waitFor();
  });

  it('prints it for the agent: focus, actions and outcome, and not the private note', async () => {
    // On the session page, the author sees her note; the printout goes to the agent.
    expect(await page.content()).toContain(secret);
    await byTestId('session-print').click();
    await page.locator('[data-testid="coaching-printout"][data-state="ready"]').waitFor();
    const printout = byTestId('coaching-printout');
    const text = (await printout.textContent()) ?? '';
    expect(await byTestId('printout-when').textContent()).toContain('Held on');
    for (const action of ACTIONS) expect(text).toContain(action);
    expect(text).toContain(OUTCOME);
    expect(text).toContain(OWN_FOCUS);
    expect(text).toContain(EXTRA_MOMENT);
    expect(await byTestId('printout-action').count()).toBe(2);
    expect(await byTestId('printout-evaluation').count()).toBe(2);
    expect(await page.content()).not.toContain(secret);
    expect(await byTestId('coaching-note').count()).toBe(0);
    await screenshot(page, 'coaching-03b-printout');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'coaching-03c-printout-paper');
    // On paper only the printout: no app header, no buttons.
    expect(await byTestId('printout-print').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await openHash(sessionHash);
  });
});

describe('a second profile', () => {
  it('sees that the session exists, read-only, without the note', async () => {
    await switchTo('Pekka Niemi');
    await page.locator('[data-testid="profile-switcher"][data-profile="Pekka Niemi"]').waitFor();
    await openHash('/coaching');
    await poll(() => byTestId('coaching-row').count()).toBe(1);
    await openHash(sessionHash);
    await page
      .locator('[data-testid="coaching-session"][data-state="closed"][data-editable="false"]')
      .waitFor();
    await page.locator('[data-testid="coaching-notes"][data-state="ready"]').waitFor();
    expect(await byTestId('action-item').count()).toBe(2);
    expect(await byTestId('coaching-note').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    await screenshot(page, 'coaching-04-second-profile');
  });

  it('gets not_allowed for the note from the API, and cannot act as its author', async () => {
    const sessionId = Number(sessionHash.split('/').at(-1));
    const notes = await api<CoachingNote[]>('coaching.notes', { sessionId });
    expect(notes).toEqual([]);
    const reply = await apiReply('coaching.noteGet', { id: privateNoteId });
    expect(reply.ok ? '' : reply.error.code).toBe('not_allowed');
    const lena = await api<{ profiles: { id: number; name: string }[] }>('profile.list');
    const lenaId = lena.profiles.find((profile) => profile.name === 'Lena Fischer')!.id;
    const select = await apiReply('profile.select', { id: lenaId });
    expect(select.ok ? '' : select.error.code).toBe('locked');
  });

  it('finds the note in no file of the data folder and not in the host log', () => {
    expect(filesHolding(data.dir, secret)).toEqual([]);
    expect(host.output()).not.toContain(secret);
    expect(host.output()).toContain('127.0.0.1');
  });

  it('the author reads it again after her passphrase', async () => {
    await switchTo('Lena Fischer');
    await byTestId('unlock-passphrase').fill(PASSPHRASE);
    await byTestId('unlock-submit').click();
    await page
      .locator('[data-testid="profile-switcher"][data-profile="Lena Fischer"][data-locked="false"]')
      .waitFor();
    await openHash(sessionHash);
    const note = page.locator('[data-testid="coaching-note"][data-private="true"]');
    await note.waitFor();
    expect(await note.textContent()).toContain(secret);
  });
});
