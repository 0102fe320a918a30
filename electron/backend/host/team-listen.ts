import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { createSecureContext } from 'node:tls';

/** How `earmark serve --team` is told where to listen and how to speak: checked before anything starts. */

export interface ListenAddress {
  /** As given, without IPv6 brackets: `0.0.0.0`, `::`, `127.0.0.1`, `team.example`. */
  readonly host: string;
  readonly port: number;
}

/** `HOST:PORT` (`0.0.0.0:8443`, `[::]:8443`, `127.0.0.1:0`), or an error naming what is wrong. */
export function parseListen(value: string): ListenAddress {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(value.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65535) {
    throw new Error(
      `--listen "${value}" is not HOST:PORT (e.g. 0.0.0.0:8443, [::]:8443 or 127.0.0.1:8080; port 0 picks a free one).`,
    );
  }
  const host = (match[1] ?? match[2])!;
  if (match[1] !== undefined && isIP(host) !== 6)
    throw new Error(`--listen "${value}": ${host} is not an IPv6 address.`);
  return { host, port };
}

/** True when only this computer can reach the address (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const name = host.toLowerCase();
  return name === 'localhost' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}

/**
 * Plain HTTP only where nobody else can listen in: on loopback, or behind a proxy that speaks HTTPS to
 * the browsers. Elsewhere every login's password (and every session cookie) would cross the network in
 * clear, readable by anyone on the way.
 */
export function plainHttpRefusal(
  listen: ListenAddress,
  options: { tls: boolean; behindProxy: boolean },
): string | null {
  if (options.tls || options.behindProxy || isLoopback(listen.host)) return null;
  return (
    `Refusing plain HTTP on ${listen.host}: passwords and session cookies would cross the network in clear. ` +
    'Give --tls-cert FILE --tls-key FILE, or --behind-proxy when a reverse proxy in front speaks HTTPS ' +
    '(then listen on 127.0.0.1 if the proxy runs on this machine).'
  );
}

export interface TlsFiles {
  readonly cert: Buffer;
  readonly key: Buffer;
}

/** Reads and checks the certificate and key once, at start: a mistake is named now, not at the first visitor. */
export function loadTls(certPath: string | undefined, keyPath: string | undefined): TlsFiles | null {
  if (certPath === undefined && keyPath === undefined) return null;
  if (certPath === undefined || keyPath === undefined) {
    throw new Error(
      '--tls-cert and --tls-key go together: give the certificate (PEM) and its private key (PEM).',
    );
  }
  const cert = readOption('--tls-cert', certPath);
  const key = readOption('--tls-key', keyPath);
  const problem = tlsProblem(cert, key, certPath, keyPath);
  if (problem) throw new Error(problem.message, { cause: problem.cause });
  return { cert, key };
}

function readOption(flag: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(`${flag} ${path}: ${unreadable(error as NodeJS.ErrnoException)}`, { cause: error });
  }
}

function unreadable(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'there is no such file.';
    case 'EACCES':
    case 'EPERM':
      return "this user may not read it (permission denied); run earmark as a user who may, or change the file's permissions.";
    case 'EISDIR':
      return 'that is a folder, not a PEM file.';
    default:
      return `it could not be read (${error.code ?? error.message}).`;
  }
}

/** What is wrong with the pair, or null: each file on its own first, so the message names the bad one. */
function tlsProblem(
  cert: Buffer,
  key: Buffer,
  certPath: string,
  keyPath: string,
): { message: string; cause: unknown } | null {
  const checks: [() => unknown, (text: string) => string][] = [
    [
      () => new X509Certificate(cert),
      (text) => `--tls-cert ${certPath} is not a PEM certificate Earmark can read (${text}).`,
    ],
    [
      () => createPrivateKey(key),
      (text) => `--tls-key ${keyPath} is not a PEM private key Earmark can read (${text}).`,
    ],
    [
      () => createSecureContext({ cert, key }),
      (text) =>
        /key values mismatch/i.test(text)
          ? `--tls-key ${keyPath} is not the private key of --tls-cert ${certPath}: they do not belong together.`
          : `The certificate ${certPath} and key ${keyPath} cannot be used together: ${text}`,
    ],
  ];
  for (const [check, describe] of checks) {
    try {
      check();
    } catch (error) {
      return { message: describe((error as Error).message), cause: error };
    }
  }
  return null;
}
