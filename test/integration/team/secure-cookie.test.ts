import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgresUrl } from '../../support/engines';
import { tempDir } from '../../support/paths';
import { addAccount } from '../accounts/team-fixture';
import {
  call,
  cookieFrom,
  rendererFolder,
  selfSignedCertificate,
  send,
  setCookies,
  teamProcess,
} from './team-host-fixture';

/**
 * The session cookie under HTTPS: `__Host-earmark_session` with `Secure`, when the server speaks TLS
 * itself and when a proxy in front says the browser came over HTTPS (believed only with --behind-proxy).
 */
const PASSWORD = 'a long enough password';
const cleanups: (() => Promise<void> | void)[] = [];
let url: string;
let renderer: string;

beforeAll(async () => {
  url = await freshPostgresUrl();
  const folder = rendererFolder();
  cleanups.push(folder.cleanup);
  renderer = folder.dir;
}, 60_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const SECURE_COOKIE =
  /^__Host-earmark_session=[A-Za-z0-9_-]{43}; Max-Age=432\d\d; Path=\/; HttpOnly; SameSite=Strict; Secure$/;

describe('the session cookie over HTTPS', () => {
  it('under TLS is __Host- and Secure, and only that cookie is taken', async () => {
    const certs = tempDir('earmark-team-tls-');
    cleanups.push(certs.cleanup);
    const { cert, key } = selfSignedCertificate(certs.dir);
    const host = await teamProcess(url, renderer, { tls: { cert, key } });
    cleanups.push(host.stop);
    expect(host.server.url).toBe(`https://127.0.0.1:${host.server.port}/`);
    await addAccount(host.backend, 'tess', 'qa_supervisor', PASSWORD);

    const login = await call(host.server, 'session.login', { username: 'tess', password: PASSWORD });
    expect(login.status).toBe(200);
    expect(setCookies(login)[0]).toMatch(SECURE_COOKIE);
    const cookie = cookieFrom(login);
    expect((await call(host.server, 'library.list', {}, { cookie })).status).toBe(200);
    // The same token under the plain name (as a plain-HTTP page of the same host could set) is not taken.
    const token = cookie.split('=')[1]!;
    expect((await call(host.server, 'library.list', {}, { cookie: `earmark_session=${token}` })).status).toBe(
      403,
    );
    // An http:// origin is another origin than the https:// one.
    const downgraded = await call(
      host.server,
      'library.list',
      {},
      {
        cookie,
        headers: { Origin: `http://127.0.0.1:${host.server.port}` },
      },
    );
    expect(downgraded.status).toBe(403);
    const out = await call(host.server, 'session.logout', {}, { cookie });
    expect(setCookies(out)).toEqual([
      '__Host-earmark_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict; Secure',
    ]);
  });

  it('behind a proxy, follows X-Forwarded-Proto and -For; without --behind-proxy, ignores them', async () => {
    const proxied = await teamProcess(url, renderer, {
      behindProxy: true,
      origin: 'https://earmark.example',
    });
    cleanups.push(proxied.stop);
    expect(proxied.server.url).toBe('https://earmark.example/');
    await addAccount(proxied.backend, 'pia', 'qa_supervisor', PASSWORD);
    const viaProxy = {
      Origin: 'https://earmark.example',
      'X-Forwarded-Proto': 'https',
      'X-Forwarded-For': '198.51.100.7, 203.0.113.9',
      Host: 'earmark.example',
    };
    const login = await call(
      proxied.server,
      'session.login',
      { username: 'pia', password: PASSWORD },
      {
        headers: viaProxy,
      },
    );
    expect(login.status).toBe(200);
    expect(setCookies(login)[0]).toMatch(SECURE_COOKIE);
    // The address the proxy saw (the last hop), not what the client claimed before it.
    const session = await proxied.backend.database.query
      .selectFrom('team_sessions')
      .select('address')
      .executeTakeFirstOrThrow();
    expect(session.address).toBe('203.0.113.9');
    // --origin decides: the Host header is not believed for it.
    const wrongOrigin = await call(
      proxied.server,
      'library.list',
      {},
      {
        cookie: cookieFrom(login),
        headers: { ...viaProxy, Origin: `http://127.0.0.1:${proxied.server.port}` },
      },
    );
    expect(wrongOrigin.status).toBe(403);

    const direct = await teamProcess(url, renderer);
    cleanups.push(direct.stop);
    const spoofed = await call(
      direct.server,
      'session.login',
      { username: 'pia', password: PASSWORD },
      {
        headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '198.51.100.99' },
      },
    );
    expect(spoofed.status).toBe(200);
    expect(setCookies(spoofed)[0]).toMatch(
      /^earmark_session=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    const addresses = await direct.backend.database.query
      .selectFrom('team_sessions')
      .select('address')
      .execute();
    expect(addresses.map((row) => row.address)).not.toContain('198.51.100.99');
  });

  it('refuses to start plain HTTP on a network address, saying why', async () => {
    await expect(teamProcess(url, renderer, { listen: { host: '0.0.0.0', port: 0 } })).rejects.toThrow(
      /Refusing plain HTTP on 0\.0\.0\.0: passwords and session cookies would cross the network in clear/,
    );
  });

  it('answers the renderer over HTTPS too', async () => {
    const certs = tempDir('earmark-team-tls-');
    cleanups.push(certs.cleanup);
    const { cert, key } = selfSignedCertificate(certs.dir);
    const host = await teamProcess(url, renderer, { tls: { cert, key } });
    cleanups.push(host.stop);
    const page = await send(host.server, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });
});
