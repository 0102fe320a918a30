import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import * as tls from 'node:tls';
import {
  TEAM_IDENTITY,
  TEAM_IDENTITY_PATH,
  type TeamServerCheck,
  type TeamServerProblem,
} from '../../shared/desktop/team-server';

/**
 * Whether an address is a team server the desktop app may open, decided in plain Node (no 'electron'),
 * so every rule is tested against a real `serve --team`. The window itself (Chromium) checks the
 * certificate again when it loads the page; its error names are mapped to the same problems
 * (problemOfChromiumError), so the user reads one explanation whichever check caught it.
 */

/** What a user typed: `earmark.example`, `https://earmark.example:8443/`, `http://127.0.0.1:8080`. */
export function teamServerOrigin(address: string): TeamServerCheck {
  const typed = address.trim();
  const fail = (problem: TeamServerProblem, detail: string): TeamServerCheck => ({
    ok: false,
    problem,
    detail,
  });
  if (typed === '') return fail('invalid_address', 'empty');
  // A bare host name means HTTPS, as in a browser's address bar.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return fail('invalid_address', typed);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail('invalid_address', url.protocol);
  // Credentials in an address read as another site (`https://team.example@evil.example`); a path, query
  // or fragment means it is not the server's own address (a team server is served from its root).
  if (url.username || url.password || url.hostname === '') return fail('invalid_address', typed);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return fail('invalid_address', `${url.pathname}${url.search}${url.hash}`);
  }
  // A password over plain HTTP can be read on the way; only this computer's own loopback is exempt.
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) return fail('plain_http', url.origin);
  return { ok: true, origin: url.origin };
}

/** 127.0.0.0/8, ::1 and localhost: addresses that never leave this computer. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

export interface ProbeOptions {
  /** Gives up after this long without an answer (8 s): a firewall that drops packets never refuses. */
  timeoutMs?: number;
  /** Certificate authorities to trust instead of this computer's (tests trust their own test authority). */
  ca?: (string | Buffer)[];
  /**
   * The window's own network stack (Electron's `session.fetch`), asked only when Node could not reach or
   * could not trust the server: it goes through the system's proxy and trusts the system's certificate
   * store (where a company installs its authority, or an administrator a server's own certificate), as
   * the window will. It verifies certificates itself and is never told to accept one; when it fails too,
   * Node's more precise explanation is kept.
   */
  windowFetch?: (url: string) => Promise<IdentityAnswer>;
}

export interface IdentityAnswer {
  readonly status: number;
  readonly body: string;
}

/** Problems where Node and the window may disagree: proxies and the system's own certificate store. */
const ASK_THE_WINDOW: ReadonlySet<TeamServerProblem> = new Set([
  'self_signed',
  'untrusted',
  'unreachable',
  'not_found',
]);

/**
 * Checks the address and asks the server what it is, verifying its certificate as a browser would
 * (never accepting a certificate that fails: there is no "continue anyway").
 */
export async function checkTeamServer(address: string, options: ProbeOptions = {}): Promise<TeamServerCheck> {
  const target = teamServerOrigin(address);
  if (!target.ok) return target;
  const verdict = (answer: IdentityAnswer): TeamServerCheck =>
    answer.status === 200 && isTeamIdentity(answer.body)
      ? target
      : { ok: false, problem: 'not_earmark', detail: `HTTP ${answer.status} at ${TEAM_IDENTITY_PATH}` };
  try {
    return verdict(await getIdentity(target.origin, options));
  } catch (error) {
    const problem = problemOfNodeError(error);
    if (options.windowFetch && ASK_THE_WINDOW.has(problem)) {
      try {
        return verdict(await options.windowFetch(new URL(TEAM_IDENTITY_PATH, target.origin).href));
      } catch {
        // The window cannot open it either: Node's explanation is the more precise one.
      }
    }
    return { ok: false, problem, detail: errorDetail(error) };
  }
}

