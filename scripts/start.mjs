// `npm start`: the desktop window where Electron's runtime is installed, otherwise the same
// workstation from a browser host on 127.0.0.1. `npm run serve` (--browser) always uses the browser host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const passThrough = args.filter((arg) => arg !== '--browser');

function electronRuntimePresent() {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  return existsSync(pathFile) && existsSync(join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()));
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (!forceBrowser && electronRuntimePresent()) {
  run(join(root, 'node_modules', '.bin', 'electron-vite'), ['preview', '--', ...passThrough]);
} else {
  if (!forceBrowser) {
    console.log(
      "Earmark: Electron's desktop runtime is not installed here, so the workstation is served to your browser on 127.0.0.1 instead.",
    );
  }
  const build = spawnSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) {
    console.error('Earmark: the build failed; see the errors above.');
    process.exit(build.status ?? 1);
  }
  run(process.execPath, [join(root, 'out', 'main', 'cli.js'), 'serve', ...passThrough]);
}
