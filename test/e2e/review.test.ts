import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptCall, seedLongCall, type SeededCall } from '../bench/review';
import { tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

/**
 * The review workspace as a QA supervisor uses it: a two-hour call, played, searched through by time,
 * sped up, annotated from the keyboard; a chat with a long wait; the next interaction without the list.
 */
let host: RunningHost;
let browser: Browser;
let page: Page;
let call: SeededCall;
const data = tempDir('earmark-e2e-review-');

beforeAll(async () => {
  call = await seedLongCall(data.dir);
  host = await startHost(data.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
});

const audio = () =>
  page.getByTestId('player-audio').evaluate((el: HTMLAudioElement) => ({
    currentTime: el.currentTime,
    duration: el.duration,
    paused: el.paused,
    playbackRate: el.playbackRate,
    preservesPitch: el.preservesPitch,
  }));
const playerReady = () => page.locator('[data-testid="player"][data-state="ready"]').waitFor();
const openFromLibrary = async (title: string) => {
  await page.getByTestId('nav-library').click();
  await page.getByTestId('library-table').waitFor();
  await page.getByRole('link', { name: title }).click();
  await page.locator('[data-testid="interaction"]').waitFor();
};
/** Waits until the media element's time is within [min, max). */
const waitForTime = (min: number, max = Infinity) =>
  page.waitForFunction(
    ([from, to]) => {
      const time =
        document.querySelector<HTMLAudioElement>('[data-testid="player-audio"]')?.currentTime ?? -1;
      return time >= from! && time < to!;
    },
    [min, max],
  );

describe('reviewing a two-hour call', () => {
  it('opens it to a waveform with a lane per party, a timeline and the whole call in the minimap', async () => {
    await page.goto(host.url);
    await waitForReady(page);
    await openFromLibrary(call.title);
    await playerReady();
    await page.waitForFunction(
      () => (document.querySelector<HTMLAudioElement>('[data-testid="player-audio"]')?.readyState ?? 0) >= 1,
    );
    expect((await audio()).duration).toBeCloseTo(call.durationMs / 1000, 0);
    expect(
      await page.getByTestId('player-lane').evaluateAll((lanes) => lanes.map((l) => l.dataset.role)),
    ).toEqual(['agent', 'customer']);
    await page.getByTestId('transcript-segment').first().waitFor();
    expect(await page.getByTestId('transcript-segment').count()).toBeLessThan(60); // virtualized: not 883 rows
    await screenshot(page, 'review-01-two-hour-call');
  });

  it('plays, goes to 1:45:00 and plays on from there', async () => {
    await page.getByTestId('player-toggle').click();
    await waitForTime(0.3);
    await page.keyboard.press('g');
    await page.getByTestId('player-go-to').fill('1:45:00');
    await page.getByTestId('player-go-to').press('Enter');
    await waitForTime(6300, 6320);
    await waitForTime(6300.6, 6320);
    const state = await audio();
    expect(state.paused).toBe(false);
    expect(state.currentTime).toBeGreaterThan(6300.5);
    expect(state.currentTime).toBeLessThan(6320);
    await expect.poll(() => page.getByTestId('player-position').textContent()).toMatch(/^1:45:0\d/);
    // The transcript followed: the turn being heard is on screen and marked.
    await expect
      .poll(() => page.locator('[data-testid="transcript-segment"][data-active="true"]').count())
      .toBe(1);
    await screenshot(page, 'review-02-playing-at-1-45');
  });

  it('changes the speed keeping the pitch, from the keyboard', async () => {
    await page.keyboard.press(']');
    await page.keyboard.press(']');
    await expect.poll(async () => (await audio()).playbackRate).toBe(1.5);
    expect((await audio()).preservesPitch).toBe(true);
    expect(await page.getByTestId('player-speed').inputValue()).toBe('1.5');
    await page.keyboard.press('[');
    await expect.poll(async () => (await audio()).playbackRate).toBe(1.25);
    await page.keyboard.press('=');
    await expect.poll(async () => (await audio()).playbackRate).toBe(1);
  });

  it('skips a long hold when asked to', async () => {
    const turns = scriptCall(call.durationMs);
    const index = turns.findIndex((turn, i) => i > 0 && turn.startMs - turns[i - 1]!.endMs > 20_000);
    const holdStart = turns[index - 1]!.endMs / 1000;
    const holdEnd = turns[index]!.startMs / 1000;
    await page.keyboard.press('s');
    await expect.poll(() => page.getByTestId('player-skip-silences').isChecked()).toBe(true);
    await page.keyboard.press('g');
    await page.getByTestId('player-go-to').fill(String(holdStart - 1));
    await page.getByTestId('player-go-to').press('Enter');
    // Half a minute of hold would take 30 s to sit through; skipping, the next words come within seconds.
    await page.waitForFunction(
      (end) =>
        (document.querySelector<HTMLAudioElement>('[data-testid="player-audio"]')?.currentTime ?? 0) >
        end - 1,
      holdEnd,
      { timeout: 8_000 },
    );
    await page.keyboard.press('s');
    await expect.poll(() => page.getByTestId('player-skip-silences').isChecked()).toBe(false);
  });

  it('zooms in and fetches finer peaks for the visible window only', async () => {
    // On a busy machine the first presses may fetch a window of their own before the last one lands,
    // so wait for the window of the final zoom rather than the first reply.
    const narrow = page.waitForResponse((response) => {
      if (!response.url().includes('recording.peaksWindow')) return false;
      const { fromMs, toMs } = JSON.parse(response.request().postData() ?? '{}') as WindowRequest;
      return toMs - fromMs < call.durationMs / 10;
    });
    for (let i = 0; i < 6; i++) await page.keyboard.press('+');
    await narrow;
    await expect
      .poll(async () => Number(await page.getByTestId('player-zoom').getAttribute('data-zoom')))
      .toBeGreaterThan(1);
    await screenshot(page, 'review-03-zoomed-in');
    await page.keyboard.press('0');
    await expect.poll(() => page.getByTestId('player-zoom').getAttribute('data-zoom')).toBe('0');
  });

  it('pins a moment from the keyboard (M, a comment, a tag) that survives a reload', async () => {
    await page.keyboard.press('Space'); // pause, so the moment's time is easy to check
    await expect.poll(async () => (await audio()).paused).toBe(true);
    const at = (await audio()).currentTime;
    await page.keyboard.press('m');
    const comment = page.getByTestId('moment-comment');
    await expect.poll(() => comment.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Agent talks over the customer while they explain the fault.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Interruption');
    await page.keyboard.press('Enter');
    const moment = page.getByTestId('moment');
    await expect.poll(() => moment.textContent()).toContain('Interruption');
    await page.locator('[data-testid="moment-editor"][data-save-state="saved"]').waitFor();
    await screenshot(page, 'review-04-moment-pinned');

    await page.reload();
    await waitForReady(page);
    await playerReady();
    await expect.poll(() => page.getByTestId('moment').count()).toBe(1);
    expect(await moment.textContent()).toContain('Interruption');
    await moment.getByTestId('moment-open').click();
    expect(await page.getByTestId('moment-comment').inputValue()).toBe(
      'Agent talks over the customer while they explain the fault.',
    );
    expect(await moment.textContent()).toContain(formatClock(at));
    // And the player picked up where the reviewer left off.
    await page.getByTestId('resume-notice').waitFor();
    await expect.poll(async () => Math.abs((await audio()).currentTime - at)).toBeLessThan(1);
  });

  it('mutes one party from its lane', async () => {
    const customerLane = page.locator('[data-testid="player-lane"][data-role="customer"]');
    await customerLane.getByTestId('lane-mute').click();
    expect(await customerLane.getByTestId('lane-mute').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('2');
    expect(await customerLane.getByTestId('lane-mute').getAttribute('aria-pressed')).toBe('false');
  });

  it('shows every shortcut with ?', async () => {
    await page.keyboard.press('?');
    const help = page.getByRole('dialog');
    await page.locator('[data-testid="shortcut-help"][data-state="shown"]').waitFor();
    expect(await page.getByTestId('shortcut-help-row').count()).toBeGreaterThan(20);
    expect(
      await page.locator('[data-testid="shortcut-help-row"][data-action="addMoment"]').textContent(),
    ).toContain('M');
    await screenshot(page, 'review-05-shortcut-help');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
  });

  it('does not fire shortcuts while typing in the transcript search', async () => {
    await page.goto(`${host.url}#/interaction/${call.interactionId}`);
    await waitForReady(page);
    await playerReady();
    const before = await audio();
    expect(before.paused).toBe(true);
    const moments = await page.getByTestId('moment').count();
    await page.keyboard.press('/');
    // Every key of "let me check" has a shortcut outside a text box: Space and K play or pause (three
    // presses, so they cannot cancel out), L jumps 5 s, M pins a moment, E evaluates, C, H and T none.
    await page.keyboard.type('let me check');
    expect(await page.getByTestId('transcript-search').inputValue()).toBe('let me check');
    await expect.poll(() => page.getByTestId('transcript-match-current').count()).toBe(1);
    const after = await audio();
    expect(after.paused).toBe(true);
    expect(after.currentTime).toBe(before.currentTime);
    expect(await page.getByTestId('moment').count()).toBe(moments);
    expect(await page.getByTestId('moment-comment').count()).toBe(0);
    // N (next interaction), S (skip silences) and E again: still on this call, nothing docked.
    await page.keyboard.type(' inside');
    expect(page.url()).toMatch(new RegExp(`/interaction/${call.interactionId}$`));
    expect(await page.getByTestId('evaluation-dock').count()).toBe(0);
    expect(await page.getByTestId('player-skip-silences').isChecked()).toBe(false);
    await page.getByTestId('transcript-search').fill('refund');
    await expect.poll(() => page.getByTestId('transcript-match-current').count()).toBe(1);
    await screenshot(page, 'review-06-transcript-search');
    await page.keyboard.press('Escape');
  });
});

describe('moving through the library', () => {
  it('opens the next and the previous interaction of the list without going back to it', async () => {
    await page.getByTestId('nav-library').click();
    await expect.poll(() => page.getByTestId('library-row').count()).toBe(7);
    const titles = await page.getByTestId('library-open').allTextContents();
    await page.getByTestId('library-open').first().click();
    await expect.poll(() => page.getByTestId('interaction-title').textContent()).toBe(titles[0]);
    expect(await page.getByTestId('interaction-position').textContent()).toContain(String(titles.length));
    await page.keyboard.press('n');
    await expect.poll(() => page.getByTestId('interaction-title').textContent()).toBe(titles[1]);
    await page.getByTestId('next-interaction').click();
    await expect.poll(() => page.getByTestId('interaction-title').textContent()).toBe(titles[2]);
    await page.keyboard.press('p');
    await expect.poll(() => page.getByTestId('interaction-title').textContent()).toBe(titles[1]);
    await screenshot(page, 'review-07-next-interaction');
    await page.keyboard.press('b');
    await page.getByTestId('library-table').waitFor();
  });
});

describe('reading a chat', () => {
  it('shows its turns and flags the customer waiting over four minutes for a reply', async () => {
    await openFromLibrary('Slow speeds after upgrade');
    await page.getByTestId('chat').waitFor();
    expect(await page.getByTestId('chat-turn').count()).toBe(9);
    const long = page.locator('[data-testid="chat-wait"][data-long="true"]');
    expect(await long.allTextContents()).toContainEqual(expect.stringContaining('waited 4 min 17 s'));
    expect(await page.locator('[data-testid="chat-wait"][data-long="false"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'review-08-chat-long-wait');
  });

  it('pins a moment to a message with the arrow keys and M', async () => {
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('m');
    await page.getByTestId('moment-comment').waitFor();
    await page.keyboard.type('Only a one-line answer after a long wait.');
    await page.locator('[data-testid="moment-editor"][data-save-state="saved"]').waitFor();
    await expect
      .poll(() =>
        page.locator('[data-testid="chat-turn"][data-selected="true"]').getByTestId('chat-moment').count(),
      )
      .toBe(1);
    await screenshot(page, 'review-09-chat-moment');
  });
});

describe('shortcut settings', () => {
  it('refuse a key another action has, and one the browser owns, and keep a free one', async () => {
    await page.getByTestId('nav-settings').click();
    const addMoment = page.locator('[data-testid="shortcut-setting"][data-action="addMoment"]');
    await addMoment.getByTestId('shortcut-add').click();
    await page.getByTestId('shortcut-recording').waitFor();
    await page.keyboard.press('k');
    expect(await addMoment.getByTestId('shortcut-problem').textContent()).toContain('Play or pause');
    await addMoment.getByTestId('shortcut-add').click();
    await page.keyboard.press('Control+w');
    expect(await addMoment.getByTestId('shortcut-problem').textContent()).toContain('browser');
    await page.evaluate(() => window.scrollTo(0, 0)); // the fixed header draws mid-page in a full-page shot otherwise
    await screenshot(page, 'review-10-shortcut-settings');
    await addMoment.getByTestId('shortcut-add').click();
    await page.keyboard.press('Insert');
    await expect.poll(() => addMoment.textContent()).toContain('Insert');
    await page.reload();
    await waitForReady(page);
    await expect.poll(() => addMoment.textContent()).toContain('Insert');
    await page.getByTestId('shortcuts-reset-all').click();
    await expect.poll(() => addMoment.textContent()).not.toContain('Insert');
  });
});

describe('in German and Finnish', () => {
  it('reviews in the language the supervisor chose', async () => {
    for (const [language, addMoment, wait] of [
      ['Deutsch', 'Moment festhalten', 'Lange Wartezeit'],
      ['Suomi', 'Kiinnitä hetki', 'Pitkä odotus'],
    ] as const) {
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-language').click();
      await page.getByRole('option', { name: language }).click();
      await expect.poll(() => page.getByTestId('moment-add').count()).toBe(0);
      await openFromLibrary(call.title);
      await playerReady();
      await page.getByTestId('transcript').waitFor();
      expect(await page.getByTestId('moment-add').textContent()).toContain(addMoment);
      await screenshot(page, `review-11-call-${language.toLowerCase()}`);
      await openFromLibrary('Slow speeds after upgrade');
      expect(
        await page.locator('[data-testid="chat-wait"][data-long="true"]').first().textContent(),
      ).toContain(wait);
    }
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-language').click();
    await page.getByRole('option', { name: 'English' }).click();
  });
});

describe('a moment someone else pinned', () => {
  it('is shown with its author and cannot be changed or deleted, in English, German and Finnish', async () => {
    const chat = (
      await api<{ items: { id: number; title: string }[] }>('library.list', { limit: 100 })
    ).items.find((item) => item.title === 'Slow speeds after upgrade')!;
    await api('profile.create', { name: 'Pekka Niemi', role: 'team_lead' });
    const pekkas = await api<{ id: number }>('moment.create', {
      interactionId: chat.id,
      turnSeq: 2,
      comment: 'Promised a call back without a time.',
    });
    // Maria works at the workstation now: Pekka's comment is his.
    await api('profile.create', { name: 'Maria Lind', role: 'qa_supervisor' });
    for (const [language, pinnedBy] of [
      ['en', 'Pinned by Pekka Niemi'],
      ['de', 'Festgehalten von Pekka Niemi'],
      ['fi', 'Kiinnittänyt Pekka Niemi'],
    ] as const) {
      await api('settings.update', { language });
      await page.goto(`${host.url}#/interaction/${chat.id}`);
      await waitForReady(page);
      const card = page.locator(`[data-testid="moment"][data-moment-id="${pekkas.id}"]`);
      await card.getByTestId('moment-open').click();
      await expect.poll(() => card.getByTestId('moment-pinned-by').textContent()).toContain(pinnedBy);
      expect(await card.getAttribute('data-mine')).toBe('false');
      expect(await card.getByTestId('moment-delete').count()).toBe(0);
      expect(await card.getByTestId('moment-comment').count()).toBe(0);
      await screenshot(page, `review-12-others-moment-${language}`);
    }
    await api('settings.update', { language: 'en' });
  });
});

/** The API as the browser host serves it (same token), for seeding what another person did. */
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

/** The clock as the workspace shows it: "12:02", "1:45:03". */
function formatClock(seconds: number): string {
  const total = Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(total % 60).padStart(2, '0')}`;
}

interface WindowRequest {
  fromMs: number;
  toMs: number;
}