/** Node's TLS and socket error codes, as the problems the Settings screen explains. */
export function problemOfNodeError(error: unknown): TeamServerProblem {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'self_signed';
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'CERT_UNTRUSTED':
    case 'CERT_REJECTED':
      return 'untrusted';
    case 'CERT_HAS_EXPIRED':
      return 'expired';
    case 'CERT_NOT_YET_VALID':
      return 'not_yet_valid';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return 'wrong_host';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'not_found';
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EPIPE':
      return 'unreachable';
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'ERR_SSL_PACKET_LENGTH_TOO_LONG':
      return 'not_tls';
    default:
      break;
  }
  if (typeof code === 'string' && /CERT|ERR_TLS/.test(code)) return 'certificate';
  // OpenSSL names a plain-HTTP answer to a TLS hello "wrong version number" (Node's code varies).
  if (/wrong version number|packet length too long|http request/i.test(message)) return 'not_tls';
  if (code === 'EPROTO' || /ssl|tls/i.test(message)) return 'certificate';
  return 'unreachable';
}

/**
 * Chromium's network error names (Electron's `certificate-error` and `did-fail-load`, with or without
 * `net::`), as the same problems: the window's own check of what Node already checked.
 */
export function problemOfChromiumError(error: string): TeamServerProblem {
  const name = error.replace(/^net::/, '');
  switch (name) {
    case 'ERR_CERT_AUTHORITY_INVALID':
      return 'untrusted';
    case 'ERR_CERT_DATE_INVALID':
      return 'expired';
    case 'ERR_CERT_COMMON_NAME_INVALID':
      return 'wrong_host';
    case 'ERR_NAME_NOT_RESOLVED':
    case 'ERR_NAME_RESOLUTION_FAILED':
      return 'not_found';
    case 'ERR_CONNECTION_REFUSED':
    case 'ERR_CONNECTION_RESET':
    case 'ERR_CONNECTION_CLOSED':
    case 'ERR_CONNECTION_TIMED_OUT':
    case 'ERR_TIMED_OUT':
    case 'ERR_ADDRESS_UNREACHABLE':
    case 'ERR_INTERNET_DISCONNECTED':
    case 'ERR_NETWORK_CHANGED':
      return 'unreachable';
    case 'ERR_SSL_PROTOCOL_ERROR':
    case 'ERR_SSL_VERSION_OR_CIPHER_MISMATCH':
      return 'not_tls';
    default:
      return /CERT|SSL/.test(name) ? 'certificate' : 'unreachable';
  }
}

function isTeamIdentity(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown> | null;
    return parsed?.['product'] === TEAM_IDENTITY.product && parsed['kind'] === TEAM_IDENTITY.kind;
  } catch {
    return false;
  }
}

function errorDetail(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const text = typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
  // What the certificate says, for whoever fixes it: which names it is for, until when.
  const cert = (error as { cert?: { subjectaltname?: string; valid_to?: string } } | null)?.cert;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' && cert?.subjectaltname) {
    return `${text.replace(/:\s*$/, '')} (the certificate is for ${cert.subjectaltname})`;
  }
  return text;
}

/** At most this much of an answer is read: the identity is a few bytes; anything else is not ours. */
const MAX_IDENTITY_BYTES = 4096;

function getIdentity(origin: string, options: ProbeOptions): Promise<IdentityAnswer> {
  const url = new URL(TEAM_IDENTITY_PATH, origin);
  const secure = url.protocol === 'https:';
  const timeoutMs = options.timeoutMs ?? 8000;
  return new Promise((resolve, reject) => {
    const onAnswer = (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > MAX_IDENTITY_BYTES) res.destroy();
      });
      res.on('close', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body: '' }));
    };
    const common = { method: 'GET', headers: { Accept: 'application/json' }, timeout: timeoutMs };
    const req = secure
      ? httpsRequest(
          url,
          { ...common, rejectUnauthorized: true, ca: options.ca ?? trustedAuthorities(), agent: false },
          onAnswer,
        )
      : httpRequest(url, { ...common, agent: false }, onAnswer);
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error(`No answer within ${timeoutMs} ms.`), { code: 'ETIMEDOUT' })),
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * Node's bundled authorities plus this computer's own store where Node can read it (22.15+): the window's
 * Chromium trusts the operating system's store, where a company installs its own authority, and the
 * check must not refuse what the window would rightly accept.
 */
function trustedAuthorities(): string[] | undefined {
  const read = (tls as { getCACertificates?: (kind: 'default' | 'system') => string[] }).getCACertificates;
  if (!read) return undefined;
  try {
    return [...read('default'), ...read('system')];
  } catch {
    return undefined;
  }
}
