import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '../../support/paths';

export interface RunningHost {
  url: string;
  origin: string;
  /** Everything the host has printed so far (stdout and stderr): its log, for tests that check what it holds. */
  output(): string;
  stop(): Promise<void>;
}

const cli = join(repoRoot, 'out', 'main', 'cli.js');

/** Starts the built browser host (`earmark serve`) on a data directory, exactly as `npm start` does. */
export async function startHost(dataDir: string): Promise<RunningHost> {
  if (!existsSync(cli))
    throw new Error(`${cli} is missing: run \`npm run build\` before the end-to-end tests.`);
  const child = spawn(process.execPath, [cli, 'serve', '--data', dataDir, '--json'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`earmark serve exited with ${code}: ${stderr}`)));
  });
  const { url } = JSON.parse(firstLine) as { url: string };
  return { url, origin: new URL(url).origin, output: () => stdout + stderr, stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
