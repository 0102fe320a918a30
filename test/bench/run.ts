/**
 * `npm run bench`: prints each figure as it is measured and, as the last line, one JSON object with
 * all of them. Every figure comes with its baseline measured in the same run (a bare server, a plain
 * read, ffmpeg's decode, the naive player path) so the ratios hold on any machine.
 * `--quick` uses smaller sizes and fewer repetitions for a fast look; the default run is the full one.
 * `--only peaks,library` runs just those sections (names as printed after each section).
 * The run ends with the speed targets (./targets.ts): each figure beside its target, `pass` or `miss`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { BUILT_WORKERS_ENV } from '../../electron/backend/workers/location';
import { launchChromium } from '../e2e/support/browser';
import { repoRoot } from '../support/paths';
import { benchApiRoundtrip } from './api-roundtrip';
import { benchCoaching } from './coaching';
import { benchDataLayer } from './data-layer';
import { benchColdStart } from './cold-start';
import { benchEvaluationStart } from './evaluation-start';
import { benchAutosave } from './evaluations';
import { benchExports } from './exports';
import { benchImportPlan } from './import-plan';
import { benchPgImport } from './import-pg';
import { benchLibrary, benchPgSearch } from './library';
import { benchMysteryImport } from './mystery';
import { benchPeaks } from './peaks';
import { benchQueue } from './queue';
import { benchReview } from './review';
import { describeTargets } from './targets';
import { benchTeamHost } from './team-host';
import { benchTeamLoad } from './team-load';
import { benchTeamWork } from './team-work';

type Figures = Record<string, number | string | null>;
const quick = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? new Set((process.argv[onlyAt + 1] ?? '').split(',')) : null;
const wanted = (name: string) => only === null || only.has(name);

/**
 * Import and analysis workers run from the build, as in the app: from source each worker start would
 * include tsx compiling its modules, a cost no user ever pays (`npm run bench` builds first).
 */
function useBuiltWorkers(): 'built' | 'source' {
  const built = join(repoRoot, 'out', 'main');
  if (!existsSync(join(built, 'import.worker.js')) || !existsSync(join(built, 'analyze.worker.js'))) {
    console.warn('No build in out/main: workers run from source (run `npm run build` first).');
    return 'source';
  }
  process.env[BUILT_WORKERS_ENV] = built;
  return 'built';
}

async function main() {
  const results: Figures = { mode: quick ? 'quick' : 'full', workers: useBuiltWorkers() };
  /** Runs one benchmark; a failure is reported under `<name>_error` and the others still run. */
  const section = async (name: string, run: () => Promise<Figures>) => {
    if (!wanted(name)) return;
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

  if (wanted('cold_start') || wanted('review')) {
    const browser: Browser = await launchChromium();
    try {
      await section('cold_start', () => benchColdStart(browser, quick ? 2 : 7));
      await section('review', () => benchReview(browser, quick));
    } finally {
      await browser.close();
    }
  }
  await section('api', () => benchApiRoundtrip(quick ? 100 : 1000));
  await section('autosave', () => benchAutosave(quick));
  await section('evaluation_start', () => benchEvaluationStart(quick));
  await section('peaks', () => benchPeaks(quick));
  await section('library', () => benchLibrary(quick));
  await section('pg_search', () => benchPgSearch(quick));
  await section('pg_import', () => benchPgImport(quick));
  await section('coaching', () => benchCoaching(quick));
  await section('import_plan', () => benchImportPlan(quick));
  await section('mystery_import', () => benchMysteryImport(quick));
  await section('exports', () => benchExports(quick));
  await section('queue_draw', () => benchQueue(quick));
  await section('data_layer', () => benchDataLayer(quick));
  await section('team_work', () => benchTeamWork(quick));
  await section('team_host', () => benchTeamHost(quick));
  await section('team_load', () => benchTeamLoad(quick));
  const targets = describeTargets(results);
  console.log('speed targets:');
  for (const line of targets.lines) console.log(`  ${line}`);
  Object.assign(results, targets.verdicts);
  console.log(JSON.stringify(results));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
