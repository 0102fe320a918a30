import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { inject } from 'vitest';
import { repoRoot } from './paths';

/**
 * `node` arguments that run `earmark` from this run's bundle (./backend-build.ts), built from the current
 * source: append the command's own arguments. Starts in a fraction of the time `--import tsx cli.ts` takes.
 */
export const earmarkCli = (): string[] => [join(inject('backendBuild'), 'cli.js')];

/** Runs `earmark` (this run's bundle) as an administrator would, `stdin` piped in; resolves when it exits. */
export function runEarmark(
  args: string[],
  stdin: string | null = null,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...earmarkCli(), ...args], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
    // A database named in the environment would answer instead of the one the test gives.
    env: { ...process.env, EARMARK_DATABASE: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
