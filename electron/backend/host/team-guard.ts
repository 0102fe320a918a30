import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * The team server's request rules, one function each. Unlike the workstation's browser host, the team
 * server is reached over a network by many people, who prove who they are with a session cookie. A
 * browser sends a cookie with every request to its site, also one another page triggers; so besides
 * `SameSite=Strict`, every API call, event stream and recording must come from the server's own page:
 * its `Origin` (and `Sec-Fetch-Site`, where the browser sends it) must say so. There is no CORS.
 */

export interface TeamTransport {
  /** The server speaks TLS itself (--tls-cert/--tls-key). */
  readonly tls: boolean;
  /** A reverse proxy in front (--behind-proxy): only then are its X-Forwarded-* headers believed. */
  readonly behindProxy: boolean;
  /** The origin the pages are served from (--origin), when the Host header is not to be trusted for it. */
  readonly origin: string | null;
}

/** The first value of a header that may be repeated or comma-joined by proxies. */
function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(',')[0]?.trim() || undefined;
}

/**
 * Whether the browser reached us over HTTPS: our own TLS, or a proxy that says so. A client cannot
 * claim it without --behind-proxy, since the header is then ignored.
 */
export function isSecureRequest(req: IncomingMessage, transport: TeamTransport): boolean {
  if (transport.tls || (req.socket as Partial<TLSSocket>).encrypted) return true;
  if (!transport.behindProxy) return false;
  return firstValue(req.headers['x-forwarded-proto'])?.toLowerCase() === 'https';
}

/** The server's own origin as the browser sees it: --origin, else scheme://host of this request. */
export function ownOrigin(req: IncomingMessage, transport: TeamTransport): string {
  if (transport.origin) return transport.origin;
  const forwardedHost = transport.behindProxy ? firstValue(req.headers['x-forwarded-host']) : undefined;
  const host = forwardedHost ?? req.headers.host ?? '';
  return `${isSecureRequest(req, transport) ? 'https' : 'http'}://${host.toLowerCase()}`;
}

/**
 * Why a request did not come from the server's own page, or null when it did. `Sec-Fetch-Site` must be
 * `same-origin` when sent; `Origin` must be ours when sent, and a state-changing call (every API call is
 * a POST) must send it: browsers always do for a POST, so its absence means a client we cannot tell
 * apart from a forged one.
 */
export function originRefusal(
  req: IncomingMessage,
  transport: TeamTransport,
  { stateChanging }: { stateChanging: boolean },
): string | null {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') {
    return `the request comes from another site or page (Sec-Fetch-Site: ${site}).`;
  }
  const origin = req.headers.origin;
  const own = ownOrigin(req, transport);
  if (origin === undefined) {
    if (!stateChanging) return null;
    return `the request has no Origin header; a team server only takes calls from its own page (${own}), which browsers send with one.`;
  }
  if (origin.toLowerCase() !== own) return `the request comes from ${origin}, not from ${own}.`;
  return null;
}

/** The caller's network address, for the login back-off: the proxy's X-Forwarded-For only behind one. */
export function clientAddress(req: IncomingMessage, transport: TeamTransport): string | null {
  if (transport.behindProxy) {
    const header = req.headers['x-forwarded-for'];
    const list = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
    // The last entry is the one our proxy added; those before it are whatever the client claimed.
    const last = list
      .map((part) => part.trim())
      .filter(Boolean)
      .pop();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? null;
}

/**
 * The session cookie's name: under HTTPS with the `__Host-` prefix, which browsers accept only with
 * `Secure`, `Path=/` and no Domain, so no other host and no plain-HTTP page can plant or overwrite it.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-earmark_session' : 'earmark_session';
}

/** The value of cookie `name` in the request's Cookie header, or null. */
export function cookieValue(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

/** Set-Cookie for a session token, kept until `expiresAt` (the session's absolute limit) at most. */
export function sessionCookie(secure: boolean, token: string, expiresAt: Date, now: Date): string {
  const maxAge = Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000));
  return cookieLine(secure, token, maxAge);
}

/** Set-Cookie that makes the browser forget the session token at once. */
export function clearedSessionCookie(secure: boolean): string {
  return cookieLine(secure, '', 0);
}

function cookieLine(secure: boolean, value: string, maxAge: number): string {
  const attributes = [`Max-Age=${maxAge}`, 'Path=/', 'HttpOnly', 'SameSite=Strict'];
  if (secure) attributes.push('Secure');
  return `${sessionCookieName(secure)}=${value}; ${attributes.join('; ')}`;
}
