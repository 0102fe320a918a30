import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

/**
 * Scoring while listening: the evaluation form docked beside a demo call, the call played and steered
 * from the form's items (Space, L, K, J reach the player), every item answered from the keyboard with
 * N on an item that then needs a comment followed straight by more score keys (none may land in the
 * comment), the split resized by keyboard and by drag and remembered, and the submit. Then the docked
 * form beside a call and beside a chat in English, German and Finnish.
 */
let host: RunningHost;
let browser: Browser;
let page: Page;
const data = tempDir('earmark-e2e-docked-');
const CALL = 'Double charge on invoice';
const CHAT = 'Returning a faulty router';
let callId = 0;

beforeAll(async () => {
  host = await startHost(data.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
});

const byTestId = (id: string) => page.getByTestId(id);
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
const audio = () =>
  byTestId('player-audio').evaluate((el: HTMLAudioElement) => ({ time: el.currentTime, paused: el.paused }));
const waitForTime = (min: number) =>
  page.waitForFunction(
    (from) =>
      (document.querySelector<HTMLAudioElement>('[data-testid="player-audio"]')?.currentTime ?? -1) >= from,
    min,
  );
/** Until the call has got where the keys sent it (its currentTime reads the target from the key on). */
const seekEnded = () =>
  page.waitForFunction(
    () => document.querySelector<HTMLAudioElement>('[data-testid="player-audio"]')?.seeking === false,
  );
/** The aria-label ("3. Polite tone throughout") of the item that has focus, or of the one holding it. */
const focusedItem = () =>
  page.evaluate(
    () =>
      document.activeElement?.closest('[data-testid="evaluation-item"]')?.getAttribute('aria-label') ?? null,
  );
const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
const item = (title: string) => byTestId('evaluation-item').filter({ hasText: title });
const statuses = () =>
  byTestId('evaluation-item').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-status')));
const openFromLibrary = async (title: string) => {
  await byTestId('nav-library').click();
  await byTestId('library-table').waitFor();
  await page.getByRole('link', { name: title }).click();
  await page.locator('[data-testid="interaction"][data-state="ready"]').waitFor();
};
const separatorValue = async () => Number(await byTestId('dock-separator').getAttribute('aria-valuenow'));
const formWidth = async () => (await page.locator('#evaluation-dock-pane').boundingBox())!.width;
const waitSaved = () =>
  page.locator('[data-testid="evaluation-save-state"][data-save-state="saved"]').waitFor();
/** Waits until the split's share is the one remembered in the settings. */
const shareRemembered = () =>
  page.waitForFunction(() => {
    const split = document.querySelector('[data-testid="dock-split"]');
    return split?.getAttribute('data-share') === split?.getAttribute('data-stored-share');
  });

describe('scoring a call while listening to it', () => {
  it('loads the demo data and creates a reviewer profile', async () => {
    await page.goto(host.url);
    await waitForReady(page);
    await byTestId('demo-load').click();
    await poll(() => byTestId('library-row').count()).toBe(6);
    const href = await page.getByRole('link', { name: CALL }).getAttribute('href');
    callId = Number(/interaction\/(\d+)/.exec(href ?? '')?.[1]);
    await byTestId('profile-switcher').click();
    await byTestId('profile-new').click();
    await byTestId('profile-name').fill('Maria Lind');
    await byTestId('profile-role').click();
    await page.getByRole('option', { name: 'QA supervisor' }).click();
    await byTestId('profile-save').click();
    await page.locator('[data-testid="profile-switcher"][data-profile="Maria Lind"]').waitFor();
  });

  it('docks the form beside the playing call without stopping it; Back closes the form again', async () => {
    await openFromLibrary(CALL);
    await page.locator('[data-testid="player"][data-state="ready"]').waitFor();
    await byTestId('player-toggle').click();
    await waitForTime(0.3);

    await byTestId('evaluate-interaction').click();
    await byTestId('evaluation-dock').waitFor();
    expect(page.url()).toContain(`/interaction/${callId}?dock=evaluation`);
    expect(await byTestId('interaction').getAttribute('data-docked')).toBe('true');
    // The player was not rebuilt: it plays on from where it was.
    const playing = await audio();
    expect(playing.paused).toBe(false);
    expect(playing.time).toBeGreaterThan(0.3);
    // The form sits to the right of the player, each in its own pane.
    const player = (await byTestId('player').boundingBox())!;
    const dock = (await byTestId('evaluation-dock').boundingBox())!;
    expect(dock.x).toBeGreaterThan(player.x + player.width);
    expect(dock.y).toBeLessThan(player.y + player.height);

    await page.goBack();
    await poll(() => byTestId('interaction').getAttribute('data-docked')).toBe('false');
    expect(await byTestId('evaluation-dock').count()).toBe(0);
    await page.goForward();
    await byTestId('evaluation-dock').waitFor();
    await byTestId('player-toggle').click(); // pause, for the keys below to start it again
    await poll(async () => (await audio()).paused).toBe(true);
  });

  it('starts from the keyboard and plays the call with Space, L, J, K from the focused item', async () => {
    // The start button has focus as the form appears: Enter starts, and focus lands on the first item.
    await poll(focusedTestId).toBe('start-evaluation-button');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="evaluation-sheet"][data-state="draft"]').waitFor();
    await poll(focusedItem).toBe('1. Greeting and own name');
    // The focused item is ringed, clearly.
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);

    const before = (await audio()).time;
    await page.keyboard.press('Space');
    await poll(async () => (await audio()).paused).toBe(false);
    await waitForTime(before + 0.5);
    // L and J rolled (J goes down before L is up, so it lands while the seek of L is under way): both
    // count, and the call plays on from about where it was (4 s of slack for a busy machine; a lost J
    // leaves it 5 s ahead).
    const from = (await audio()).time;
    await Promise.all([page.keyboard.press('l'), page.keyboard.press('j')]); // forward 5 s, back 5 s
    await seekEnded();
    expect((await audio()).time).toBeGreaterThanOrEqual(from);
    expect((await audio()).time).toBeLessThan(from + 4);
    // L, K, J as fast: ahead 5 s, paused there, back 5 s.
    await page.keyboard.press('l');
    await page.keyboard.press('k'); // play/pause beside the call, not "previous item"
    await poll(async () => (await audio()).paused).toBe(true);
    const ahead = (await audio()).time;
    expect(ahead).toBeGreaterThan(from + 5);
    await page.keyboard.press('j'); // back 5 s, not "next item"
    await seekEnded();
    expect((await audio()).time).toBeCloseTo(ahead - 5, 2);
    // None of it touched the form: focus and answers are where they were.
    expect(await focusedItem()).toBe('1. Greeting and own name');
    expect(new Set(await statuses())).toEqual(new Set(['unanswered']));
    await page.keyboard.press('Space');
    await poll(async () => (await audio()).paused).toBe(false);
  });

  it('a click on the waveform and a key pressed with it both count, in the order they came', async () => {
    await page.keyboard.press('k');
    await poll(async () => (await audio()).paused).toBe(true);
    const box = (await byTestId('waveform').boundingBox())!;
    const y = box.y + box.height * 0.3; // on the lanes, above the timeline
    const at = (fraction: number) => box.x + box.width * fraction;
    /** Where a click alone at `fraction` takes the call (paused: it stays there). */
    const clickAlone = async (fraction: number) => {
      await page.mouse.click(at(fraction), y);
      await seekEnded();
      const state = await audio();
      expect(state.paused).toBe(true); // the waveform, not a moment's region (that would play it)
      return state.time;
    };
    const target = await clickAlone(0.3);
    /** Runs `input` with the order of its key press and click recorded as they reached the page. */
    const raced = async (input: () => Promise<unknown>) => {
      await page.evaluate(() => {
        const order: string[] = [];
        Object.assign(window, { inputOrder: order });
        for (const type of ['keydown', 'click'])
          window.addEventListener(type, () => order.push(type), { capture: true, once: true });
      });
      await input();
      await seekEnded();
      const order = await page.evaluate(() => (window as unknown as { inputOrder: string[] }).inputOrder);
      expect(order.toSorted()).toEqual(['click', 'keydown']);
      return { order, time: (await audio()).time };
    };
    // L and the click at once (the key lands first, the click while its seek is under way): the later
    // one decides, each from where the other went (a lost click leaves the call 5 s past 0.6).
    await clickAlone(0.6); // starting elsewhere, so a lost click shows
    const rolled = await raced(() => Promise.all([page.keyboard.press('l'), page.mouse.click(at(0.3), y)]));
    expect(rolled.time).toBeCloseTo(rolled.order[1] === 'click' ? target : target + 5, 2);
    // The click let go and J at once (the click first, as a rule).
    await clickAlone(0.6);
    await page.mouse.move(at(0.3), y);
    await page.mouse.down();
    const released = await raced(() => Promise.all([page.mouse.up(), page.keyboard.press('j')]));
    expect(released.time).toBeCloseTo(released.order[1] === 'keydown' ? target - 5 : target, 2);
    // Back to the form, the call playing, for the answers below.
    await item('Greeting and own name').focus();
    await page.keyboard.press('k');
    await poll(async () => (await audio()).paused).toBe(false);
  });

  it('answers every item by keyboard; N on an item that needs a comment leaves the next keys to the next items', async () => {
    await page.keyboard.press('y'); // greeting
    await page.keyboard.press('y'); // customer's name
    await page.keyboard.press('n'); // polite tone: no, critical, a comment is required
    // Focus went on to the next item, not into the comment; the item shows what it needs.
    expect(await focusedItem()).toBe('4. Listens without interrupting');
    const tone = item('Polite tone throughout');
    await tone.getByTestId('item-comment').waitFor();
    expect(await tone.getAttribute('data-status')).toBe('critical-fail');
    expect(await tone.textContent()).toContain('press C to write it');
    const announcement = byTestId('evaluation-announcement');
    await poll(() => announcement.textContent()).toContain('Polite tone throughout: no.');
    expect(await announcement.textContent()).toContain('A comment is required');
    expect(await announcement.textContent()).toContain('Item 4 of 16, Listens without interrupting');
    await screenshot(page, 'dock-01-call-after-no-en');

    // The rest, typed straight on: 2 2 a a y | 2 1 y a y 2 a y.
    for (const key of ['2', '2', 'a', 'a', 'y', '2', '1', 'y', 'a', 'y', '2', 'a', 'y'])
      await page.keyboard.press(key);
    await poll(statuses).not.toContain('unanswered');
    expect(await tone.getByTestId('item-comment').inputValue()).toBe('');
    expect(
      await item('Listens without interrupting')
        .getByTestId('answer-option')
        .filter({ hasText: '2' })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    expect(await item('Correct product and policy knowledge').locator('[aria-pressed="true"]').count()).toBe(
      1,
    );
    expect(await byTestId('score-bar').getAttribute('data-result')).toBe('criticalFail');
    // The call played on all the while.
    expect((await audio()).paused).toBe(false);
    await waitSaved();
    await page.keyboard.press('k');
    await poll(async () => (await audio()).paused).toBe(true);
  });

  it('resizes the split by keyboard and by drag, and remembers the width after a reload', async () => {
    const start = await separatorValue();
    const width = await formWidth();
    await byTestId('dock-separator').focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await poll(separatorValue).toBe(start - 6);
    expect(await formWidth()).toBeGreaterThan(width + 40);
    // The arrows moved the split, not the call.
    expect((await audio()).paused).toBe(true);

    const grip = (await byTestId('dock-separator').boundingBox())!;
    await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
    await page.mouse.down();
    await page.mouse.move(grip.x + grip.width / 2 + 120, grip.y + grip.height / 2, { steps: 6 });
    await page.mouse.up();
    // Dragged right: the form narrower again, the call wider than after the keys.
    const dragged = await separatorValue();
    expect(dragged).toBeGreaterThan(start - 6 + 4);
    await shareRemembered();

    await page.reload();
    await waitForReady(page);
    await page.locator('[data-testid="evaluation-sheet"][data-state="draft"]').waitFor();
    await poll(separatorValue).toBe(dragged);
    expect(await item('Polite tone throughout').getByTestId('item-comment').inputValue()).toBe('');
  });

  it('submit takes the reviewer to the missing comment; C writes it, Esc returns, Ctrl+Enter submits', async () => {
    await item('Documents the case').focus();
    await page.keyboard.press('Control+Enter');
    await poll(focusedItem).toBe('3. Polite tone throughout');
    await page.keyboard.press('c');
    await poll(focusedTestId).toBe('item-comment');
    await page.keyboard.type('Sarcastic about the second charge; said “read the invoice”.');
    await page.keyboard.press('Escape');
    expect(await focusedItem()).toBe('3. Polite tone throughout');
    expect(await focusedTestId()).toBe('evaluation-item');
    await waitSaved();
    await page.keyboard.press('Control+Enter');
    // The full-page form shows the submitted evaluation, as after a submit on its own page.
    await page.locator('[data-testid="evaluate-page"]').waitFor();
    await page.locator('[data-testid="evaluation-sheet"][data-state="submitted"]').waitFor();
    expect(page.url()).toMatch(new RegExp(`/interaction/${callId}/evaluate\\?evaluation=\\d+`));
    expect(await item('Polite tone throughout').getByTestId('item-comment').inputValue()).toBe(
      'Sarcastic about the second charge; said “read the invoice”.',
    );
    await byTestId('summary-link').waitFor();
  });
});

