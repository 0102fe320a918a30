#!/usr/bin/env node
/**
 * Runs after `npm install`. Prepares the desktop app when it can, and never fails the install when
 * it cannot: without the Electron runtime Earmark still runs as the browser host.
 *
 * 1. Makes sure Electron's runtime is downloaded (its own install script; offline or locked-down
 *    machines cannot, which is expected).
 * 2. If it is, builds better-sqlite3 for Electron's ABI into node_modules/.earmark-electron/, in a
 *    temporary copy of the package, so the Node build in node_modules/better-sqlite3/build (used by the
 *    CLI, the browser host and the tests) is never touched. electron/main/index.ts loads that copy.
 *
 * Every failure is one line on stderr and exit code 0. Plain Node, built-in modules only.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modules = join(root, 'node_modules');
const electronDir = join(modules, 'electron');
const sqliteDir = join(modules, 'better-sqlite3');
const outDir = join(modules, '.earmark-electron');
const BINARY = 'better_sqlite3.node';
const BROWSER_INSTEAD = '`npm start` will serve Earmark in your browser on 127.0.0.1 instead.';
const DOWNLOAD_TIMEOUT_MS = 120_000;
const COMPILE_TIMEOUT_MS = 600_000;

try {
  main();
} catch (error) {
  say(`the desktop app could not be prepared (${reasonFrom(String(error))}); ${BROWSER_INSTEAD}`);
}

function main() {
  // An install without devDependencies has no Electron at all: the browser host is all there is.
  if (!existsSync(join(electronDir, 'package.json'))) return;

  const runtime = ensureElectronRuntime();
  if (!runtime.ok) {
    say(`the Electron desktop runtime could not be downloaded (${runtime.reason}); ${BROWSER_INSTEAD}`);
    return;
  }
  if (!existsSync(join(sqliteDir, 'package.json'))) return;
  const sqlite = ensureElectronSqlite();
  if (!sqlite.ok) {
    say(
      `better-sqlite3 could not be built for the Electron desktop app (${sqlite.reason}); ` +
        `${BROWSER_INSTEAD} Retry with \`npm run postinstall\`.`,
    );
  }
}

function ensureElectronRuntime() {
  if (electronInstalled()) return { ok: true };
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD)
    return { ok: false, reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set' };
  const run = runNode(join(electronDir, 'install.js'), [], {
    cwd: electronDir,
    timeout: DOWNLOAD_TIMEOUT_MS,
  });
  if (electronInstalled()) return { ok: true };
  return { ok: false, reason: run.reason ?? 'the download finished but the runtime is not there' };
}

/** Electron's own test: path.txt names the executable inside dist/. */
function electronInstalled() {
  try {
    const executable = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
    return executable !== '' && existsSync(join(electronDir, 'dist', executable));
  } catch {
    return false;
  }
}

function ensureElectronSqlite() {
  const target = {
    electron: readJson(join(electronDir, 'package.json')).version,
    betterSqlite3: readJson(join(sqliteDir, 'package.json')).version,
    platform: process.platform,
    arch: process.arch,
  };
  const stampFile = join(outDir, 'build.json');
  if (existsSync(join(outDir, BINARY)) && existsSync(stampFile) && sameJson(readJson(stampFile), target)) {
    return { ok: true };
  }

  const work = mkdtempSync(join(tmpdir(), 'earmark-sqlite-electron-'));
  try {
    const pkg = join(work, 'better-sqlite3');
    // The package without its Node build, so nothing of that build can end up in the Electron one.
    cpSync(sqliteDir, pkg, {
      recursive: true,
      filter: (source) => source !== join(sqliteDir, 'build') && source !== join(sqliteDir, 'node_modules'),
    });
    const built = join(pkg, 'build', 'Release', BINARY);

    // As better-sqlite3's own install does: a prebuilt binary first (no compiler needed), then node-gyp.
    const attempts = [prebuildInstall(pkg, target.electron), nodeGyp(pkg, target.electron)];
    let reason = 'no build tool found (prebuild-install, node-gyp)';
    for (const attempt of attempts) {
      if (!attempt) continue;
      const run = attempt();
      if (existsSync(built)) {
        mkdirSync(outDir, { recursive: true });
        copyFileSync(built, join(outDir, BINARY));
        writeFileSync(stampFile, JSON.stringify(target, null, 2) + '\n');
        return { ok: true };
      }
      reason = run.reason ?? 'the build produced no binary';
    }
    return { ok: false, reason };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function prebuildInstall(pkg, electronVersion) {
  const bin = resolveFrom(sqliteDir, 'prebuild-install/bin.js');
  if (!bin) return null;
  const args = [
    '--runtime',
    'electron',
    '--target',
    electronVersion,
    '--arch',
    process.arch,
    '--platform',
    process.platform,
  ];
  return () => runNode(bin, args, { cwd: pkg, timeout: DOWNLOAD_TIMEOUT_MS });
}

function nodeGyp(pkg, electronVersion) {
  const bin = resolveFrom(root, 'node-gyp/bin/node-gyp.js') ?? process.env.npm_config_node_gyp;
  if (!bin || !existsSync(bin)) return null;
  const args = [
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
    '--dist-url=https://electronjs.org/headers',
    // Electron's headers apart from Node's (the same folder @electron/rebuild uses).
    `--devdir=${join(homedir(), '.electron-gyp')}`,
  ];
  return () => runNode(bin, args, { cwd: pkg, timeout: COMPILE_TIMEOUT_MS });
}

/**
 * Runs a Node script with output captured (shown only through the one-line reason). npm passes its
 * config as npm_config_* variables; a nodedir, target or runtime meant for Node would make these
 * tools build against Node's headers, so those are dropped.
 */
function runNode(script, args, { cwd, timeout }) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|platform|build_from_source)$/i.test(key)) {
      delete env[key];
    }
  }
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd,
    env,
    timeout,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  if (result.error?.code === 'ETIMEDOUT')
    return { reason: `timed out after ${Math.round(timeout / 1000)} s` };
  if (result.error) return { reason: reasonFrom(result.error.message) };
  if (result.status !== 0) return { reason: reasonFrom(`${result.stderr}\n${result.stdout}`) };
  return { reason: null };
}

/** One short, readable cause out of a tool's output (stack frames and gyp's bookkeeping left out). */
function reasonFrom(output) {
  const network =
    /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|fetch failed|network connectivity)\b/.exec(
      output,
    );
  if (network) {
    const base = 'no network connection to the download server';
    return network[1] === 'network connectivity' ? base : `${base}: ${network[1]}`;
  }
  const lines = output
    .split(/\r?\n/)
    .map((text) => text.replace(/^(gyp|prebuild-install) (ERR!|WARN|warn|info) (stack )?/, '').trim())
    .filter((text) => text !== '' && !/^at /.test(text));
  const bookkeeping = /^(System|command|cwd|node -v|node-gyp -v|not ok|\w+ error\s*$)/;
  const line =
    lines.find((text) => /^\w*Error: /.test(text)) ??
    lines.find((text) => /error|not found|could not|cannot|failed/i.test(text) && !bookkeeping.test(text)) ??
    lines[0];
  const reason = (line ?? '').replace(/^\w*Error: /, '') || 'unknown error';
  return reason.length > 140 ? `${reason.slice(0, 137)}...` : reason;
}

function resolveFrom(directory, request) {
  try {
    return createRequire(join(directory, 'package.json')).resolve(request);
  } catch {
    return null;
  }
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function sameJson(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function say(message) {
  console.warn(`earmark: ${message}`);
}
