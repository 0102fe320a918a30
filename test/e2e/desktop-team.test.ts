import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamConnection, type TeamConnection } from '../../electron/main/team-connection';
import { checkTeamServer } from '../../electron/main/team-server-check';
import type { DesktopTeamBridge } from '../../shared/desktop/team-server';
import { tempDir } from '../support/paths';
import { launchChromium, screenshot, screenshotDir, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

/**
 * Settings → Team server, in the browser host and as the desktop app shows it. Electron cannot run on
 * this machine, so the desktop window is the browser host's page with `window.earmarkDesktop` put in
 * place of the preload: each of its calls goes (Playwright's exposeFunction instead of IPC) to main's
 * real team-connection and certificate check, in this process, against a real self-signed HTTPS server.
 */
let host: RunningHost;
let browser: Browser;
let selfSigned: Server;
let selfSignedAddress: string;
const data = tempDir('earmark-e2e-desktop-team-');
const desktopData = tempDir('earmark-e2e-desktop-settings-');

beforeAll(async () => {
  host = await startHost(data.dir);
  browser = await launchChromium();
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-keyout', join(desktopData.dir, 'k.pem'), '-out', join(desktopData.dir, 'c.pem'), '-days', '2'],
      ...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
    ],
    { stdio: 'ignore' },
  );
  selfSigned = createServer(
    { cert: readFileSync(join(desktopData.dir, 'c.pem')), key: readFileSync(join(desktopData.dir, 'k.pem')) },
    (_req, res) => res.end('{}'),
  );
  await new Promise<void>((resolve) => selfSigned.listen(0, '127.0.0.1', resolve));
  selfSignedAddress = `https://127.0.0.1:${(selfSigned.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await new Promise<void>((resolve) => (selfSigned ? selfSigned.close(() => resolve()) : resolve()));
  data.cleanup();
  desktopData.cleanup();
});

/** A page of the browser host; with `desktopWindow`, as the desktop app's window of that kind. */
async function openSettings(desktopWindow?: 'workstation' | 'team') {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const shown: string[] = [];
  const connection: TeamConnection = teamConnection({
    dataDir: desktopData.dir,
    check: (address) => checkTeamServer(address, { timeoutMs: 5000 }),
    openTeam: (origin) => shown.push(origin),
    openLocal: () => shown.push('local'),
    forgetTeamSession: () => Promise.resolve(),
  });
  let disconnects = 0;
  if (desktopWindow) {
    await page.exposeFunction('earmarkDesktopMain', (op: string, address?: string) => {
      if (op === 'check') return connection.check(address!);
      if (op === 'connect') return connection.connect(address!);
      if (op === 'disconnect') return ((disconnects += 1), connection.disconnect());
      return connection.status();
    });
    await page.addInitScript((kind) => {
      const main = (window as unknown as { earmarkDesktopMain: (op: string, a?: string) => Promise<never> })
        .earmarkDesktopMain;
      const bridge: DesktopTeamBridge = {
        window: kind,
        status: () => main('status'),
        check: (address) => main('check', address),
        connect: (address) => main('connect', address),
        disconnect: () => main('disconnect'),
      };
      (window as unknown as { earmarkDesktop: DesktopTeamBridge }).earmarkDesktop = bridge;
    }, desktopWindow);
  }
  await page.goto(host.url);
  await waitForReady(page);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings').waitFor();
  return { page, shown, disconnects: () => disconnects };
}

async function inLanguage(page: Page, name: 'English' | 'Deutsch' | 'Suomi', navWord: string) {
  await page.getByTestId('settings-language').click();
  await page.getByRole('option', { name }).click();
  await expect.poll(() => page.getByTestId('nav-settings').textContent()).toContain(navWord);
}

const LANGUAGES = [
  ['en', 'English', 'Settings'],
  ['de', 'Deutsch', 'Einstellungen'],
  ['fi', 'Suomi', 'Asetukset'],
] as const;

async function cardIn(page: Page, name: string) {
  const card = page.getByTestId('team-server-card');
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

describe('Settings → Team server', () => {
  it('in the browser host, says that joining a team server is done in the desktop app', async () => {
    const { page } = await openSettings();
    try {
      const card = page.getByTestId('team-server-card');
      expect(await card.getAttribute('data-mode')).toBe('browser');
      expect(await card.textContent()).toContain('desktop app');
      await screenshot(page, 'desktop-team-00-settings-browser-en');
      for (const [code, name, word] of LANGUAGES) {
        await inLanguage(page, name, word);
        await cardIn(page, `desktop-team-01-browser-${code}`);
      }
      expect(await card.textContent()).toContain('työpöytäsovelluksessa');
    } finally {
      await inLanguage(page, 'English', 'Settings');
      await page.close();
    }
  });

  it('in the desktop window, refuses a self-signed server and plain http, explaining why, and connects to nothing', async () => {
    const { page, shown } = await openSettings('workstation');
    try {
      const card = page.getByTestId('team-server-card');
      expect(await card.getAttribute('data-mode')).toBe('workstation');
      await page.getByTestId('team-server-address').fill('http://earmark.example');
      await page.getByTestId('team-server-check').click();
      const problem = page.getByTestId('team-server-problem');
      await expect.poll(() => problem.getAttribute('data-problem')).toBe('plain_http');

      await page.getByTestId('team-server-address').fill(selfSignedAddress);
      await page.getByTestId('team-server-connect').click();
      await expect.poll(() => problem.getAttribute('data-problem')).toBe('self_signed');
      expect(await problem.textContent()).toContain('self-signed');
      expect(await problem.textContent()).toContain(selfSignedAddress);
      expect(shown).toEqual([]);
      for (const [code, name, word] of LANGUAGES) {
        await inLanguage(page, name, word);
        await cardIn(page, `desktop-team-02-self-signed-${code}`);
      }
      expect(await problem.textContent()).toContain('itse allekirjoitettu');
    } finally {
      await inLanguage(page, 'English', 'Settings');
      await page.close();
    }
  });

  it("in a team server's window, disconnects (after logging out) back to this computer", async () => {
    const { page, disconnects } = await openSettings('team');
    try {
      const card = page.getByTestId('team-server-card');
      expect(await card.getAttribute('data-mode')).toBe('team');
      for (const [code, name, word] of LANGUAGES) {
        await inLanguage(page, name, word);
        await cardIn(page, `desktop-team-03-connected-${code}`);
      }
      await inLanguage(page, 'English', 'Settings');
      await page.getByTestId('team-server-disconnect').click();
      await expect.poll(disconnects).toBe(1);
    } finally {
      await page.close();
    }
  });
});
