import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabase, startPostgresCluster, type PostgresCluster } from '../../support/postgres';
import { repoRoot, tempDir } from '../../support/paths';

const cli = join(repoRoot, 'out', 'main', 'cli.js');

export interface RunningTeam {
  /** Where people open the team server. */
  url: string;
  databaseUrl: string;
  /** Runs the built `earmark` with `stdin` piped in (passwords); rejects when it exits non-zero. */
  earmark(args: string[], stdin?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A team server as an administrator sets one up: a throwaway PostgreSQL cluster and database, the built
 * CLI's `team init` (first administrator), then `earmark serve --team` on 127.0.0.1.
 */
export async function startTeam(admin: {
  username: string;
  name: string;
  password: string;
}): Promise<RunningTeam> {
  if (!existsSync(cli))
    throw new Error(`${cli} is missing: run \`npm run build\` before the end-to-end tests.`);
  const data = tempDir('earmark-e2e-team-');
  let cluster: PostgresCluster | null = null;
  let server: ChildProcess | null = null;
  const stop = async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await cluster?.stop();
    data.cleanup();
  };
  try {
    cluster = await startPostgresCluster();
    const databaseUrl = await createDatabase(cluster.adminUrl, 'earmark_e2e');
    const earmark = (args: string[], stdin = '') => run(args, stdin);
    await earmark(
      [
        'team',
        'init',
        '--database',
        databaseUrl,
        '--admin-name',
        admin.name,
        '--username',
        admin.username,
        '--admin-password-stdin',
      ],
      `${admin.password}\n`,
    );
    server = spawn(
      process.execPath,
      [
        cli,
        'serve',
        '--team',
        '--database',
        databaseUrl,
        '--listen',
        '127.0.0.1:0',
        '--data',
        data.dir,
        '--json',
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, EARMARK_DATABASE: '' } },
    );
    const url = await firstLineUrl(server);
    return { url, databaseUrl, earmark, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function run(args: string[], stdin: string): Promise<string> {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, EARMARK_DATABASE: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`earmark ${args.slice(0, 3).join(' ')} exited ${code}: ${stderr}`)),
    );
  });
}

function firstLineUrl(child: ChildProcess): Promise<string> {
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n')) resolve((JSON.parse(line!) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`earmark serve --team exited with ${code}: ${stderr}`)));
  });
}
