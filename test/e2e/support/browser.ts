import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, resolveChromium } from '../../support/chromium';
import { repoRoot } from '../../support/paths';

export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

/**
 * Chromium for the tests and benchmarks: EARMARK_CHROMIUM, else Debian's, else the one from npm
 * (see test/support/chromium.ts for the order and EARMARK_CHROMIUM_SOURCE).
 */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, env } = await resolveChromium();
  return chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
    headless: true,
    ...(Object.keys(env).length > 0 && { env: { ...process.env, ...env } }),
  });
}

/**
 * Saves a full-page screenshot for a person to look at (test-results/ is git-ignored); `asShown`
 * keeps the window as it is, scrolled and sized, to show what a person sees there.
 */
export async function screenshot(page: Page, name: string, { asShown = false } = {}): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  if (asShown) return void (await page.screenshot({ path }));
  // A full-page capture of a scrolled page draws the fixed header mid-page; capture from the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true });
}

/** Waits for the app shell to report it is interactive. */
export async function waitForReady(page: Page): Promise<void> {
  await page.locator('[data-app-state="ready"]').waitFor();
}
