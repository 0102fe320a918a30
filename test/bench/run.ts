/**
 * `npm run bench`: prints each figure as it is measured and, as the last line, one JSON object with
 * all of them. Every figure comes with its baseline measured in the same run (a bare server, a plain
 * read, ffmpeg's decode, the naive player path) so the ratios hold on any machine.
 * `--quick` uses smaller sizes and fewer repetitions for a fast look; the default run is the full one.
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../e2e/support/browser';
import { benchApiRoundtrip } from './api-roundtrip';
import { benchCoaching } from './coaching';
import { benchColdStart } from './cold-start';
import { benchAutosave } from './evaluations';
import { benchImportPlan } from './import-plan';
import { benchLibrary } from './library';
import { benchPeaks } from './peaks';
import { benchReview } from './review';

type Figures = Record<string, number | string | null>;
const quick = process.argv.includes('--quick');

async function main() {
  const results: Figures = { mode: quick ? 'quick' : 'full' };
  /** Runs one benchmark; a failure is reported under `<name>_error` and the others still run. */
  const section = async (name: string, run: () => Promise<Figures>) => {
    const started = performance.now();
    try {
      const figures = await run();
      for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(36)} ${value}`);
      Object.assign(results, figures);
    } catch (error) {
      console.error(`${name} failed:`, error);
      results[`${name}_error`] = error instanceof Error ? error.message : String(error);
    }
    console.log(`  (${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  };

  const browser: Browser = await launchChromium();
  try {
    await section('cold_start', () => benchColdStart(browser, quick ? 2 : 7));
    await section('review', () => benchReview(browser, quick));
  } finally {
    await browser.close();
  }
  await section('api', () => benchApiRoundtrip(quick ? 100 : 1000));
  await section('autosave', () => benchAutosave(quick));
  await section('peaks', () => benchPeaks(quick));
  await section('library', () => benchLibrary(quick));
  await section('coaching', () => benchCoaching(quick));
  await section('import_plan', () => benchImportPlan(quick));
  console.log(JSON.stringify(results));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
