import { Agent } from 'node:http';
import { createBackend } from '../../electron/backend/backend';
import { startTeamServer } from '../../electron/backend/host/team-server';
import { createAccount } from '../../electron/backend/services/accounts/accounts';
import { hashPassword, PASSWORD_COST } from '../../electron/backend/services/accounts/password-hash';
import { sendRaw } from '../support/http';
import { resourcesDir, tempDir } from '../support/paths';
import { createDatabase, startPostgresCluster } from '../support/postgres';
import { percentile, round } from './stats';

/**
 * The team server's own costs, over HTTP on 127.0.0.1 against a throwaway PostgreSQL (fsync off):
 * team_login_ms: `session.login` at today's full scrypt cost (the hash is most of it, on purpose);
 * team_call_ms: `library.list` (100 rows of the demo library) with the session cookie: Origin check,
 * session lookup, dispatch, JSON; baseline, same run: `app.info` through the same door, so
 * team_call_ratio isolates the query from the host's and the session's part.
 */
export async function benchTeamHost(quick: boolean): Promise<Record<string, number>> {
  const logins = quick ? 5 : 20;
  const calls = quick ? 100 : 1000;
  const cluster = await startPostgresCluster();
  const data = tempDir('earmark-bench-team-host-');
  const renderer = tempDir('earmark-bench-team-renderer-');
  try {
    const databaseUrl = await createDatabase(cluster.adminUrl);
    const backend = await createBackend({
      dataDir: data.dir,
      resourcesDir,
      version: 'bench',
      log: () => {},
      databaseUrl,
      mode: 'team',
    });
    const server = await startTeamServer({
      backend,
      rendererDir: renderer.dir,
      listen: { host: '127.0.0.1', port: 0 },
      work: { log: () => {} },
      log: () => {},
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const password = 'a bench password of some length';
      await createAccount(
        backend.database,
        { username: 'bench', name: 'Bench', role: 'admin' },
        await hashPassword(password, PASSWORD_COST),
      );
      const origin = `http://127.0.0.1:${server.port}`;
      const post = async (method: string, body: unknown, cookie?: string) => {
        const answer = await sendRaw(server.port, `/api/${method}`, {
          method: 'POST',
          agent,
          headers: {
            'Content-Type': 'application/json',
            Origin: origin,
            ...(cookie ? { Cookie: cookie } : {}),
          },
          body: JSON.stringify(body),
        });
        const cookieLine = answer.headers['set-cookie'];
        return {
          ok: answer.status === 200,
          text: answer.text(),
          cookie: Array.isArray(cookieLine) ? (cookieLine[0]?.split(';')[0] ?? null) : null,
        };
      };

      const loginMs: number[] = [];
      let cookie = '';
      for (let i = 0; i < logins; i++) {
        const start = performance.now();
        const answer = await post('session.login', { username: 'bench', password }, cookie || undefined);
        loginMs.push(performance.now() - start);
        cookie = answer.cookie ?? cookie;
      }
      const demo = await post('demo.load', {}, cookie);
      if (!demo.ok) throw new Error(`demo.load failed: ${demo.text}`);
      const time = async (method: string, body: unknown) => {
        const samples: number[] = [];
        for (let i = 0; i < calls; i++) {
          const start = performance.now();
          const answer = await post(method, body, cookie);
          samples.push(performance.now() - start);
          if (!answer.ok) throw new Error(`${method} failed: ${answer.text}`);
        }
        return samples;
      };
      await time('app.info', {}); // warm up
      const base = await time('app.info', {});
      const list = await time('library.list', { limit: 100 });
      return {
        team_login_ms_p50: round(percentile(loginMs, 50)),
        team_login_ms_p95: round(percentile(loginMs, 95)),
        team_call_ms_p50: round(percentile(list, 50), 2),
        team_call_ms_p95: round(percentile(list, 95), 2),
        team_call_baseline_app_info_ms_p50: round(percentile(base, 50), 2),
        team_call_ratio: round(percentile(list, 50) / percentile(base, 50), 2),
      };
    } finally {
      agent.destroy();
      await server.close();
      await backend.close();
    }
  } finally {
    renderer.cleanup();
    data.cleanup();
    await cluster.stop();
  }
}
