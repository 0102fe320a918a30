import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DESKTOP_SETTINGS_FILE, teamConnection } from '../../../electron/main/team-connection';
import {
  checkTeamServer,
  isLoopback,
  problemOfChromiumError,
  problemOfNodeError,
  teamServerOrigin,
} from '../../../electron/main/team-server-check';
import type { TeamServerCheck } from '../../../shared/desktop/team-server';
import { tempDir } from '../../support/paths';

describe('a team server address', () => {
  it('is https, or plain http on this computer only, and just the server (no path, no credentials)', () => {
    expect(teamServerOrigin(' earmark.example ')).toEqual({ ok: true, origin: 'https://earmark.example' });
    expect(teamServerOrigin('https://Earmark.Example:8443/')).toEqual({
      ok: true,
      origin: 'https://earmark.example:8443',
    });
    expect(teamServerOrigin('http://127.0.0.1:8080')).toEqual({ ok: true, origin: 'http://127.0.0.1:8080' });
    expect(teamServerOrigin('http://localhost:8080/')).toMatchObject({ ok: true });
    expect(teamServerOrigin('http://[::1]:8080')).toMatchObject({ ok: true });
    expect(teamServerOrigin('http://earmark.example')).toMatchObject({ ok: false, problem: 'plain_http' });
    expect(teamServerOrigin('http://10.0.0.5:8080')).toMatchObject({ ok: false, problem: 'plain_http' });
    for (const bad of [
      '',
      '   ',
      'ftp://earmark.example',
      'file:///etc/passwd',
      'https://team.example@evil.example',
      'https://earmark.example/library',
      'https://earmark.example/?x=1',
      'https://earmark.example/#a',
      'https://exa mple',
    ]) {
      expect(teamServerOrigin(bad), bad).toMatchObject({ ok: false, problem: 'invalid_address' });
    }
  });

  it('counts only loopback addresses as this computer', () => {
    expect(['127.0.0.1', '127.8.9.1', 'localhost', 'a.localhost', '[::1]', '::1'].every(isLoopback)).toBe(
      true,
    );
    expect(['128.0.0.1', '10.0.0.1', 'localhost.example', '::2', 'earmark.example'].some(isLoopback)).toBe(
      false,
    );
  });
});

describe('certificate and network errors in plain words', () => {
  it("maps Node's codes", () => {
    const of = (code: string, message = 'x') =>
      problemOfNodeError(Object.assign(new Error(message), { code }));
    expect(of('DEPTH_ZERO_SELF_SIGNED_CERT')).toBe('self_signed');
    expect(of('SELF_SIGNED_CERT_IN_CHAIN')).toBe('untrusted');
    expect(of('UNABLE_TO_VERIFY_LEAF_SIGNATURE')).toBe('untrusted');
    expect(of('CERT_HAS_EXPIRED')).toBe('expired');
    expect(of('CERT_NOT_YET_VALID')).toBe('not_yet_valid');
    expect(of('ERR_TLS_CERT_ALTNAME_INVALID')).toBe('wrong_host');
    expect(of('CERT_REVOKED')).toBe('certificate');
    expect(of('ENOTFOUND')).toBe('not_found');
    expect(of('ECONNREFUSED')).toBe('unreachable');
    expect(of('ETIMEDOUT')).toBe('unreachable');
    expect(of('EPROTO', 'SSL routines:ssl3_get_record:wrong version number')).toBe('not_tls');
    expect(of('ERR_SSL_WRONG_VERSION_NUMBER')).toBe('not_tls');
  });

  it("maps Chromium's errors (the window's own check) to the same problems", () => {
    expect(problemOfChromiumError('net::ERR_CERT_AUTHORITY_INVALID')).toBe('untrusted');
    expect(problemOfChromiumError('net::ERR_CERT_DATE_INVALID')).toBe('expired');
    expect(problemOfChromiumError('ERR_CERT_COMMON_NAME_INVALID')).toBe('wrong_host');
    expect(problemOfChromiumError('net::ERR_CERT_REVOKED')).toBe('certificate');
    expect(problemOfChromiumError('ERR_NAME_NOT_RESOLVED')).toBe('not_found');
    expect(problemOfChromiumError('ERR_CONNECTION_REFUSED')).toBe('unreachable');
    expect(problemOfChromiumError('ERR_SSL_PROTOCOL_ERROR')).toBe('not_tls');
  });
});

