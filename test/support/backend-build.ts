import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './paths';

const backendDir = join(repoRoot, 'electron', 'backend');

/**
 * The backend's worker threads (import, analyze) and its CLI bundled from the current source, laid out as
 * the app's build lays them out (`cli.js` beside `<name>.worker.js`). From source, every worker start
 * and every CLI run loads each of its modules through tsx's loader: one to three seconds per import
 * preview or batch and per `earmark` command, which made the import tests the suite's slowest; bundled
 * it is a fraction of that.
 *
 * The folder sits two levels below the repository (node_modules/.earmark-build-…), where out/main sits:
 * the CLI finds package.json and resources/ two levels up, and the bundles find the packages they leave
 * out (better-sqlite3 is native) in node_modules.
 */
export async function buildBackend(): Promise<{ dir: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(repoRoot, 'node_modules', '.earmark-build-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    await build({
      // Named, so every bundle lands flat in the folder whatever folder its source is in.
      entryPoints: [
        { in: join(backendDir, 'cli.ts'), out: 'cli' },
        // A team server process a test kills (./team-process.ts): at this depth its paths resolve as from test/support.
        { in: join(repoRoot, 'test', 'support', 'team-process.ts'), out: 'team-process' },
        ...readdirSync(join(backendDir, 'workers'))
          .filter((name) => name.endsWith('.worker.ts'))
          .map((name) => ({ in: join(backendDir, 'workers', name), out: name.slice(0, -'.ts'.length) })),
      ],
      outdir: dir,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
    // Below node_modules no package.json of ours says ES module: this one does, for the .js bundles.
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  } catch (error) {
    cleanup();
    throw error;
  }
  return { dir, cleanup };
}
