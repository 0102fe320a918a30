/**
 * `npm run bench`: prints each figure as it is measured and, as the last line, one JSON object with
 * all of them. `--quick` uses fewer repetitions for a fast look; the default run is the full one.
 */
import { launchChromium } from '../e2e/support/browser';
import { benchApiRoundtrip } from './api-roundtrip';
import { benchColdStart } from './cold-start';
import { benchLibrary } from './library';

const quick = process.argv.includes('--quick');

async function main() {
  const results: Record<string, number | string | null> = { mode: quick ? 'quick' : 'full' };
  const report = (figures: Record<string, number | string | null>) => {
    for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(32)} ${value}`);
    Object.assign(results, figures);
  };

  const browser = await launchChromium();
  try {
    report(await benchColdStart(browser, quick ? 2 : 7));
  } finally {
    await browser.close();
  }
  report(await benchApiRoundtrip(quick ? 100 : 1000));
  report(await benchLibrary(quick));
  console.log(JSON.stringify(results));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
