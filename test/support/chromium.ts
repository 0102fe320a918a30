import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

/** Debian's Chromium, where `apt-get install chromium` puts it. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * Where the Chromium for the end-to-end tests and the benchmarks comes from, in this order:
 * - `env`: the one `EARMARK_CHROMIUM` names (a developer's own build, another distribution's path);
 * - `debian`: Debian's, when installed: a browser the system keeps up to date;
 * - `npm`: the one inside the `@sparticuz/chromium` dev dependency, so `npm install && npm test` works on
 *   a machine with no Chromium at all (`npx playwright install` cannot download one on our machines).
 * `EARMARK_CHROMIUM_SOURCE=env|debian|npm` forces one source, e.g. to test the npm one where Debian's is installed.
 */
export type ChromiumSource = 'env' | 'debian' | 'npm';

export type ChromiumChoice =
  { source: 'env' | 'debian'; executablePath: string } | { source: 'npm'; executablePath: null };

export interface ChromiumEnvironment {
  EARMARK_CHROMIUM?: string | undefined;
  EARMARK_CHROMIUM_SOURCE?: string | undefined;
}

const SOURCES: readonly ChromiumSource[] = ['env', 'debian', 'npm'];

export function chooseChromium(
  env: ChromiumEnvironment = process.env,
  exists: (path: string) => boolean = existsSync,
): ChromiumChoice {
  const forced = env.EARMARK_CHROMIUM_SOURCE?.trim() || undefined;
  if (forced !== undefined && !SOURCES.includes(forced as ChromiumSource)) {
    throw new Error(
      `EARMARK_CHROMIUM_SOURCE is "${forced}"; use env, debian or npm (or leave it unset to take the first that is there).`,
    );
  }
  const named = env.EARMARK_CHROMIUM?.trim() || undefined;
  if (forced === 'env' || (forced === undefined && named !== undefined)) {
    if (named === undefined)
      throw new Error('EARMARK_CHROMIUM_SOURCE is env, but EARMARK_CHROMIUM is not set.');
    // A wrong path must not quietly fall through to another browser: the developer asked for this one.
    if (!exists(named)) throw new Error(`EARMARK_CHROMIUM is ${named}, which does not exist.`);
    return { source: 'env', executablePath: named };
  }
  if (forced === 'debian' || (forced === undefined && exists(DEBIAN_CHROMIUM))) {
    if (!exists(DEBIAN_CHROMIUM)) {
      throw new Error(`EARMARK_CHROMIUM_SOURCE is debian, but ${DEBIAN_CHROMIUM} is not installed.`);
    }
    return { source: 'debian', executablePath: DEBIAN_CHROMIUM };
  }
  return { source: 'npm', executablePath: null };
}

/** The flags every source runs with: no sandbox (tests run as root in containers), no GPU, nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface ResolvedChromium {
  source: ChromiumSource;
  executablePath: string;
  /** Extra environment for the browser process (the npm build's own libraries and fonts). */
  env: Record<string, string>;
}

/**
 * The executable to launch. The npm build is a compressed headless shell that `@sparticuz/chromium`
 * unpacks into the temp folder on first use (a few seconds, once per machine); it also brings the NSS
 * libraries and fonts that a machine without any Chromium lacks, which the browser is pointed at here.
 */
export async function resolveChromium(choice: ChromiumChoice = chooseChromium()): Promise<ResolvedChromium> {
  if (choice.source !== 'npm') return { ...choice, env: {} };
  const { default: packaged } = await import('@sparticuz/chromium');
  const executablePath = await packaged.executablePath();
  // The package unpacks these libraries only on AWS Lambda; elsewhere the browser needs them all the same.
  const libraries = join(tmpdir(), 'al2023');
  if (!existsSync(join(libraries, 'lib', 'libnss3.so')))
    untarBrotli(join(packageBin(), 'al2023.tar.br'), libraries);
  return {
    source: 'npm',
    executablePath,
    env: {
      LD_LIBRARY_PATH: [join(libraries, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      // executablePath() unpacked the package's fonts here; a machine without Chromium may have none.
      FONTCONFIG_PATH: join(tmpdir(), 'fonts'),
    },
  };
}

/** The package's folder of compressed files (its exports offer no path to it). */
function packageBin(): string {
  const main = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  return join(dirname(main), '..', '..', 'bin');
}

/** Unpacks a .tar.br (a few MB) into `dir`, under a temp name first so a half-written folder is never taken as done. */
function untarBrotli(archive: string, dir: string): void {
  const partial = `${dir}.${process.pid}.partial`;
  mkdirSync(partial, { recursive: true });
  const tar = spawnSync('tar', ['-x', '-C', partial], { input: brotliDecompressSync(readFileSync(archive)) });
  if (tar.error || tar.status !== 0) {
    rmSync(partial, { recursive: true, force: true });
    throw new Error(`Could not unpack ${archive}: ${tar.error?.message ?? String(tar.stderr).trim()}`);
  }
  try {
    renameSync(partial, dir);
  } catch (error) {
    // Another test process unpacked it first: theirs is as good as ours.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(dir)) throw error;
  }
}
