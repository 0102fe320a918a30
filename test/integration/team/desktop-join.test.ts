import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTeamServer } from '../../../electron/main/team-server-check';
import { TEAM_IDENTITY_PATH } from '../../../shared/desktop/team-server';
import { freshPostgresUrl } from '../../support/engines';
import { tempDir } from '../../support/paths';
import { rendererFolder, selfSignedCertificate, send, teamProcess } from './team-host-fixture';

/**
 * The desktop app's check before it opens a team server in its window, against real `serve --team`
 * processes over TLS: a certificate from an authority the computer trusts (here the test's own), one
 * self-signed, one for another host name, one expired, one from an authority it does not trust; and a
 * port nobody listens on, a plain-HTTP port, a web server that is not Earmark.
 */
const cleanups: (() => Promise<void> | void)[] = [];
let url: string;
let renderer: string;
let certs: string;
let authority: Buffer;

beforeAll(async () => {
  url = await freshPostgresUrl();
  const folder = rendererFolder();
  cleanups.push(folder.cleanup);
  renderer = folder.dir;
  const dir = tempDir('earmark-desktop-join-');
  cleanups.push(dir.cleanup);
  certs = dir.dir;
  authority = testAuthority(certs);
}, 60_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function teamServerWith(tls: { cert: Buffer; key: Buffer }) {
  const host = await teamProcess(url, renderer, { tls, work: false });
  cleanups.push(host.stop);
  return host.server;
}

async function listening(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

describe('checking a team server before the desktop app opens it', () => {
  it('a certificate the computer trusts: the server is an Earmark team server, and says so at its identity address', async () => {
    const server = await teamServerWith(issued(certs, 'valid', { san: 'IP:127.0.0.1' }));
    const answer = await send(server, TEAM_IDENTITY_PATH);
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ product: 'earmark', kind: 'team-server' });
    const address = `https://127.0.0.1:${server.port}`;
    expect(await checkTeamServer(address, { ca: [authority] })).toEqual({ ok: true, origin: address });
    // Typed with the trailing slash the server prints: the same origin.
    expect(await checkTeamServer(`${address}/`, { ca: [authority] })).toEqual({ ok: true, origin: address });
    // The same server without the authority trusted (a private authority not installed on this computer).
    expect(await checkTeamServer(address)).toMatchObject({ ok: false, problem: 'untrusted' });
  });

  it('names a self-signed certificate, one for another host name and an expired one, and accepts none', async () => {
    const selfSigned = await teamServerWith(selfSignedCertificate(certs, 'self'));
    expect(await checkTeamServer(`https://127.0.0.1:${selfSigned.port}`, { ca: [authority] })).toEqual({
      ok: false,
      problem: 'self_signed',
      detail: expect.stringContaining('self-signed') as unknown as string,
    });

    const otherHost = await teamServerWith(issued(certs, 'other-host', { san: 'DNS:earmark.example' }));
    expect(await checkTeamServer(`https://127.0.0.1:${otherHost.port}`, { ca: [authority] })).toMatchObject({
      ok: false,
      problem: 'wrong_host',
      detail: expect.stringContaining('earmark.example') as unknown as string,
    });

    const expired = await teamServerWith(issued(certs, 'expired', { san: 'IP:127.0.0.1', days: -1 }));
    expect(await checkTeamServer(`https://127.0.0.1:${expired.port}`, { ca: [authority] })).toMatchObject({
      ok: false,
      problem: 'expired',
    });
  });

  it('names an unreachable port, a plain-HTTP server at an https address, and a web server that is not Earmark', async () => {
    const closed = createHttpServer();
    const closedPort = await listening(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await checkTeamServer(`https://127.0.0.1:${closedPort}`)).toMatchObject({
      ok: false,
      problem: 'unreachable',
      detail: expect.stringContaining('ECONNREFUSED') as unknown as string,
    });

    const plain = await listening(createHttpServer((_req, res) => res.end('hello')));
    expect(await checkTeamServer(`https://127.0.0.1:${plain}`)).toMatchObject({
      ok: false,
      problem: 'not_tls',
    });

    const valid = issued(certs, 'other-site', { san: 'IP:127.0.0.1' });
    const notEarmark = await listening(
      createHttpsServer(valid, (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<!doctype html><title>Intranet</title>');
      }),
    );
    expect(await checkTeamServer(`https://127.0.0.1:${notEarmark}`, { ca: [authority] })).toMatchObject({
      ok: false,
      problem: 'not_earmark',
    });
    // A plain-HTTP team server on this computer's loopback is one (the address rules allow loopback).
    const loopback = await teamProcess(url, renderer, { work: false });
    cleanups.push(loopback.stop);
    const origin = `http://127.0.0.1:${loopback.server.port}`;
    expect(await checkTeamServer(origin)).toEqual({ ok: true, origin });
  });

  it('an unknown host name is named as such, without waiting long', async () => {
    expect(await checkTeamServer('https://earmark-team.invalid', { timeoutMs: 5000 })).toMatchObject({
      ok: false,
      problem: 'not_found',
    });
  });
});

/** A certificate authority of the test's own (as a company's internal one), trusted only where the test says so. */
function testAuthority(dir: string): Buffer {
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...[
        '-keyout',
        join(dir, 'ca.key'),
        '-out',
        join(dir, 'ca.crt'),
        '-days',
        '2',
        '-subj',
        '/CN=Earmark Test CA',
      ],
    ],
    { stdio: 'ignore' },
  );
  return readFileSync(join(dir, 'ca.crt'));
}

/** A server certificate the test authority issued, for `san`, valid `days` (negative: already expired). */
function issued(dir: string, name: string, { san, days = 2 }: { san: string; days?: number }) {
  const file = (suffix: string) => join(dir, `${name}.${suffix}`);
  execFileSync(
    'openssl',
    [
      ...['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-keyout', file('key'), '-out', file('csr'), '-subj', `/CN=${name}`],
    ],
    { stdio: 'ignore' },
  );
  writeFileSync(file('ext'), `subjectAltName=${san}\n`);
  execFileSync(
    'openssl',
    [
      ...['x509', '-req', '-in', file('csr'), '-CA', join(dir, 'ca.crt'), '-CAkey', join(dir, 'ca.key')],
      ...['-CAcreateserial', '-out', file('crt'), '-days', String(days), '-extfile', file('ext')],
    ],
    { stdio: 'ignore' },
  );
  return { cert: readFileSync(file('crt')), key: readFileSync(file('key')) };
}
