import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../electron/backend/db/postgres/database';
import { createAccount } from '../../electron/backend/services/accounts/accounts';
import { hashPassword } from '../../electron/backend/services/accounts/password-hash';
import { CHEAP } from '../integration/accounts/team-fixture';
import { repoRoot, resourcesDir, tempDir } from '../support/paths';
import { createDatabase, startPostgresCluster, type PostgresCluster } from '../support/postgres';
import { launchChromium, screenshot, waitForReady } from './support/browser';

/**
 * The built `earmark serve --team` in Chromium: no token in the address, the login's cookie is the
 * only credential. The page's own calls pass the Origin check, the live events reach it after the
 * login, and a recording plays from its plain same-origin address.
 */
const cli = join(repoRoot, 'out', 'main', 'cli.js');
const manifest = JSON.parse(readFileSync(join(resourcesDir, 'demo', 'manifest.json'), 'utf8')) as {
  calls: { title: string; durationMs: number }[];
  chats: unknown[];
};
const PASSWORD = 'a long enough password';
const data = tempDir('earmark-e2e-team-');
let cluster: PostgresCluster;
let server: ChildProcess;
let origin: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(cli))
    throw new Error(`${cli} is missing: run \`npm run build\` before the end-to-end tests.`);
  cluster = await startPostgresCluster();
  const url = await createDatabase(cluster.adminUrl);
  const database = await openPostgres(url);
  try {
    // As `team init` and `team user add` would (at the tests' cheap cost: the first login rehashes).
    await createAccount(
      database,
      { username: 'ada', name: 'Ada Admin', role: 'admin' },
      await hashPassword(PASSWORD, CHEAP),
    );
    await createAccount(
      database,
      { username: 'sam', name: 'Sam Supervisor', role: 'qa_supervisor' },
      await hashPassword(PASSWORD, CHEAP),
    );
  } finally {
    await database.close();
  }
  server = spawn(
    process.execPath,
    [cli, 'serve', '--team', '--database', url, '--listen', '127.0.0.1:0', '--data', data.dir, '--json'],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdout! }).once('line', resolve);
    server.once('exit', (code) => reject(new Error(`serve --team exited with ${code}: ${stderr}`)));
  });
  origin = new URL((JSON.parse(line) as { url: string }).url).origin;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await cluster?.stop();
  data.cleanup();
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
