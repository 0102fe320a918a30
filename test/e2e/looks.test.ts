import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

/**
 * How the screens look, in English, German and Finnish, on a 1280×800 laptop screen: what a reviewer
 * sees without scrolling, text that is never cut or broken mid-word, outlines and sticky parts that
 * do not clip or leak, the sidebar naming where you are, and dates written the interface's way.
 */
let host: RunningHost;
let browser: Browser;
let page: Page;
const data = tempDir('earmark-e2e-looks-');
const exportFolder = tempDir('earmark-e2e-looks-export-');
const LANGUAGES = ['en', 'de', 'fi'] as const;
const VIEWPORT = { width: 1280, height: 800 };
/** A broken recording with the kind of long name a telephony export gives its files. */
const LONG_NAME = 'Rueckrufwunsch_Rechnungskorrektur_HotlineBerlin_20261112093015_4915112345678_agent.wav';
const UNKNOWN_NAME = 'Qualitaetsrunde_Besprechungsnotizen_November2026_endgueltig_abgestimmt.docx';
let seeded: { agentId: number; callId: number; chatId: number; evaluationId: number; sessionId: number };

const byTestId = (id: string) => page.getByTestId(id);
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

/** The API as the browser host serves it, for what other people did before (evaluations, a session). */
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

interface RubricItem {
  id: string;
  type: 'yesNo' | 'scale' | 'choice';
  critical?: boolean;
  max?: number;
  options?: { id: string }[];
}

/** Anna's call scored with some misses, and a session with her whose action is overdue. */
async function seed() {
  await api('demo.load');
  await api('profile.create', { name: 'Maria Lind', role: 'team_lead' });
  const rubrics = await api<{ id: number; key: string }[]>('rubric.list');
  const rubricId = rubrics.find((rubric) => rubric.key === 'builtin.courtesy-competence.en')!.id;
  const { latest } = await api<{ latest: { sections: { items: RubricItem[] }[] } }>('rubric.get', {
    id: rubricId,
  });
  const facets = await api<{ agents: { id: number; name: string }[] }>('library.facets');
  const agentId = facets.agents.find((agent) => agent.name === 'Anna Berg')!.id;
  const library = await api<{ items: { id: number; kind: string }[] }>('library.list', {
    filters: { agentIds: [agentId] },
  });
  const callId = library.items.find((item) => item.kind === 'call')!.id;
  const chatId = library.items.find((item) => item.kind === 'chat')!.id;
  const { id: evaluationId } = await api<{ id: number }>('evaluation.start', {
    interactionId: callId,
    rubricId,
  });
  const items = latest.sections.flatMap((section) => section.items);
  const answers = items.map((item, i) => {
    const miss = !item.critical && i % 3 === 0;
    const value =
      item.type === 'yesNo'
        ? { kind: miss ? 'no' : 'yes' }
        : item.type === 'scale'
          ? { kind: 'scale', value: miss ? 0 : item.max }
          : { kind: 'choice', optionId: item.options![0]!.id };
    return { itemId: item.id, value, momentIds: [] };
  });
  await api('evaluation.saveDraft', { id: evaluationId, answers });
  await api('evaluation.submit', { id: evaluationId });
  const session = await api<{ id: number }>('coaching.create', {
    agentId,
    heldOn: '2026-01-10',
    evaluationIds: [evaluationId],
  });
  await api('coaching.actionAdd', {
    sessionId: session.id,
    text: 'Say your own name in the greeting',
    owner: 'agent',
    dueOn: '2026-01-24',
  });
  return { agentId, callId, chatId, evaluationId, sessionId: session.id };
}

beforeAll(async () => {
  writeFileSync(
    join(exportFolder.dir, LONG_NAME),
    Buffer.from('RIFF\x10\x00\x00\x00WAVEjunkjunkjunk', 'latin1'),
  );
  writeFileSync(join(exportFolder.dir, UNKNOWN_NAME), 'not a recording');
  host = await startHost(data.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: VIEWPORT });
  seeded = await seed();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
  exportFolder.cleanup();
});

/** Opens an address in a fresh page load, so the language just chosen is the one the app starts in. */
async function open(hash: string) {
  await page.goto(`${host.url}#${hash}`);
  await page.reload();
  await waitForReady(page);
}

/** What is on the screen right now (not the whole page from the top). */
const screenShot = (name: string) => screenshot(page, name, { asShown: true });

