import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCalls } from '../support/library-fixture';
import { repoRoot, tempDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

/**
 * Calls imported without a manifest have no agent. A QA supervisor gives one call its details on its
 * page, and a batch of calls their agent from the library, and then finds the agents on the Agents page.
 */
let host: RunningHost;
let browser: Browser;
let page: Page;
const data = tempDir('earmark-e2e-details-');
const folder = tempDir('earmark-e2e-details-calls-');

beforeAll(async () => {
  writeCalls(folder.dir, ['call-01', 'call-02', 'call-03', 'call-04', 'call-05']);
  // Imported as a script would, before the app starts: no manifest, so no agents.
  const imported = spawnSync(
    process.execPath,
    [join(repoRoot, 'out', 'main', 'cli.js'), 'import', folder.dir, '--data', data.dir, '--json'],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  expect(imported.status, imported.stderr).toBe(0);
  host = await startHost(data.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(host.url);
  await waitForReady(page);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  data.cleanup();
  folder.cleanup();
});

const row = (title: string) => page.getByTestId('library-row').filter({ hasText: title });
const toLibrary = async () => {
  await page.getByTestId('nav-library').click();
  await page.locator('[data-testid="library"][data-state="ready"]').waitFor();
  await page.getByTestId('library-row').first().waitFor();
};
const setLanguage = async (name: string) => {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-language').click();
  await page.getByRole('option', { name }).click();
};

describe("an imported call's details, on its page", () => {
  it('refuses a team without an agent and an empty title, naming the field', async () => {
    await toLibrary();
    expect(await page.getByTestId('library-row').count()).toBe(5);
    await row('call 01').getByTestId('library-open').click();
    await page.locator('[data-testid="interaction"][data-state="ready"]').waitFor();
    expect(await page.getByTestId('interaction-details').textContent()).toMatch(/^– · – · –/);

    await page.getByTestId('edit-details').click();
    await page.getByTestId('details-form').waitFor();
    await page.getByTestId('details-title').fill('');
    await page.getByTestId('details-team').fill('Werkstatt');
    await page.getByTestId('details-save').click();
    const form = page.getByTestId('details-form');
    await expect.poll(() => form.textContent()).toContain('Enter a title.');
    expect(await form.textContent()).toContain("A team belongs to an agent: enter the agent's name too.");
    expect(await page.getByTestId('details-title').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('details-agent').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'details-01-edit-form-errors');
  });

  it('saves agent, team, start time, direction, queue and customer reference, and the page shows them', async () => {
    await page.getByTestId('details-title').fill('Brake noise after repair');
    await page.getByTestId('details-agent').fill('Lena Vogel');
    // A day without its time is not saved as "no start time".
    await page.getByTestId('details-started-day').fill('Nov 12, 2026');
    await page.getByTestId('details-save').click();
    await expect
      .poll(() => page.getByTestId('details-form').textContent())
      .toContain('Enter a complete date and time, or clear the field.');
    await page.getByTestId('details-started-hours').fill('09');
    await page.getByTestId('details-started-minutes').fill('30');
    await page.getByTestId('details-started-ampm').selectOption('AM');
    await page.getByTestId('details-direction').getByText('Inbound').click();
    await page.getByTestId('details-queue').fill('Complaints');
    await page.getByTestId('details-customer-ref').fill('K-881');
    await screenshot(page, 'details-02-edit-form-en');
    await page.getByTestId('details-save').click();
    await page.getByTestId('details-form').waitFor({ state: 'detached' });

    await expect
      .poll(() => page.getByTestId('interaction-details').textContent())
      .toMatch(/^Lena Vogel · Werkstatt · .*2026.* · Inbound · Complaints · Customer K-881$/);
    expect(await page.getByTestId('interaction-title').textContent()).toBe('Brake noise after repair');
    await screenshot(page, 'details-06-interaction-after-edit');
  });
});

describe('assigning an agent to many calls from the library', () => {
  it('selects a range with shift-click and refuses to assign nobody', async () => {
    await toLibrary();
    expect(await row('Brake noise after repair').textContent()).toContain('Lena Vogel');
    await row('call 02').getByTestId('library-select').click();
    await row('call 04')
      .getByTestId('library-select')
      .click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('3 selected');
    expect(await page.locator('[data-testid="library-row"][data-selected="true"]').count()).toBe(3);

    await page.getByTestId('bulk-assign').click();
    await expect.poll(() => page.getByTestId('bulk-bar').textContent()).toContain("Enter the agent's name.");
    expect(await page.getByTestId('bulk-bar').getByTestId('details-agent').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await screenshot(page, 'details-04-bulk-bar-error');
  });

  it('gives all of them the agent and team in one go and says how many changed', async () => {
    await page.getByTestId('bulk-bar').getByTestId('details-agent').fill('Jonas Keller');
    await page.getByTestId('bulk-bar').getByTestId('details-team').fill('Technik');
    await page.keyboard.press('Escape');
    await screenshot(page, 'details-03-bulk-bar-en');
    await page.getByTestId('bulk-assign').click();

    await expect
      .poll(() => page.getByTestId('bulk-result').textContent())
      .toBe('3 of 3 interactions changed: now handled by Jonas Keller.');
    expect(await page.getByTestId('bulk-bar').count()).toBe(0);
    for (const title of ['call 02', 'call 03', 'call 04'])
      await expect.poll(() => row(title).textContent()).toContain('Jonas KellerTechnik');
    expect(await row('call 05').textContent()).not.toContain('Jonas Keller');
    await screenshot(page, 'details-05-bulk-done');
  });

  it('picks a known agent, whose team comes along, for the calls chosen with "select all"', async () => {
    await page.getByTestId('library-select-all').click();
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('5 selected');
    await row('call 02').getByTestId('library-select').click();
    await row('call 03').getByTestId('library-select').click();
    await row('call 04').getByTestId('library-select').click();
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('2 selected');

    const bar = page.getByTestId('bulk-bar');
    await bar.getByTestId('details-agent').fill('Lena');
    await page.getByRole('option', { name: 'Lena Vogel' }).click();
    expect(await bar.getByTestId('details-team').inputValue()).toBe('Werkstatt');
    await page.getByTestId('bulk-assign').click();
    await expect
      .poll(() => page.getByTestId('bulk-result').textContent())
      .toBe('1 of 2 interactions changed: now handled by Lena Vogel.');
  });

  it('shows both agents, with their calls, on the Agents page', async () => {
    await page.getByTestId('nav-agents').click();
    await page.locator('[data-testid="agents"][data-state="ready"]').waitFor();
    const agents = await page.getByTestId('agent-row').allTextContents();
    expect(agents).toHaveLength(2);
    expect(agents[0]).toMatch(/^Jonas KellerTechnik0.*3/);
    expect(agents[1]).toMatch(/^Lena VogelWerkstatt0.*2/);
    await page.getByTestId('agent-row').filter({ hasText: 'Jonas Keller' }).getByTestId('agent-open').click();
    await page.waitForURL(/#\/agents\/\d+/);
  });
});

describe('in German and Finnish', () => {
  for (const [language, edit, selected, assign] of [
    ['Deutsch', 'Details bearbeiten', '2 ausgewählt', 'Agent / Team zuweisen'],
    ['Suomi', 'Muokkaa tietoja', '2 valittu', 'Määritä agentti / tiimi'],
  ] as const) {
    it(`edits details and assigns agents in ${language}`, async () => {
      await setLanguage(language);
      await toLibrary();
      await row('call 05').getByTestId('library-select').click();
      await row('call 03').getByTestId('library-select').click();
      await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe(selected);
      expect(await page.getByTestId('bulk-assign').textContent()).toBe(assign);
      await screenshot(page, `details-03-bulk-bar-${language.toLowerCase()}`);
      await page.getByTestId('bulk-clear').click();
      expect(await page.getByTestId('bulk-bar').count()).toBe(0);

      await row('Brake noise after repair').getByTestId('library-open').click();
      await page.locator('[data-testid="interaction"][data-state="ready"]').waitFor();
      expect(await page.getByTestId('edit-details').textContent()).toBe(edit);
      await page.getByTestId('edit-details').click();
      await page.getByTestId('details-form').waitFor();
      expect(await page.getByTestId('details-agent').inputValue()).toBe('Lena Vogel');
      await screenshot(page, `details-02-edit-form-${language.toLowerCase()}`);
      await page.getByTestId('details-cancel').click();
      await page.getByTestId('details-form').waitFor({ state: 'detached' });
    });
  }

  it('back in English', async () => {
    await setLanguage('English');
  });
});

describe('a manifest imported after its recordings', () => {
  for (const [language, rows, counts] of [
    ['English', '1 row of the manifest names a recording', '1 updated'],
    ['Deutsch', '1 Zeile des Manifests nennt eine Aufnahme', '1 aktualisiert'],
    ['Suomi', 'Luettelon 1 rivi nimeää tallenteen', '1 päivitetty'],
  ] as const) {
    it(`updates the details of a call already there and says so (${language})`, async () => {
      await setLanguage(language);
      const manifest = join(folder.dir, `queues-${language}.csv`);
      writeFileSync(manifest, `file,queue\ncall-05.wav,Hotline ${language}\n`);
      await page.getByTestId('nav-import').click();
      await page.getByTestId('import-paths').fill(manifest);
      await page.getByTestId('import-preview').click();
      await page.getByTestId('import-plan').waitFor();
      expect(await page.getByTestId('plan-detail-updates').textContent()).toContain(rows);
      await screenshot(page, `details-07-import-plan-${language.toLowerCase()}`);
      await page.getByTestId('import-start').click();
      await page.locator('[data-testid="import-progress"][data-state="done"]').waitFor();
      expect(await page.getByTestId('import-counts').textContent()).toContain(counts);
      await screenshot(page, `details-08-import-done-${language.toLowerCase()}`);

      await toLibrary();
      await row('call 05').getByTestId('library-open').click();
      await expect
        .poll(() => page.getByTestId('interaction-details').textContent())
        .toContain(`Hotline ${language}`);
    });
  }
  it('back in English', async () => {
    await setLanguage('English');
  });
});
