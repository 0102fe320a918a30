import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startTeam, type RunningTeam } from './support/team-host';

/**
 * Team accounts in the browser, against the real team server on PostgreSQL: the login screen and its
 * refusals, an administrator creating a QA supervisor in the Users screen, her own login and password
 * change, and a login that ends mid-work (her password reset) coming back without losing her draft.
 */
const ADA = { username: 'ada', name: 'Ada Admin', password: 'ada admin password 1' };
const SARA = { username: 'sara', name: 'Sara Supervisor', password: 'sara first password' };
const SARA_NEW = 'sara second password';
const SARA_RESET = 'sara third password!';

let team: RunningTeam;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  team = await startTeam(ADA);
  // Another account from the CLI, as an administrator adds people before the Users screen exists.
  await team.earmark(
    [
      'team',
      'user',
      'add',
      '--database',
      team.databaseUrl,
      '--username',
      'tom',
      '--name',
      'Tom Lead',
      '--role',
      'team_lead',
      '--password-stdin',
    ],
    'tom lead password 1\n',
  );
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await team?.stop();
});

/** A fresh browser profile (its own cookies) in a language, at the team server. */
async function open(locale = 'en'): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 860 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(team.url);
  await page.locator('[data-app-state="login"]').waitFor();
  return page;
}

async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Waits until an open dialog has finished fading in, for a clean screenshot. */
const dialogShown = (page: Page) =>
  page.waitForFunction(() => {
    const content = document.querySelectorAll('.mantine-Modal-content');
    return content.length > 0 && [...content].every((c) => getComputedStyle(c).opacity === '1');
  });

/** Waits until every dialog has faded out and left. */
const dialogsGone = (page: Page) =>
  page.waitForFunction(() => document.querySelectorAll('.mantine-Modal-content').length === 0);

const pickOption = async (page: Page, testId: string, name: string | RegExp) => {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name }).click();
};

const userRow = (page: Page, username: string) =>
  page.locator(`[data-testid="user-row"][data-username="${username}"]`);

async function openUsers(page: Page): Promise<void> {
  await page.getByTestId('nav-users').click();
  await page.locator('[data-testid="users"][data-state="ready"]').waitFor();
  await userRow(page, ADA.username).waitFor();
}

