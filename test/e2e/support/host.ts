import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '../../support/paths';

export interface RunningHost {
  /** The address `npm start` prints, token included: what a user opens. */
  url: string;
  origin: string;
  /** The access token (the Bearer credential every API call carries). */
  token: string;
  /** Calls the real API as a script would (Bearer token, JSON); throws on an error reply. */
  api<T = unknown>(method: string, params?: unknown): Promise<T>;
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
  const origin = new URL(url).origin;
  const token = new URL(url).searchParams.get('token') ?? '';
  const api = async <T>(method: string, params: unknown = {}): Promise<T> => {
    const response = await fetch(`${origin}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(params),
    });
    const reply = (await response.json()) as
      { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
    if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
    return reply.value;
  };
  return { url, origin, token, api, output: () => stdout + stderr, stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
