import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { earmarkCli } from '../../support/cli';
import { repoRoot } from '../../support/paths';

/** `earmark <args>` (this run's bundle of the current source) in its own process, as a user would run it. */
export function earmark(args: string[]): ChildProcess {
  return spawn(process.execPath, [...earmarkCli(), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `earmark <args>` to its end. */
export function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = earmark(args);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface Serving {
  child: ChildProcess;
  url: string;
  stderr(): string;
  /** SIGTERM (or another signal) and the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** `earmark serve --json` on a folder, once it has printed its URL. */
export async function serve(dataDir: string): Promise<Serving> {
  const child = earmark(['serve', '--data', dataDir, '--json']);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`earmark serve exited with ${code}: ${stderr}`)));
  });
  const { url } = JSON.parse(line) as { url: string };
  return {
    child,
    url,
    stderr: () => stderr,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}

/** The pid of a process that has just ended (for a lock whose owner is gone). */
export function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  return new Promise((resolve) => child.on('close', () => resolve(child.pid!)));
}
