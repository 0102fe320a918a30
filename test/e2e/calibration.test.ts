import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalibrationResults, CalibrationSession } from '../../shared/api/methods/calibration';
import type { ReviewerProfile } from '../../shared/api/methods/profiles';
import { smallDraft } from '../integration/evaluations/fixture';
import { tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

/**
 * A three-person blind calibration on the workstation, through the browser host on a real backend with
 * the demo's calls and chats: the QA manager sets a session up on the calibration screen (two calls,
 * three reviewers, Maria the expert, the agent hidden); Maria, Olli and Sanna each score in turn
 * (switching profiles) and none of them sees another's answers; the manager reveals, and the result
 * page shows the agreement figures in plain words and who leans which way. Then the screens in German
 * and Finnish.
 */
let host: RunningHost;
let browser: Browser;
let page: Page;
const data = tempDir('earmark-e2e-calibration-');
const people: Record<'hanna' | 'maria' | 'olli' | 'sanna', ReviewerProfile> = {} as never;
let rubricId = 0;
let sessionId = 0;

const byTestId = (id: string) => page.getByTestId(id);
const openHash = async (hash: string) => {
  await page.goto(`${host.url}#${hash}`);
  await waitForReady(page);
};
const pickOption = async (input: ReturnType<Page['getByTestId']>, name: string | RegExp) => {
  await input.click();
  await page.getByRole('option', { name }).first().click();
};
const actAs = (profile: ReviewerProfile) => host.api('profile.select', { id: profile.id });
const sessionPage = async (id = sessionId) => {
  await openHash(`/calibration/${id}`);
  await page.locator('[data-testid="calibration-session"][data-state="ready"]').waitFor();
};
const refusal = (method: string, params: unknown) =>
  host.api(method, params).then(
    () => '',
    (error: Error) => error.message,
  );

/** The demo's agents of the session's two calls, whose names the transcripts say ("this is Anna"). */
const agents = [/Anna|Berg/, /Mikko|Laine/];

/**
 * While scoring blind, the call is shown without anyone's moments, with nothing to pin one, and with
 * "[Agent]" where its transcript says the agent's name.
 */
async function expectBlindWorkspace(index: number) {
  await byTestId('transcript-segment').first().waitFor();
  expect(await byTestId('transcript-segment').first().textContent()).toContain('[Agent]');
  expect(await byTestId('calibration-score').textContent()).not.toMatch(agents[index]!);
  for (const id of ['moments', 'transcript-moment', 'transcript-pin'])
    expect(await byTestId(id).count(), id).toBe(0);
  expect(await byTestId('calibration-score-hint').textContent()).toContain(
    'the recording itself may still say it',
  );
}

/** Scores the session's interactions from the keyboard: [greeting, polite, knowledge] per interaction. */
async function scoreInTurn(who: ReviewerProfile, keys: string[][], shot?: string) {
  await actAs(who);
  await sessionPage();
  expect(await page.locator('[data-testid="calibration-mine"]').getAttribute('data-submitted')).toBe('false');
  // Blind: nothing of anyone else's answers is on the page, and the backend refuses the result.
  expect(await byTestId('calibration-results').count()).toBe(0);
  expect(await refusal('calibration.results', { id: sessionId })).toContain('not revealed yet');
  const { interactions } = await host.api<CalibrationSession>('calibration.get', { id: sessionId });
  await byTestId('calibration-score-open').first().click();
  for (const [index, answers] of keys.entries()) {
    const id = interactions[index]!.id;
    await page.locator(`[data-testid="calibration-score"][data-interaction-id="${id}"]`).waitFor();
    // The agent is hidden: the heading names the call by its place only.
    expect(await byTestId('calibration-score-title').textContent()).toBe(`Call ${index + 1}`);
    await expectBlindWorkspace(index);
    await byTestId('evaluation-item').first().focus();
    for (const key of answers) await page.keyboard.press(key);
    await page.locator('[data-testid="calibration-save-state"][data-save-state="saved"]').waitFor();
    if (shot && index === 0) await screenshot(page, shot);
    await byTestId('calibration-next').click();
  }
  await page.locator('[data-testid="calibration-session"][data-state="ready"]').waitFor();
  await byTestId('calibration-submit').click();
  await page.locator('[data-testid="calibration-mine"][data-submitted="true"]').waitFor();
}

beforeAll(async () => {
  host = await startHost(data.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await host.api('demo.load');
  for (const [key, name, role] of [
    ['hanna', 'Hanna Koch', 'qa_manager'],
    ['maria', 'Maria Lind', 'qa_supervisor'],
    ['olli', 'Olli Virtanen', 'qa_supervisor'],
    ['sanna', 'Sanna Mäki', 'qa_supervisor'],
  ] as const)
    people[key] = await host.api<ReviewerProfile>('profile.create', { name, role });
  await actAs(people.hanna);
  const rubric = await host.api<{ id: number }>('rubric.create', { name: 'Billing', language: 'en' });
  await host.api('rubric.publish', { id: rubric.id, draft: smallDraft() });
  rubricId = rubric.id;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
});

describe('a three-person blind calibration', () => {
  it('lets the QA manager set a session up from the library', async () => {
    await openHash('/');
    await byTestId('nav-calibration').click();
    await page.locator('[data-testid="calibration-list"][data-state="ready"]').waitFor();
    await byTestId('calibration-new-link').click();
    await page.locator('[data-testid="calibration-new"][data-state="ready"]').waitFor();
    await byTestId('calibration-name').fill('November calibration');
    await pickOption(byTestId('calibration-rubric'), 'Billing calls');
    for (const title of [/^Double charge on invoice/, /^Water damage claim/])
      await pickOption(byTestId('calibration-interactions'), title);
    await page.keyboard.press('Escape');
    for (const name of ['Maria Lind', 'Olli Virtanen', 'Sanna Mäki'])
      await pickOption(byTestId('calibration-participants-pick'), name);
    await page.keyboard.press('Escape');
    await pickOption(byTestId('calibration-expert'), 'Maria Lind');
    expect(await byTestId('calibration-hide-agent').isChecked()).toBe(true);
    await screenshot(page, 'calibration-01-new-en');
    await byTestId('calibration-create').click();
    await page.locator('[data-testid="calibration-session"][data-session-state="open"]').waitFor();
    sessionId = Number(page.url().match(/calibration\/(\d+)/)![1]);
    const session = await host.api<CalibrationSession>('calibration.get', { id: sessionId });
    expect(session.interactions).toHaveLength(2);
    expect(session.expert?.name).toBe('Maria Lind');
    expect(session.participants.map((p) => p.reviewer.name)).toEqual([
      'Maria Lind',
      'Olli Virtanen',
      'Sanna Mäki',
    ]);
    expect(await byTestId('calibration-reveal').isDisabled()).toBe(true);
    await screenshot(page, 'calibration-02-session-manager-en');
    // A moment the manager pins on the first call now is a library moment: no participant may see it
    // while scoring, as it could hint at an answer.
    await host.api('moment.create', {
      interactionId: session.interactions[0]!.id,
      turnSeq: 0,
      comment: 'No proper greeting here',
    });
  });

  it('has Maria, Olli and Sanna score in turn, each blind to the others', async () => {
    await scoreInTurn(
      people.maria,
      [
        ['y', 'y', '2'],
        ['y', 'y', '1'],
      ],
      'calibration-03-score-en',
    );
    await screenshot(page, 'calibration-04-session-participant-en');
    await scoreInTurn(people.olli, [
      ['y', 'y', '1'],
      ['n', 'y', '0'],
    ]);
    await scoreInTurn(people.sanna, [
      ['y', 'y', '2'],
      ['y', 'y', '2'],
    ]);
    // Scoring pinned nothing: the manager's moment is still the call's only one.
    const { interactions } = await host.api<CalibrationSession>('calibration.get', { id: sessionId });
    const moments = await host.api<unknown[]>('moment.list', { interactionId: interactions[0]!.id });
    expect(moments).toHaveLength(1);
    await openHash('/calibration');
    await byTestId('calibration-row').waitFor();
    await screenshot(page, 'calibration-05-list-en');
  });

  it('lets the manager reveal, and shows the agreement figures in plain words', async () => {
    await actAs(people.hanna);
    await sessionPage();
    expect(await byTestId('calibration-handed-in').textContent()).toBe(
      '3 of 3 have submitted their answers.',
    );
    await byTestId('calibration-reveal').click();
    await page.locator('[data-testid="calibration-results"][data-state="ready"]').waitFor();
    const results = await host.api<CalibrationResults>('calibration.results', { id: sessionId });
    expect(results.counted).toHaveLength(3);

    const overall = byTestId('overall-alpha');
    expect(await overall.getAttribute('data-value')).toBe(results.figures.alpha!.value.toFixed(3));
    expect(await overall.textContent()).toMatch(/^α-?\d\.\d\d: reviewers agree/);
    const knowledge = page.locator('[data-testid="calibration-criterion"][data-item-id="knowledge"]');
    expect(await knowledge.getByTestId('criterion-alpha').textContent()).toContain(
      '95\u00a0% of likely values',
    );
    expect(await knowledge.getByTestId('calibration-cell').first().getAttribute('data-distinct')).toBe('2');
    const polite = page.locator('[data-testid="calibration-criterion"][data-item-id="polite"]');
    expect(await polite.getByTestId('criterion-alpha').textContent()).toBe(
      'α1.00: reviewers agree well beyond chance',
    );
    // Against Maria, the expert: Olli gave fewer points, Sanna more.
    const lean = (name: string) =>
      page.locator(`[data-testid="calibration-deviation"][data-name="${name}"]`).getAttribute('data-lean');
    expect(await lean('Olli Virtanen')).toBe('strictest');
    expect(await lean('Sanna Mäki')).toBe('mostLenient');
    // Maria, the expert, is measured from the others' middle answer, and not ranked against them.
    const maria = page.locator('[data-testid="calibration-deviation"][data-name="Maria Lind"]');
    expect(await lean('Maria Lind')).toBe('');
    expect(await maria.getByTestId('calibration-expert-basis').textContent()).toBe(
      "measured from the other reviewers' middle answer",
    );
    await screenshot(page, 'calibration-06-results-en');

    // The group talks the second call's knowledge over and agrees on 2 (Maria, the expert, said 1).
    await knowledge.getByTestId('calibration-agree').nth(1).click();
    await page.getByRole('option', { name: '2', exact: true }).click();
    await expect
      .poll(async () => {
        const agreed = await host.api<CalibrationResults>('calibration.results', { id: sessionId });
        const criterion = agreed.figures.criteria.find((c) => c.itemId === 'knowledge')!;
        return criterion.cells[1]!.agreed;
      })
      .toEqual({ kind: 'scale', value: 2 });
    // The page shows it once its results are read again after the save, so wait for that too.
    await expect.poll(() => knowledge.getByTestId('calibration-agree').nth(1).inputValue()).toBe('2');
    // There Maria too is measured from the agreed answer.
    await expect
      .poll(() => maria.getByTestId('calibration-expert-basis').textContent())
      .toBe("5 of 6 answers measured from the others' middle answer, the rest from agreed answers");
  });

  for (const [language, name] of [
    ['de', 'Deutsch'],
    ['fi', 'Suomi'],
  ] as const) {
    it(`shows the calibration screens in ${name}`, async () => {
      await actAs(people.hanna);
      await openHash('/settings');
      await byTestId('settings-language').click();
      await page.getByRole('option', { name }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
      await sessionPage();
      await page.locator('[data-testid="calibration-results"][data-state="ready"]').waitFor();
      await screenshot(page, `calibration-06-results-${language}`);
      // A second, open session on the same calls, for the screens before the reveal.
      const first = await host.api<CalibrationSession>('calibration.get', { id: sessionId });
      const open = await host.api<CalibrationSession>('calibration.create', {
        name: language === 'de' ? 'Kalibrierung Dezember' : 'Joulukuun kalibrointi',
        rubricId,
        interactionIds: first.interactions.map((interaction) => interaction.id),
        participantIds: [people.maria.id, people.olli.id],
        hideAgent: true,
      });
      await sessionPage(open.id);
      await screenshot(page, `calibration-02-session-manager-${language}`);
      await openHash('/calibration/new');
      await page.locator('[data-testid="calibration-new"][data-state="ready"]').waitFor();
      await screenshot(page, `calibration-01-new-${language}`);
      await actAs(people.maria);
      await openHash('/calibration');
      await byTestId('calibration-row').first().waitFor();
      await screenshot(page, `calibration-05-list-${language}`);
      await sessionPage(open.id);
      await screenshot(page, `calibration-04-session-participant-${language}`);
      await byTestId('calibration-score-open').first().click();
      await page.locator('[data-testid="calibration-score"][data-state="ready"]').waitFor();
      await byTestId('transcript-segment').first().waitFor();
      expect(await byTestId('transcript-pin').count()).toBe(0);
      await screenshot(page, `calibration-03-score-${language}`);
    });
  }
});
