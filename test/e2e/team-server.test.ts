import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcesDir } from '../support/paths';
import { launchChromium, screenshot, waitForReady } from './support/browser';
import { startTeam, type RunningTeam } from './support/team-host';

/**
 * The built `earmark serve --team` in Chromium: no token in the address, the login's cookie is the
 * only credential. The page's own calls pass the Origin check, the live events reach it after the
 * login, and a recording plays from its plain same-origin address.
 */
const manifest = JSON.parse(readFileSync(join(resourcesDir, 'demo', 'manifest.json'), 'utf8')) as {
  calls: { title: string; durationMs: number }[];
  chats: unknown[];
};
const PASSWORD = 'a long enough password';
let team: RunningTeam;
let origin: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  team = await startTeam({ username: 'ada', name: 'Ada Admin', password: PASSWORD });
  const sam = ['--username', 'sam', '--name', 'Sam Supervisor', '--role', 'qa_supervisor'];
  await team.earmark(
    ['team', 'user', 'add', '--database', team.databaseUrl, ...sam, '--password-stdin'],
    `${PASSWORD}\n`,
  );
  origin = new URL(team.url).origin;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await team?.stop();
});

/** A script's login beside the browser's (its own session), for calls the test makes itself. */
async function scriptSession(
  username: string,
): Promise<(method: string, params?: unknown) => Promise<unknown>> {
  const post = (method: string, params: unknown, cookie?: string) =>
    fetch(`${origin}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin, ...(cookie ? { Cookie: cookie } : {}) },
      body: JSON.stringify(params),
    });
  const login = await post('session.login', { username, password: PASSWORD });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return async (method, params = {}) => {
    const reply = (await (await post(method, params, cookie)).json()) as {
      ok: boolean;
      value?: unknown;
      error?: unknown;
    };
    if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
    return reply.value;
  };
}

describe('Earmark on a team server, in the browser', () => {
  it('opens at the login screen, with no token in the address', async () => {
    await page.goto(`${origin}/`);
    await page.locator('[data-app-state="login"]').waitFor();
    await screenshot(page, 'team-server-01-login');
  });

  it('logs in by the cookie alone, which page scripts cannot read', async () => {
    await page.getByTestId('login-username').fill('sam');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await waitForReady(page);
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ name: 'earmark_session', httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await screenshot(page, 'team-server-02-logged-in');
  });

  it('hears the library change made from elsewhere (the event stream opened after the login)', async () => {
    expect(await page.getByTestId('library-row').count()).toBe(0);
    const admin = await scriptSession('ada');
    await admin('demo.load');
    // No reload: only library.changed over the stream brings the rows.
    await expect
      .poll(() => page.getByTestId('library-row').count(), { timeout: 30_000 })
      .toBe(manifest.calls.length + manifest.chats.length);
    await screenshot(page, 'team-server-03-library');
  });

  it('plays a call from its same-origin address', async () => {
    const call = manifest.calls[0]!;
    await page.getByRole('link', { name: call.title }).click();
    await page.locator('[data-testid="player"][data-state="ready"]').waitFor();
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLAudioElement>('[data-testid="player-audio"]');
      return el !== null && el.readyState >= 1;
    });
    const audio = await page
      .locator('[data-testid="player-audio"]')
      .evaluate((el: HTMLAudioElement) => ({ src: el.currentSrc, duration: el.duration }));
    expect(audio.src).toMatch(new RegExp(`^${origin}/media/recording/\\d+$`));
    expect(audio.duration).toBeCloseTo(call.durationMs / 1000, 1);
    await screenshot(page, 'team-server-04-call');
  });
});
