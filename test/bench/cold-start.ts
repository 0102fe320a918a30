import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Browser } from 'playwright-core';
import { tempDir } from '../support/paths';
import { startHost } from '../e2e/support/host';
import { median, round } from './stats';

/**
 * serve_cold_start_ms: from spawning `earmark serve` on an empty data directory to the first
 * interactive screen in Chromium. Baseline, same run: a bare Node HTTP server serving a one-line page,
 * spawned and loaded the same way; the ratio is what Earmark's start adds over that floor.
 */
export async function benchColdStart(browser: Browser, runs: number) {
  const earmark: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < runs; i++) {
    const data = tempDir('earmark-bench-');
    const started = performance.now();
    const host = await startHost(data.dir);
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.locator('[data-app-state="ready"]').waitFor();
    earmark.push(performance.now() - started);
    await page.close();
    await host.stop();
    data.cleanup();

    const baseStart = performance.now();
    const { url, stop } = await startBareServer();
    const basePage = await browser.newPage();
    await basePage.goto(url);
    await basePage.locator('[data-app-state="ready"]').waitFor();
    baseline.push(performance.now() - baseStart);
    await basePage.close();
    await stop();
  }
  const serve = median(earmark);
  const base = median(baseline);
  return {
    serve_cold_start_ms: round(serve),
    baseline_bare_server_page_ms: round(base),
    serve_cold_start_ratio: round(serve / base, 2),
  };
}

const BARE_SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html' });
  res.end('<!doctype html><div data-app-state="ready">ready</div>');
});
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port + '/'));
`;

async function startBareServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['-e', BARE_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout! }).once('line', resolve),
  );
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
