import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { processCpuSeconds } from './process-cpu';
import { repoRoot, tempDir } from './paths';

/** One `earmark serve --team` process on 127.0.0.1, as an administrator starts it. */
export interface TeamServerProcess {
  readonly port: number;
  /** What a browser on its page sends as Origin. */
  readonly origin: string;
  readonly pid: number;
  /** CPU seconds the process has used so far (Linux's /proc), else null. */
  cpuSeconds(): number | null;
  /** SIGKILL: no drain, no goodbye to the database; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, as the README's stop: requests in flight finish. */
  stop(): Promise<void>;
}

/** `node` arguments that run the app's build of `earmark` (out/main/cli.js, as bin/earmark.js runs it). */
export function builtCli(): string[] {
  const cli = join(repoRoot, 'out', 'main', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first.`);
  return [cli];
}

/**
 * `earmark serve --team --database URL --listen 127.0.0.1:0` in a child process with its own data
 * folder. `cli`: the `node` arguments that run `earmark` (builtCli(), or a test run's bundle:
 * test/support/cli.ts); by default the source under tsx, seconds slower to start. Full password cost,
 * as in use.
 */
export async function spawnTeamServer(
  databaseUrl: string,
  options: {
    cli?: string[];
    nodeOptions?: string[];
    /** More of serve --team's options (--import-folder …). */
    args?: string[];
  } = {},
): Promise<TeamServerProcess> {
  const data = tempDir('earmark-team-serve-');
  const entry = options.cli ?? ['--import', 'tsx', join(repoRoot, 'electron', 'backend', 'cli.ts')];
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeOptions ?? []),
      ...entry,
      'serve',
      '--team',
      '--database',
      databaseUrl,
      '--listen',
      '127.0.0.1:0',
      '--data',
      data.dir,
      '--json',
      ...(options.args ?? []),
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, EARMARK_DATABASE: '' } },
  );
  // However the run ends, no server is left behind.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const finish = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
    process.off('exit', orphanGuard);
    data.cleanup();
  };
  let port: number;
  try {
    port = await startedPort(child);
  } catch (error) {
    await finish('SIGKILL');
    throw error;
  }
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    cpuSeconds: () => processCpuSeconds(child.pid!),
    kill: () => finish('SIGKILL'),
    stop: () => finish('SIGTERM'),
  };
}

/** The port from the first line `serve --json` prints, or the reason it did not start. */
function startedPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n');
      if (line.length > 1) resolve((JSON.parse(line[0]!) as { port: number }).port);
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`serve --team stopped before listening (${signal ?? code}): ${stderr}`)),
    );
  });
}
