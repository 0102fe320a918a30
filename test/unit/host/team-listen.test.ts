import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  isLoopback,
  loadTls,
  parseListen,
  plainHttpRefusal,
} from '../../../electron/backend/host/team-listen';

/** `serve --team`'s start-up checks: where to listen, whether plain HTTP is allowed, the TLS files. */
const dir = mkdtempSync(join(tmpdir(), 'earmark-tls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pair(name: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'].concat([
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
    ]),
    { stdio: 'ignore' },
  );
  return { cert, key };
}

describe('--listen', () => {
  it('takes HOST:PORT for IPv4, names and bracketed IPv6', () => {
    expect(parseListen('0.0.0.0:8443')).toEqual({ host: '0.0.0.0', port: 8443 });
    expect(parseListen('[::]:8443')).toEqual({ host: '::', port: 8443 });
    expect(parseListen('localhost:0')).toEqual({ host: 'localhost', port: 0 });
  });

  it('names what is wrong', () => {
    for (const bad of ['8443', '0.0.0.0', ':8443', '0.0.0.0:99999', '::1:80', 'host:port'])
      expect(() => parseListen(bad), bad).toThrow(/is not HOST:PORT/);
    expect(() => parseListen('[earmark]:80')).toThrow(/earmark is not an IPv6 address/);
  });

  it('allows plain HTTP only on loopback or behind a proxy, and says why', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost', 'LOCALHOST'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.5', 'earmark.example', '128.0.0.1'].some(isLoopback)).toBe(false);
    const open = { host: '0.0.0.0', port: 80 };
    expect(plainHttpRefusal(open, { tls: false, behindProxy: false })).toMatch(
      /passwords and session cookies would cross the network in clear.*--tls-cert FILE --tls-key FILE, or --behind-proxy/,
    );
    expect(plainHttpRefusal(open, { tls: true, behindProxy: false })).toBeNull();
    expect(plainHttpRefusal(open, { tls: false, behindProxy: true })).toBeNull();
    expect(plainHttpRefusal({ host: '127.0.0.1', port: 80 }, { tls: false, behindProxy: false })).toBeNull();
  });
});

describe('--tls-cert and --tls-key', () => {
  const good = pair('good');
  const other = pair('other');

  it('reads a certificate and its key', () => {
    expect(loadTls(undefined, undefined)).toBeNull();
    const files = loadTls(good.cert, good.key);
    expect(files?.cert.toString()).toMatch(/BEGIN CERTIFICATE/);
  });

  it('names the missing, unreadable, wrong or mismatched file', () => {
    expect(() => loadTls(good.cert, undefined)).toThrow(/--tls-cert and --tls-key go together/);
    expect(() => loadTls(join(dir, 'nope.crt'), good.key)).toThrow(
      `--tls-cert ${join(dir, 'nope.crt')}: there is no such file.`,
    );
    expect(() => loadTls(good.cert, dir)).toThrow(`--tls-key ${dir}: that is a folder, not a PEM file.`);
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'not a certificate\n');
    expect(() => loadTls(junk, good.key)).toThrow(
      `--tls-cert ${junk} is not a PEM certificate Earmark can read`,
    );
    expect(() => loadTls(good.cert, junk)).toThrow(
      `--tls-key ${junk} is not a PEM private key Earmark can read`,
    );
    // Swapped: the key given as the certificate.
    expect(() => loadTls(good.key, good.cert)).toThrow(/--tls-cert .* is not a PEM certificate/);
    expect(() => loadTls(good.cert, other.key)).toThrow(
      `--tls-key ${other.key} is not the private key of --tls-cert ${good.cert}: they do not belong together.`,
    );
  });

  it.skipIf(process.getuid?.() === 0)('says when this user may not read the key', () => {
    const locked = join(dir, 'locked.key');
    writeFileSync(locked, 'secret');
    chmodSync(locked, 0o000);
    expect(() => loadTls(good.cert, locked)).toThrow(
      `--tls-key ${locked}: this user may not read it (permission denied)`,
    );
  });
});
