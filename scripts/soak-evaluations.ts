/**
 * Soak test for "never lose a review": SIGKILLs the backend at random moments while a draft is being
 * filled, hundreds of times, and checks after each kill that every acknowledged change is on disk and
 * the database is intact (see test/integration/evaluations/kill-harness.ts). npm test runs 60 kills;
 * this runs as many as asked:
 *
 *   npx tsx scripts/soak-evaluations.ts [kills=400] [--database postgres://…]
 *
 * With --database the backend keeps its data in that (empty, or earlier soak's) PostgreSQL database.
 * The kill times come from one seed, printed first; EARMARK_KILL_SEED=<seed> replays them.
 */
import { runKillSoak } from '../test/integration/evaluations/kill-harness';
import { tempDir } from '../test/support/paths';
import { seededRandom } from '../test/support/seeded-random';

const args = process.argv.slice(2);
const at = args.indexOf('--database');
const databaseUrl = at === -1 ? undefined : args.splice(at, 2)[1];
if (at !== -1 && !databaseUrl) throw new Error('--database needs a PostgreSQL URL');
const kills = Number(args[0] ?? 400);
if (!Number.isInteger(kills) || kills < 1)
  throw new Error(`kills must be a positive whole number, not ${args[0]}`);

const data = tempDir('earmark-evaluation-soak-');
try {
  const random = seededRandom('EARMARK_KILL_SEED');
  console.log(`kill times: ${random.replay}`);
  const report = await runKillSoak(data.dir, kills, random, (line) => console.log(line), databaseUrl);
  console.log(JSON.stringify({ ...report, failures: report.failures.slice(0, 20) }, null, 2));
  process.exitCode = report.failures.length === 0 ? 0 : 1;
} finally {
  data.cleanup();
}
