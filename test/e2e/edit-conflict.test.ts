import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CoachingSession } from '../../shared/api/methods/coaching';
import { tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

/**
 * Two people, one thing: the coach has her session open in two browser windows of one workstation
 * (the meeting room and her desk) and types the talking points in both. The desk's save, made on the
 * version it loaded, is refused: a dialog says who saved when, the desk keeps what was typed, and the
 * coach chooses: keep mine (the desk's text overwrites) or see theirs (the desk shows the room's text).
 */
let host: RunningHost;
let browser: Browser;
let room: Page;
let desk: Page;
let sessionId = 0;
let rubricId = 0;
const data = tempDir('earmark-e2e-edit-conflict-');

const stored = () => host.api<CoachingSession>('coaching.get', { id: sessionId });

async function open(page: Page) {
  await page.goto(`${host.url}#/coaching/${sessionId}`);
  await waitForReady(page);
  await page.locator('[data-testid="coaching-session"][data-editable="true"]').waitFor();
}

/** The dialog, once it has faded in (a screenshot half-way shows it see-through). */
async function conflictShown(page: Page) {
  await page.getByTestId('edit-conflict-keep-mine').waitFor();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.mantine-Modal-content')].some(
      (content) => getComputedStyle(content).opacity === '1',
    ),
  );
}

/** Both windows open the session as stored; the room saves its talking points, then the desk types. */
async function typeInBoth(roomText: string, deskText: string) {
  await Promise.all([open(room), open(desk)]);
  await room.getByTestId('talking-points').fill(roomText);
  await room.locator('[data-testid="talking-points"][data-save-state="saved"]').waitFor();
  await desk.getByTestId('talking-points').fill(deskText);
  await conflictShown(desk);
}

beforeAll(async () => {
  host = await startHost(data.dir);
  browser = await launchChromium();
  room = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  desk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await host.api('demo.load');
  await host.api('profile.create', { name: 'Lena Fischer', role: 'team_lead' });
  const { agents } = await host.api<{ agents: { id: number; name: string }[] }>('library.facets');
  const anna = agents.find((agent) => agent.name === 'Anna Berg')!;
  rubricId = (await host.api<{ id: number }>('rubric.create', { name: 'Billing calls', language: 'en' })).id;
  sessionId = (await host.api<CoachingSession>('coaching.create', { agentId: anna.id, heldOn: '2026-11-24' }))
    .id;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
});

it('refuses the older window’s save, keeps its text, and overwrites on "keep mine"', async () => {
  await typeInBoth('From the meeting room', 'From my desk');
  await expect
    .poll(() => desk.getByTestId('edit-conflict-who').textContent())
    .toMatch(/^Lena Fischer saved this coaching session at /);
  // Refused: the room's text is stored, the desk's is still in its field.
  expect((await stored()).talkingPoints).toBe('From the meeting room');
  expect(await desk.getByTestId('talking-points').inputValue()).toBe('From my desk');
  await screenshot(desk, 'edit-conflict-en', { asShown: true });

  await desk.getByTestId('edit-conflict-keep-mine').click();
  await desk.getByTestId('edit-conflict-keep-mine').waitFor({ state: 'hidden' });
  await expect.poll(async () => (await stored()).talkingPoints).toBe('From my desk');
  await desk.locator('[data-testid="talking-points"][data-save-state="saved"]').waitFor();
});

it('"see theirs" shows the stored session in the older window and saves on from it', async () => {
  await host.api('settings.update', { language: 'de' });
  await typeInBoth('Aus dem Besprechungsraum', 'Vom Schreibtisch');
  await screenshot(desk, 'edit-conflict-de', { asShown: true });
  await desk.getByTestId('edit-conflict-see-theirs').click();
  await desk.getByTestId('edit-conflict-keep-mine').waitFor({ state: 'hidden' });
  await expect.poll(() => desk.getByTestId('talking-points').inputValue()).toBe('Aus dem Besprechungsraum');
  expect((await stored()).talkingPoints).toBe('Aus dem Besprechungsraum');
  // From the stored version on, the desk's next change goes through.
  await desk.getByTestId('outcome').fill('Vereinbart');
  await desk.locator('[data-testid="outcome"][data-save-state="saved"]').waitFor();
  expect(await stored()).toMatchObject({ talkingPoints: 'Aus dem Besprechungsraum', outcome: 'Vereinbart' });
});

it('says the same in Finnish', async () => {
  await host.api('settings.update', { language: 'fi' });
  await typeInBoth('Neuvotteluhuoneesta', 'Työpöydältä');
  await screenshot(desk, 'edit-conflict-fi', { asShown: true });
  await desk.getByTestId('edit-conflict-keep-mine').click();
  await expect.poll(async () => (await stored()).talkingPoints).toBe('Työpöydältä');
});

it('refuses the older window’s rubric draft save, keeps its text, and saves it over on "keep mine"', async () => {
  await host.api('settings.update', { language: 'en' });
  const description = (page: Page) => page.getByTestId('rubric-description');
  const openEditor = async (page: Page) => {
    await page.goto(`${host.url}#/rubrics/${rubricId}`);
    await waitForReady(page);
    await page.locator('[data-testid="rubric-editor"][data-state="ready"]').waitFor();
  };
  await Promise.all([openEditor(room), openEditor(desk)]);
  await description(room).fill('Written in the meeting room');
  await room.locator('[data-testid="rubric-save-state"][data-save-state="saved"]').waitFor();
  await description(desk).fill('Written at my desk');
  await conflictShown(desk);
  expect(await desk.getByTestId('edit-conflict-who').textContent()).toMatch(
    /^Lena Fischer saved this draft at /,
  );
  const draft = async () =>
    (await host.api<{ draft: { description: string } | null }>('rubric.get', { id: rubricId })).draft
      ?.description;
  expect(await draft()).toBe('Written in the meeting room');
  expect(await description(desk).inputValue()).toBe('Written at my desk');
  await screenshot(desk, 'edit-conflict-rubric-en', { asShown: true });
  await desk.getByTestId('edit-conflict-keep-mine').click();
  await expect.poll(draft).toBe('Written at my desk');
  await desk.locator('[data-testid="rubric-save-state"][data-save-state="saved"]').waitFor();
});