describe('the docked form in English, German and Finnish', () => {
  for (const [language, name, tone] of [
    ['en', 'English', 'Polite tone throughout'],
    ['de', 'Deutsch', 'Durchgehend höflicher Ton'],
    ['fi', 'Suomi', 'Kohtelias sävy koko keskustelun ajan'],
  ] as const) {
    it(`beside a call and beside a chat (${language})`, async () => {
      await byTestId('nav-settings').click();
      await byTestId('settings-language').click();
      await page.getByRole('option', { name }).click();
      await poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);

      // A call of its own per language, so each starts on its language's rubric.
      await openFromLibrary(
        ['Connection drops every evening', 'Water damage claim without update', CALL][
          ['en', 'de', 'fi'].indexOf(language)
        ]!,
      );
      await byTestId('evaluate-interaction').click();
      await byTestId('start-evaluation-button').click();
      await page.locator('[data-testid="evaluation-sheet"][data-state="draft"]').waitFor();
      await poll(focusedItem).toMatch(/^1\. /);
      for (const key of ['y', 'y', 'n', '2']) await page.keyboard.press(key);
      await item(tone).getByTestId('item-comment').waitFor();
      await waitSaved();
      await page.locator('[data-testid="player"][data-state="ready"]').waitFor();
      await screenshot(page, `dock-02-call-${language}`);

      await openFromLibrary(CHAT);
      await byTestId('evaluate-interaction').click();
      await byTestId('start-evaluation-button').click();
      await page.locator('[data-testid="evaluation-sheet"][data-state="draft"]').waitFor();
      await poll(focusedItem).toMatch(/^1\. /);
      await page.keyboard.press('y');
      await waitSaved();
      await screenshot(page, `dock-03-chat-${language}`);
      await byTestId('evaluation-keys').click();
      await byTestId('evaluation-keys-docked').waitFor();
      await page.waitForFunction(() => {
        const dropdown = document.querySelector('.mantine-Popover-dropdown');
        return dropdown !== null && getComputedStyle(dropdown).opacity === '1';
      });
      await screenshot(page, `dock-04-keys-${language}`);
      await page.keyboard.press('Escape');
      // Leave this chat's draft for the next language's fresh one.
      await byTestId('discard').click();
      await byTestId('discard-dialog-confirm').click();
      await byTestId('start-evaluation').waitFor();
    });
  }
});