describe('team accounts in the browser', () => {
  let admin: Page;

  it('opens on the login screen in the browser language and says a wrong password plainly', async () => {
    const words = {
      en: ['Log in', 'The username or password is wrong.'],
      de: ['Anmelden', 'Benutzername oder Passwort ist falsch.'],
      fi: ['Kirjaudu sisään', 'Käyttäjätunnus tai salasana on väärin.'],
    } as const;
    for (const [locale, [submit, wrong]] of Object.entries(words)) {
      const page = await open(locale);
      expect(await page.getByTestId('login-submit').textContent()).toBe(submit);
      // A workstation's profile picker has no place here.
      expect(await page.getByTestId('profile-switcher').count()).toBe(0);
      await screenshot(page, `team-login-${locale}`);
      await logIn(page, ADA.username, 'not the password');
      const error = page.locator('[data-testid="login-error"][data-problem="wrong"]');
      await error.waitFor();
      expect(await error.textContent()).toBe(wrong);
      // The password field is emptied for the next try; the username stays.
      expect(await page.getByTestId('login-password').inputValue()).toBe('');
      expect(await page.getByTestId('login-username').inputValue()).toBe(ADA.username);
      // The button's loader fades out after the answer: picture the screen once it is a button again.
      await page.locator('[data-testid="login-submit"]:not([data-loading])').waitFor();
      await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
      if (locale === 'en') await screenshot(page, 'team-login-wrong-en');
      await page.context().close();
    }
  });

  it('logs the administrator in: the header shows her name and role, and she has the Users screen', async () => {
    admin = await open('en');
    await logIn(admin, ADA.username, ADA.password);
    await waitForReady(admin);
    const menu = admin.getByTestId('account-menu');
    expect(await menu.getAttribute('data-username')).toBe(ADA.username);
    expect(await menu.textContent()).toContain('Ada Admin');
    expect(await menu.textContent()).toContain('Administrator');
    await openUsers(admin);
    expect(await userRow(admin, 'tom').getAttribute('data-role')).toBe('team_lead');
    expect(await userRow(admin, 'tom').textContent()).toContain('Tom Lead');
  });

  it('creates a QA supervisor in the Users screen', async () => {
    await admin.getByTestId('users-new').click();
    await admin.getByTestId('account-username').fill(SARA.username);
    await admin.getByTestId('account-name').fill(SARA.name);
    await pickOption(admin, 'account-role', 'Team lead');
    // A team lead gets a choice of teams (none yet on a new server); a QA supervisor does not.
    await admin.getByTestId('account-teams').waitFor();
    await pickOption(admin, 'account-role', 'QA supervisor');
    expect(await admin.getByTestId('account-teams').count()).toBe(0);
    await admin.getByTestId('account-password').fill('short');
    await admin.getByTestId('account-password-repeat').fill('short');
    await admin.getByTestId('account-save').click();
    await admin.getByText('The password needs at least 12 characters.').waitFor();
    await admin.getByTestId('account-password').fill(SARA.password);
    await admin.getByTestId('account-password-repeat').fill(SARA.password);
    await dialogShown(admin);
    await screenshot(admin, 'team-users-create-en');
    await admin.getByTestId('account-save').click();
    await userRow(admin, SARA.username).waitFor();
    expect(await userRow(admin, SARA.username).getAttribute('data-role')).toBe('qa_supervisor');
    await dialogsGone(admin);
    await screenshot(admin, 'team-users-en');
  });

  it("refuses a second account of the same username with the server's message", async () => {
    await admin.getByTestId('users-new').click();
    await admin.getByTestId('account-username').fill(SARA.username);
    await admin.getByTestId('account-name').fill('Another Sara');
    await admin.getByTestId('account-password').fill(SARA.password);
    await admin.getByTestId('account-password-repeat').fill(SARA.password);
    await admin.getByTestId('account-save').click();
    const error = admin.getByTestId('account-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('there is already an account with the username "sara"');
    await admin.keyboard.press('Escape');
    await admin.getByTestId('account-username').waitFor({ state: 'detached' });
  });

  it('warns before a password reset that private notes cannot be recovered', async () => {
    await userRow(admin, SARA.username).getByTestId('user-actions').click();
    await admin.getByTestId('user-reset').click();
    const warning = admin.getByTestId('reset-notes-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('After a reset nobody can open them again');
    await dialogShown(admin);
    await screenshot(admin, 'team-users-reset-en');
    await admin.getByTestId('reset-cancel').click();
    await admin.getByTestId('reset-notes-warning').waitFor({ state: 'detached' });
  });

  it('shows the Users screen and its dialogs in German and Finnish', async () => {
    for (const locale of ['de', 'fi']) {
      const page = await open(locale);
      await logIn(page, ADA.username, ADA.password);
      await waitForReady(page);
      await openUsers(page);
      await screenshot(page, `team-users-${locale}`);
      await page.getByTestId('users-new').click();
      await page.getByTestId('account-username').waitFor();
      await dialogShown(page);
      await screenshot(page, `team-users-create-${locale}`);
      await page.keyboard.press('Escape');
      await page.getByTestId('account-username').waitFor({ state: 'detached' });
      await userRow(page, SARA.username).getByTestId('user-actions').click();
      await page.getByTestId('user-reset').click();
      await page.getByTestId('reset-notes-warning').waitFor();
      await dialogShown(page);
      await screenshot(page, `team-users-reset-${locale}`);
      await page.getByTestId('reset-cancel').click();
      await page.getByTestId('account-menu').click();
      await page.getByTestId('account-log-out').click();
      await page.locator('[data-app-state="login"]').waitFor();
      await page.context().close();
    }
  });

  it('logs out, logs in as the new QA supervisor, who has no Users screen, and changes her password', async () => {
    await admin.getByTestId('account-menu').click();
    await admin.getByTestId('account-log-out').click();
    await admin.locator('[data-app-state="login"]').waitFor();
    // The logout ended the session on the server: the app asks again after a reload.
    await admin.reload();
    await admin.locator('[data-app-state="login"]').waitFor();

    const sara = admin;
    await logIn(sara, SARA.username, 'not her password');
    await sara.locator('[data-testid="login-error"][data-problem="wrong"]').waitFor();
    await logIn(sara, SARA.username, SARA.password);
    await waitForReady(sara);
    const menu = sara.getByTestId('account-menu');
    expect(await menu.getAttribute('data-role')).toBe('qa_supervisor');
    expect(await menu.textContent()).toContain('QA supervisor');
    expect(await sara.getByTestId('nav-users').count()).toBe(0);
    expect(await sara.getByTestId('nav-library').count()).toBe(1);

    await menu.click();
    await sara.getByTestId('account-change-password').click();
    expect(await sara.getByTestId('change-password-sessions').textContent()).toContain(
      'logs you out everywhere else',
    );
    await sara.getByTestId('change-password-current').fill('not her password');
    await sara.getByTestId('change-password-new').fill(SARA_NEW);
    await sara.getByTestId('change-password-new-repeat').fill(SARA_NEW);
    await dialogShown(sara);
    await screenshot(sara, 'team-change-password-en');
    await sara.getByTestId('change-password-save').click();
    const refused = sara.getByTestId('change-password-error');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('not your current password');
    await sara.getByTestId('change-password-current').fill(SARA.password);
    await sara.getByTestId('change-password-save').click();
    await sara.getByTestId('password-changed').waitFor();
    // She stays logged in here.
    await waitForReady(sara);

    await sara.getByTestId('account-menu').click();
    await sara.getByTestId('account-log-out').click();
    await sara.locator('[data-app-state="login"]').waitFor();
    await logIn(sara, SARA.username, SARA.password);
    await sara.locator('[data-testid="login-error"][data-problem="wrong"]').waitFor();
    await logIn(sara, SARA.username, SARA_NEW);
    await waitForReady(sara);
  });

  it('brings the login back over an open draft when her login ends, and keeps and saves what she typed', async () => {
    const sara = admin;
    await sara.getByTestId('nav-rubrics').click();
    await sara.locator('[data-testid="rubrics"][data-state="ready"]').waitFor();
    await sara.getByTestId('rubric-new').click();
    await sara.getByTestId('new-rubric-name').fill('Billing calls');
    await sara.getByTestId('new-rubric-create').click();
    await sara.locator('[data-testid="rubric-editor"][data-state="ready"]').waitFor();
    const where = sara.url();

    // An administrator elsewhere resets her password: every login of hers ends.
    const ada = await open('en');
    await logIn(ada, ADA.username, ADA.password);
    await waitForReady(ada);
    await openUsers(ada);
    await userRow(ada, SARA.username).getByTestId('user-actions').click();
    await ada.getByTestId('user-reset').click();
    await ada.getByTestId('reset-password').fill(SARA_RESET);
    await ada.getByTestId('reset-password-repeat').fill(SARA_RESET);
    await ada.getByTestId('reset-save').click();
    await ada.getByTestId('reset-notes-warning').waitFor({ state: 'detached' });

    // Her next keystrokes' save is refused: the login comes up over the editor, which stays as it is.
    await sara.getByTestId('rubric-name').fill('Billing calls, reviewed');
    const again = sara.getByTestId('login-again').getByTestId('login-form');
    await again.waitFor();
    expect(await sara.getByTestId('login-username').inputValue()).toBe(SARA.username);
    await dialogShown(sara);
    await screenshot(sara, 'team-login-again-en');
    await sara.getByTestId('login-password').fill(SARA_RESET);
    await sara.getByTestId('login-submit').click();
    await again.waitFor({ state: 'detached' });
    expect(sara.url()).toBe(where);
    expect(await sara.getByTestId('rubric-name').inputValue()).toBe('Billing calls, reviewed');
    await sara.locator('[data-testid="rubric-save-state"][data-save-state="saved"]').waitFor();
    await sara.reload();
    await waitForReady(sara);
    await sara.locator('[data-testid="rubric-editor"][data-state="ready"]').waitFor();
    expect(await sara.getByTestId('rubric-name').inputValue()).toBe('Billing calls, reviewed');
  });
});

describe('an agent account', () => {
  it('is linked to its agent record in the Users screen and sees only its own page', async () => {
    const ada = await open('en');
    await logIn(ada, ADA.username, ADA.password);
    await waitForReady(ada);
    // The demo brings agents to link to.
    await ada.getByTestId('demo-load').click();
    await ada.getByTestId('library-row').first().waitFor({ timeout: 60_000 });
    await openUsers(ada);
    await ada.getByTestId('users-new').click();
    await ada.getByTestId('account-username').fill('anna');
    await ada.getByTestId('account-name').fill('Anna B.');
    await pickOption(ada, 'account-role', 'Agent');
    await pickOption(ada, 'account-agent', /^Anna Berg/);
    await ada.getByTestId('account-password').fill('anna agent password');
    await ada.getByTestId('account-password-repeat').fill('anna agent password');
    await dialogShown(ada);
    await screenshot(ada, 'team-users-create-agent-en');
    await ada.getByTestId('account-save').click();
    await userRow(ada, 'anna').waitFor();
    expect(await userRow(ada, 'anna').getAttribute('data-role')).toBe('agent');
    expect(await userRow(ada, 'anna').textContent()).toContain('Anna Berg');

    const anna = await open('en');
    await logIn(anna, 'anna', 'anna agent password');
    await waitForReady(anna);
    // Her work opens on her own agent page; the navigation holds that page and the settings only.
    await anna.getByTestId('agent-name').waitFor();
    expect(await anna.getByTestId('agent-name').textContent()).toContain('Anna Berg');
    expect(anna.url()).toMatch(/#\/agents\/\d+$/);
    const nav = await anna
      .locator('[data-testid^="nav-"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('data-testid')));
    expect(nav).toEqual(['nav-own', 'nav-settings']);
    // No way from here to the other agents or to starting coaching.
    expect(await anna.getByText('All agents').count()).toBe(0);
    expect(await anna.getByTestId('agent-start-coaching').count()).toBe(0);
    // Nor sections the team server refuses her (coaching, mystery shops): no refusal on her page.
    expect(await anna.getByText(/may not/).count()).toBe(0);
    await screenshot(anna, 'team-agent-own-page-en');
  });
});