/** Waits until an element stops moving (scrolling done, a popover placed). */
const settled = (selector: string) =>
  page.waitForFunction(
    (css) =>
      new Promise<boolean>((resolve) => {
        const before = document.querySelector(css)?.getBoundingClientRect();
        setTimeout(() => {
          const after = document.querySelector(css)?.getBoundingClientRect();
          resolve(Boolean(before && after && before.top === after.top && before.height === after.height));
        }, 150);
      }),
    selector,
  );

/**
 * Every place where a line ends inside a word in these elements: a line break between two letters or
 * digits is a word cut in two ("Rechnungskor|rektur"); after "_", "-", "/" or "." it is between parts.
 */
const wordsCut = (elements: Locator) =>
  elements.evaluateAll((all) =>
    all.flatMap((element) => {
      const found: string[] = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      // Within one text: lines that end between blocks (a name, then its note below) are no cut.
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        const tops = [...text].map((_, i) => {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          return range.getClientRects()[0]?.top ?? NaN;
        });
        const letter = /[\p{L}\p{N}]/u;
        for (let i = 1; i < text.length; i++)
          if (tops[i]! > tops[i - 1]! + 2 && letter.test(text[i - 1]!) && letter.test(text[i]!))
            found.push(text.slice(Math.max(0, i - 8), i + 8));
      }
      return found;
    }),
  );