describe("the window's second opinion", () => {
  /** A loopback port nobody listens on (a proxy-only network looks like this to Node). */
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }

  it('is asked only when Node could not reach or trust the server, and decides with the same identity check', async () => {
    const address = `https://127.0.0.1:${await closedPort()}`;
    const asked: string[] = [];
    const identity = JSON.stringify({ product: 'earmark', kind: 'team-server' });
    const through = (answer: { status: number; body: string } | Error) => (url: string) => {
      asked.push(url);
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    };
    expect(await checkTeamServer(address, { windowFetch: through({ status: 200, body: identity }) })).toEqual(
      {
        ok: true,
        origin: address,
      },
    );
    expect(asked).toEqual([`${address}/earmark-team.json`]);
    expect(
      await checkTeamServer(address, {
        windowFetch: through({ status: 200, body: '<html>proxy login</html>' }),
      }),
    ).toMatchObject({ ok: false, problem: 'not_earmark' });
    // The window cannot either: Node's own explanation stays.
    expect(
      await checkTeamServer(address, { windowFetch: through(new Error('net::ERR_CONNECTION_REFUSED')) }),
    ).toMatchObject({
      ok: false,
      problem: 'unreachable',
      detail: expect.stringContaining('ECONNREFUSED') as unknown as string,
    });
    // An address that fails the rules is never fetched by anyone.
    asked.length = 0;
    expect(
      await checkTeamServer('http://earmark.example', {
        windowFetch: through({ status: 200, body: identity }),
      }),
    ).toMatchObject({
      ok: false,
      problem: 'plain_http',
    });
    expect(asked).toEqual([]);
  });
});

describe('the remembered team server', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  function setUp(check: (address: string) => TeamServerCheck) {
    const data = tempDir('earmark-desktop-settings-');
    cleanups.push(data.cleanup);
    const shown: string[] = [];
    let forgotten = 0;
    const make = () =>
      teamConnection({
        dataDir: data.dir,
        check: (address) => Promise.resolve(check(address)),
        openTeam: (origin) => shown.push(origin),
        openLocal: () => shown.push('local'),
        forgetTeamSession: () => {
          forgotten += 1;
          return Promise.resolve();
        },
      });
    return { dir: data.dir, shown, make, forgotten: () => forgotten };
  }

  it('connects only after a passing check, is opened again at the next start, and disconnect forgets it and its login', async () => {
    const desk = setUp((address) =>
      address.includes('bad')
        ? { ok: false, problem: 'self_signed', detail: 'DEPTH_ZERO_SELF_SIGNED_CERT' }
        : { ok: true, origin: 'https://team.example' },
    );
    const first = desk.make();
    expect(first.server).toBeNull();
    expect(await first.connect('bad.example')).toMatchObject({ ok: false, problem: 'self_signed' });
    expect(desk.shown).toEqual([]);
    expect(first.status()).toEqual({
      server: null,
      lastProblem: { address: 'bad.example', problem: 'self_signed', detail: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    });
    await first.connect('team.example');
    expect(desk.shown).toEqual(['https://team.example']);
    expect(first.status()).toEqual({ server: 'https://team.example', lastProblem: null });

    const second = desk.make();
    expect(second.server).toBe('https://team.example');
    await second.disconnect();
    expect(desk.shown).toEqual(['https://team.example', 'local']);
    expect(desk.forgotten()).toBe(1);
    expect(desk.make().server).toBeNull();
  });

  it("a window that cannot load the server goes back to the workstation, saying why; other pages' errors change nothing", async () => {
    const desk = setUp(() => ({ ok: true, origin: 'https://team.example' }));
    const connection = desk.make();
    await connection.connect('team.example');
    connection.loadFailed('https://elsewhere.example', 'net::ERR_CERT_DATE_INVALID');
    expect(desk.shown).toEqual(['https://team.example']);
    connection.loadFailed('https://team.example', 'net::ERR_CERT_DATE_INVALID');
    expect(desk.shown).toEqual(['https://team.example', 'local']);
    expect(connection.status().lastProblem).toEqual({
      address: 'https://team.example',
      problem: 'expired',
      detail: 'net::ERR_CERT_DATE_INVALID',
    });
  });

  it('a damaged or hand-edited settings file opens the workstation', () => {
    const desk = setUp(() => ({ ok: true, origin: 'https://team.example' }));
    const file = join(desk.dir, DESKTOP_SETTINGS_FILE);
    writeFileSync(file, '{ not json');
    expect(desk.make().server).toBeNull();
    writeFileSync(file, JSON.stringify({ teamServer: 'http://plain.example' }));
    expect(desk.make().server).toBeNull();
    writeFileSync(file, JSON.stringify({ teamServer: 'https://team.example/' }));
    expect(desk.make().server).toBe('https://team.example');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ teamServer: 'https://team.example/' });
  });
});
