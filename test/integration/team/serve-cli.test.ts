import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earmarkCli } from '../../support/cli';
import { freshPostgresUrl } from '../../support/engines';
import { repoRoot, tempDir } from '../../support/paths';
import { call, cookieFrom, selfSignedCertificate } from './team-host-fixture';

const ADMIN_PW = 'the first admin password';

/** The CLI (this run's bundle), `stdin` piped in; resolves when it exits. */
function earmark(args: string[], stdin = '') {
  const child = spawn(process.execPath, [...earmarkCli(), ...args], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, EARMARK_DATABASE: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

const data = tempDir('earmark-serve-team-');
const share = join(data.dir, 'recorder-share');
let url: string;
beforeAll(async () => {
  url = await freshPostgresUrl();
  mkdirSync(share);
});
afterAll(() => data.cleanup());

// Each run starts the CLI in its own process and (in the second test) a server: seconds on a busy machine.
describe('earmark serve --team', { timeout: 180_000 }, () => {
  it('refuses before opening anything: no PostgreSQL, plain HTTP on the network, bad TLS files', async () => {
    const certs = selfSignedCertificate(data.dir, 'one');
    const other = selfSignedCertificate(data.dir, 'two');
    const serve = (...args: string[]) => earmark(['serve', '--team', '--data', data.dir, ...args]).exited;
    const [noDatabase, open, missing, mismatched, portless, noFolder, badSize, dataInside] =
      await Promise.all([
        serve('--listen', '127.0.0.1:0'),
        serve('--database', url, '--listen', '0.0.0.0:0'),
        serve(
          '--database',
          url,
          '--listen',
          '0.0.0.0:0',
          '--tls-cert',
          join(data.dir, 'no.crt'),
          '--tls-key',
          certs.keyPath,
        ),
        serve(
          '--database',
          url,
          '--listen',
          '0.0.0.0:0',
          '--tls-cert',
          certs.certPath,
          '--tls-key',
          other.keyPath,
        ),
        earmark(['serve', '--listen', '127.0.0.1:0', '--data', data.dir]).exited,
        serve('--database', url, '--listen', '127.0.0.1:0', '--import-folder', join(data.dir, 'no-share')),
        serve('--database', url, '--listen', '127.0.0.1:0', '--max-upload-size', 'lots'),
        serve('--database', url, '--listen', '127.0.0.1:0', '--import-folder', join(data.dir, '..')),
      ]);
    expect(noDatabase.stderr).toMatch(
      /serve --team needs --database postgres:\/\/… \(or EARMARK_DATABASE\): a team server keeps its data in PostgreSQL/,
    );
    expect(open.stderr).toMatch(
      /Refusing plain HTTP on 0\.0\.0\.0: passwords and session cookies would cross the network in clear/,
    );
    expect(missing.stderr).toContain(`--tls-cert ${join(data.dir, 'no.crt')}: there is no such file.`);
    expect(mismatched.stderr).toContain('is not the private key of --tls-cert');
    expect(portless.stderr).toContain('--listen: only for earmark serve --team.');
    expect(noFolder.stderr).toContain(
      `--import-folder ${join(data.dir, 'no-share')}: there is no such folder.`,
    );
    expect(badSize.stderr).toContain('--max-upload-size "lots" is not a size such as 500M or 2G.');
    expect(dataInside.stderr).toContain("holds the server's own data folder");
    for (const run of [noDatabase, open, missing, mismatched, portless, noFolder, badSize, dataInside])
      expect(run.code).toBe(1);
  });

  it('serves a team initialised with team init, logs its administrator in, and stops cleanly on SIGTERM', async () => {
    const init = await earmark(
      ['team', 'init', '--database', url, '--admin-name', 'ada', '--admin-password-stdin'],
      `${ADMIN_PW}\n`,
    ).exited;
    expect(init.stderr).not.toMatch(/earmark:/);
    expect(init.code).toBe(0);

    const server = earmark([
      'serve',
      '--team',
      '--database',
      url,
      '--listen',
      '127.0.0.1:0',
      '--data',
      data.dir,
      '--storage',
      join(data.dir, 'shared-storage'),
      '--import-folder',
      share,
      '--max-upload-size',
      '500M',
      '--json',
    ]);
    const deadline = Date.now() + 120_000;
    while (!server.stdout().includes('\n')) {
      if (Date.now() > deadline || server.child.exitCode !== null)
        throw new Error(`serve --team did not start: ${server.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const started = JSON.parse(server.stdout().split('\n')[0]!) as {
      url: string;
      port: number;
      tls: boolean;
      storage: string;
    };
    expect(started).toMatchObject({ url: `http://127.0.0.1:${started.port}/`, tls: false });

    const host = { port: started.port, tls: false };
    const login = await call(host, 'session.login', { username: 'ada', password: ADMIN_PW });
    expect(login.json()).toMatchObject({ ok: true, value: { role: 'admin' } });
    const accounts = await call(host, 'account.list', {}, { cookie: cookieFrom(login) });
    expect(accounts.json()).toMatchObject({ ok: true, value: { accounts: [{ username: 'ada' }] } });
    const files = await call(host, 'import.serverFiles', {}, { cookie: cookieFrom(login) });
    expect(files.json()).toMatchObject({
      ok: true,
      value: { folders: [{ path: share }], maxUploadBytes: 500 * 1024 * 1024 },
    });
    expect(started).toMatchObject({ storage: join(data.dir, 'shared-storage') });

    server.child.kill('SIGTERM');
    const stopped = await server.exited;
    expect(stopped.code).toBe(0);
    await expect(call(host, 'session.me')).rejects.toThrow(/ECONNREFUSED/);
  });
});
