import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../../support/paths';

/** Debian's Chromium; `npx playwright install` cannot work on our machines. */
export const CHROMIUM = process.env.EARMARK_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
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