for (const language of LANGUAGES) {
  describe(`looks in ${language}`, () => {
    const shot = (n: string, name: string) => `looks-${language}-${n}-${name}`;

    beforeAll(async () => {
      await page.setViewportSize(VIEWPORT);
      await api('settings.update', { language });
    });

    it("shows the top transcript row's speaker line when playback moves down the call", async () => {
      await open(`/interaction/${seeded.callId}`);
      await page.locator('[data-testid="player"][data-state="ready"]').waitFor();
      const turns = byTestId('transcript-segment');
      await turns.nth(4).waitFor();
      // Clicking a turn plays from it; following playback brings it to the middle of the list.
      await turns.nth(4).click();
      await poll(() => turns.nth(4).getAttribute('data-active')).toBe('true');
      await poll(() => byTestId('transcript-scroller').evaluate((list) => list.scrollTop)).toBeGreaterThan(0);
      await settled('[data-testid="transcript-segment"][data-active="true"]');
      const cut = await byTestId('transcript-scroller').evaluate((list) => {
        const box = list.getBoundingClientRect();
        const rows = [...list.querySelectorAll<HTMLElement>('[data-testid="transcript-segment"]')]
          .map((row) => row.getBoundingClientRect())
          .filter((row) => row.bottom > box.top + 1 && row.top < box.bottom - 1)
          .sort((a, b) => a.top - b.top);
        // The list's 1px border: the first row shown starts at or below it.
        return { listTop: box.top + 1, firstRowTop: rows[0]!.top };
      });
      expect(cut.firstRowTop).toBeGreaterThanOrEqual(cut.listTop - 0.5);
      await screenShot(shot('01', 'call-following'));

      // Scrolled by hand into the middle of a turn, the turn's speaker line stays on top of its words.
      await page.getByTestId('transcript-scroller').hover();
      await page.mouse.wheel(0, 25);
      await poll(() => byTestId('transcript').getAttribute('data-follow')).toBe('false');
      const head = await byTestId('transcript-scroller').evaluate(
        (list) =>
          new Promise<{ listTop: number; headTop: number; rowTop: number }>((resolve) => {
            const top = list.getBoundingClientRect().top + 1;
            const rows = [...list.querySelectorAll<HTMLElement>('[data-testid="transcript-segment"]')];
            const row = rows.find((r) => r.getBoundingClientRect().bottom > top + 30)!;
            // A quarter of a turn out of sight (its speaker line would be cut), whatever the wheel did.
            list.scrollTop += row.getBoundingClientRect().top - top + row.offsetHeight / 4;
            requestAnimationFrame(() => {
              const cutRow = rows.find((r) => r.getBoundingClientRect().bottom > top + 2)!;
              resolve({
                listTop: top,
                rowTop: cutRow.getBoundingClientRect().top,
                headTop: cutRow.querySelector('[data-testid="transcript-turn-head"]')!.getBoundingClientRect()
                  .top,
              });
            });
          }),
      );
      expect(head.rowTop).toBeLessThan(head.listTop);
      expect(head.headTop).toBeGreaterThanOrEqual(head.listTop - 0.5);
      await screenShot(shot('01b', 'call-scrolled-by-hand'));
    });

    it("keeps the selected chat message's outline inside the conversation", async () => {
      await open(`/interaction/${seeded.chatId}`);
      const messages = byTestId('chat-turn');
      await messages.first().click();
      await poll(() => messages.first().getAttribute('data-selected')).toBe('true');
      const outlineInside = () =>
        page.locator('[data-testid="chat-turn"][data-selected="true"]').evaluate((bubble) => {
          const style = getComputedStyle(bubble);
          const reach = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
          const box = bubble.getBoundingClientRect();
          const view = bubble.closest('.mantine-ScrollArea-viewport')!.getBoundingClientRect();
          return (
            reach > 0 &&
            box.top - reach >= view.top &&
            box.left - reach >= view.left &&
            box.right + reach <= view.right &&
            box.bottom + reach <= view.bottom
          );
        });
      expect(await outlineInside()).toBe(true);
      await screenShot(shot('02', 'chat-first-selected'));
      // The customer's messages sit at the right edge; ↓ walks to one.
      await page.keyboard.press('ArrowDown');
      await poll(() => messages.nth(1).getAttribute('data-selected')).toBe('true');
      await settled('[data-testid="chat-turn"][data-selected="true"]');
      expect(await outlineInside()).toBe(true);
      // The last one is scrolled into view with its outline.
      const count = await messages.count();
      for (let i = 1; i < count; i++) await page.keyboard.press('ArrowDown');
      await poll(() => messages.last().getAttribute('data-selected')).toBe('true');
      await settled('[data-testid="chat-turn"][data-selected="true"]');
      expect(await outlineInside()).toBe(true);
      await screenShot(shot('03', 'chat-last-selected'));
    });

    it('hides the items scrolling up behind the sticky score card', async () => {
      await open(`/interaction/${seeded.callId}/evaluate?evaluation=${seeded.evaluationId}`);
      await byTestId('score-bar').waitFor();
      await page.mouse.move(700, 500);
      await page.mouse.wheel(0, 900);
      await poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
      await settled('[data-testid="score-bar"]');
      // Every point between the header and the card's top edge, and in its rounded corners, shows
      // the page behind, never an item passing beneath.
      const leaks = await page.evaluate(() => {
        const header = document.querySelector('.mantine-AppShell-header')!.getBoundingClientRect();
        const card = document.querySelector('[data-testid="score-bar"]')!.getBoundingClientRect();
        const found: string[] = [];
        for (let y = header.bottom + 0.5; y < card.top + 6; y += 1)
          for (const x of [card.left + 1, card.left + 3, card.left + card.width / 2, card.right - 2]) {
            const hit = document.elementFromPoint(x, y);
            if (hit?.closest('[data-testid="evaluation-item"]'))
              found.push(`${Math.round(x)},${Math.round(y)}`);
          }
        return { found, cardTop: card.top, headerBottom: header.bottom };
      });
      expect(leaks.found).toEqual([]);
      expect(leaks.cardTop).toBeGreaterThanOrEqual(leaks.headerBottom);
      await screenShot(shot('04', 'evaluation-scrolled'));
    });

    it('marks the library in the sidebar on the evaluation summary, not the rubrics', async () => {
      await open(`/evaluation/${seeded.evaluationId}/summary`);
      await page.locator('[data-testid="evaluation-summary"][data-state="ready"]').waitFor();
      expect(await byTestId('nav-library').getAttribute('data-active')).toBe('true');
      expect(await byTestId('nav-rubrics').getAttribute('data-active')).toBeNull();
      await screenShot(shot('05', 'evaluation-summary'));
    });

    it("shows “Start coaching session” on the agent's page without scrolling", async () => {
      await open(`/agents/${seeded.agentId}`);
      await page.locator('[data-testid="agent"][data-state="ready"]').waitFor();
      await byTestId('trend-chart').locator('svg').first().waitFor();
      const start = await byTestId('agent-start-coaching').boundingBox();
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      expect(start).not.toBeNull();
      expect(start!.y).toBeGreaterThanOrEqual(0);
      expect(start!.y + start!.height).toBeLessThanOrEqual(VIEWPORT.height);
      expect(start!.x + start!.width).toBeLessThanOrEqual(VIEWPORT.width);
      await screenShot(shot('06', 'agent'));
    });

    it('never cuts a badge short, even in a narrow window', async () => {
      const cutBadges = () =>
        page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.mantine-Badge-root, .mantine-Badge-label')]
            .filter((badge) => badge.scrollWidth > badge.clientWidth)
            .map((badge) => badge.textContent),
        );
      await page.setViewportSize({ width: 1100, height: 800 });
      for (const [hash, ready] of [
        ['/coaching', '[data-testid="coaching-row"]'],
        ['/agents', '[data-testid="agent-overdue"]'],
        [`/coaching/${seeded.sessionId}`, '[data-testid="action-item"]'],
      ] as const) {
        await open(hash);
        await page.locator(ready).first().waitFor();
        expect(await page.locator('.mantine-Badge-root').count()).toBeGreaterThan(0);
        expect(await cutBadges(), hash).toEqual([]);
      }
      await open('/coaching');
      await byTestId('overdue-badge').waitFor();
      await screenShot(shot('07', 'coaching-list-narrow'));
      await page.setViewportSize(VIEWPORT);
    });

    it("keeps the library's length and score within reach in a 1024-wide window", async () => {
      await page.setViewportSize({ width: 1024, height: 700 });
      await open('/');
      await byTestId('library-table').waitFor();
      // The table is wider than the window leaves it: it scrolls sideways to its last column, the page does not.
      const reach = await byTestId('library-table').evaluate((table) => {
        const scrolls = ['auto', 'scroll'].includes(getComputedStyle(table).overflowX);
        table.scrollLeft = table.scrollWidth;
        const last = table.querySelector('[role="row"]')!.lastElementChild!.getBoundingClientRect();
        return {
          scrolls,
          lastInside: last.right <= table.getBoundingClientRect().right + 0.5,
          pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
        };
      });
      expect(reach).toEqual({ scrolls: true, lastInside: true, pageScrolls: false });
      await screenShot(shot('09b', 'library-narrow-scrolled'));
      await page.setViewportSize(VIEWPORT);
    });

    it('writes and picks dates the way the interface language does', async () => {
      const today = new Date();
      const monthName = new Intl.DateTimeFormat(language, { month: 'long' }).format(today);
      const shown = {
        en: /^[A-Z][a-z]{2} \d{1,2}, \d{4}$/,
        de: /^\d{2}\.\d{2}\.\d{4}$/,
        fi: /^\d{1,2}\.\d{1,2}\.\d{4}$/,
      }[language];
      await open(`/coaching/new?agent=${seeded.agentId}`);
      const date = byTestId('new-session-date');
      await date.waitFor();
      expect(await date.inputValue()).toMatch(shown);
      await date.click();
      const calendar = page.locator('[data-dates-dropdown]');
      await calendar.waitFor();
      await settled('[data-dates-dropdown]');
      expect((await calendar.textContent())!.toLowerCase()).toContain(monthName.toLowerCase());
      const firstWeekday = await calendar.locator('thead th').first().textContent();
      expect(firstWeekday!.trim().toLowerCase()).toBe({ en: 'su', de: 'mo', fi: 'ma' }[language]);
      await screenShot(shot('08', 'new-session-calendar'));
      await page.keyboard.press('Escape');

      // Typed the local way, the day reaches the API as YYYY-MM-DD: the library filter keeps it in the address.
      await open('/');
      await byTestId('library-table').waitFor();
      const typed = { en: 'Nov 2, 2026', de: '02.11.2026', fi: '2.11.2026' }[language];
      await byTestId('library-from').fill(typed);
      await poll(() => page.url()).toContain('from=2026-11-02');
      await byTestId('library-to').click();
      await byTestId('library-to').press('Escape');
      expect(await byTestId('library-from').inputValue()).toBe(typed);
      await screenShot(shot('09', 'library-from'));
    });

    it('breaks a long file name in an import error only between its parts', async () => {
      // A narrower window, where the names cannot fit on one line.
      await page.setViewportSize({ width: 1000, height: 800 });
      await open('/import');
      await byTestId('import-paths').fill(exportFolder.dir);
      await byTestId('import-preview').click();
      await byTestId('import-plan').waitFor();
      const unrecognised = page.locator('[data-testid="plan-file"][data-becomes="unrecognised"]');
      await unrecognised.waitFor();
      expect(await unrecognised.textContent()).toContain(UNKNOWN_NAME.slice(0, 20));
      expect(await wordsCut(byTestId('plan-file'))).toEqual([]);
      await screenShot(shot('10a', 'import-plan'));

      await byTestId('import-start').click();
      await page.locator('[data-testid="import-progress"][data-state="done"]').waitFor({ timeout: 60_000 });
      const row = byTestId('import-failed-row');
      await row.waitFor();
      expect(await row.textContent()).toContain(LONG_NAME.slice(0, 20));
      expect(await wordsCut(row.locator('td'))).toEqual([]);
      // And the name and message stay inside the card, not running out past its edge.
      const overflow = await row.evaluate((cells) => {
        const card = cells.closest('[data-testid="import-progress"]')!;
        return cells.getBoundingClientRect().right - card.getBoundingClientRect().right;
      });
      expect(overflow).toBeLessThanOrEqual(0);
      await screenShot(shot('10', 'import-failed'));
      await page.setViewportSize(VIEWPORT);
    });
  });
}
