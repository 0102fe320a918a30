import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabase, startPostgresCluster, type PostgresCluster } from '../../support/postgres';
import { repoRoot } from '../../support/paths';
import { spawnTeamServer, type TeamServerProcess } from '../../support/team-servers';

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
export async function startTeam(
  admin: {
    username: string;
    name: string;
    password: string;
  },
  /** More of serve --team's options (--import-folder DIR …). */
  serverArgs: string[] = [],
): Promise<RunningTeam> {
  if (!existsSync(cli))
    throw new Error(`${cli} is missing: run \`npm run build\` before the end-to-end tests.`);
  let cluster: PostgresCluster | null = null;
  let server: TeamServerProcess | null = null;
  const stop = async () => {
    await server?.stop();
    await cluster?.stop();
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
    server = await spawnTeamServer(databaseUrl, { cli: [cli], args: serverArgs });
    const url = `${server.origin}/`;
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
