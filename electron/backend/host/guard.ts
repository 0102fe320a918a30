import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The browser host's request rules, one function each, so the server reads as a list of checks.
 *
 * Why all of them: other web servers on 127.0.0.1 (a developer's tools, another app's local UI) share
 * the host name with Earmark, and browsers treat a different port as the same *site*. So no credential
 * may ride along on its own (no cookie: the renderer sends the token as a header), and a request the
 * browser marks as coming from another origin is refused before the token is even looked at.
 */

/** The Host header names loopback on our port: a DNS-rebinding page (evil.example → 127.0.0.1) is refused. */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/**
 * Why a request that must come from the app's own page does not, or null when it may. Browsers send
 * `Sec-Fetch-Site` (and `Origin` on POSTs and CORS requests); a page of the app itself sends
 * `same-origin` and its own origin. A client that is not a browser (the tests, scripts, curl) sends
 * neither and is let through to the token check: without the page it has nothing to forge.
 */
export function crossOriginReason(req: IncomingMessage): string | null {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') {
    return `the request comes from another site or page (Sec-Fetch-Site: ${site}).`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) {
    return `the request comes from ${origin}, not from Earmark's own page.`;
  }
  return null;
}

/** The Bearer token of the Authorization header, if any: the only place the host takes it from. */
export function bearerOf(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : null;
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * True for `application/json` with any parameters (`; charset=utf-8`). API calls must say so: a form or
 * a `text/plain` fetch from another page can be sent without a CORS preflight, a JSON one cannot.
 */
export function isJsonContentType(header: string | undefined): boolean {
  return header?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * The request target's path, percent-decoded, or why it cannot be: the caller answers that with 400
 * (a client's mistake), never with a 500. Catches malformed percent-encoding (`/%`, `/%E0`, `/%ZZ`),
 * encoded NUL bytes (which the file system refuses) and targets that are not a path (`*`, `http://…`).
 */
export function decodedPath(
  target: string | undefined,
): { ok: true; raw: string; path: string } | { ok: false; raw: string; problem: string } {
  const raw = (target ?? '').split(/[?#]/, 1)[0]!;
  if (!raw.startsWith('/')) return { ok: false, raw, problem: 'it does not start with "/"' };
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    const notHex = /%(?![0-9A-Fa-f]{2}).{0,2}/.exec(raw)?.[0];
    const notUtf8 = /(?:%[89A-Fa-f][0-9A-Fa-f])+/.exec(raw)?.[0];
    const problem = notHex
      ? `its percent-encoding is malformed: "${notHex}" is not "%" and two hex digits`
      : `its percent-encoding is malformed: "${notUtf8 ?? raw}" is not UTF-8`;
    return { ok: false, raw, problem };
  }
  if (path.includes('\0')) return { ok: false, raw, problem: 'it contains an encoded NUL byte (%00)' };
  return { ok: true, raw, path };
}
