import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  clearedSessionCookie,
  clientAddress,
  cookieValue,
  isSecureRequest,
  originRefusal,
  ownOrigin,
  sessionCookie,
  type TeamTransport,
} from '../../../electron/backend/host/team-guard';

/** The team server's per-request rules, on requests as node's http hands them over. */
function req(headers: Record<string, string>, remoteAddress = '192.0.2.1'): IncomingMessage {
  return { headers, socket: { remoteAddress } } as unknown as IncomingMessage;
}
const plain: TeamTransport = { tls: false, behindProxy: false, origin: null };
const proxy: TeamTransport = { tls: false, behindProxy: true, origin: null };

describe('the team server guard', () => {
  it('knows its own origin from the request, or --origin', () => {
    expect(ownOrigin(req({ host: 'Earmark.example:8080' }), plain)).toBe('http://earmark.example:8080');
    expect(ownOrigin(req({ host: 'earmark.example' }), { ...plain, tls: true })).toBe(
      'https://earmark.example',
    );
    const forwarded = req({
      host: '127.0.0.1:8080',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'earmark.example',
    });
    expect(ownOrigin(forwarded, proxy)).toBe('https://earmark.example');
    expect(ownOrigin(forwarded, plain)).toBe('http://127.0.0.1:8080');
    expect(ownOrigin(forwarded, { ...proxy, origin: 'https://qa.example' })).toBe('https://qa.example');
  });

  it('believes X-Forwarded-* only behind a proxy, and takes the address the proxy added', () => {
    const headers = { host: 'h', 'x-forwarded-proto': 'https', 'x-forwarded-for': '10.9.9.9, 203.0.113.5' };
    expect(isSecureRequest(req(headers), plain)).toBe(false);
    expect(isSecureRequest(req(headers), proxy)).toBe(true);
    expect(clientAddress(req(headers), plain)).toBe('192.0.2.1');
    expect(clientAddress(req(headers), proxy)).toBe('203.0.113.5');
    expect(clientAddress(req({ host: 'h' }), proxy)).toBe('192.0.2.1');
  });

  it('refuses other origins, cross-site fetches, and state-changing calls without an Origin', () => {
    const own = { host: 'earmark.example' };
    const post = { stateChanging: true };
    const get = { stateChanging: false };
    expect(originRefusal(req({ ...own, origin: 'http://earmark.example' }), plain, post)).toBeNull();
    expect(originRefusal(req({ ...own, origin: 'http://evil.example' }), plain, post)).toMatch(
      /from http:\/\/evil/,
    );
    expect(originRefusal(req({ ...own, origin: 'null' }), plain, post)).toMatch(/comes from null/);
    expect(originRefusal(req(own), plain, post)).toMatch(/has no Origin header/);
    expect(originRefusal(req(own), plain, get)).toBeNull();
    for (const site of ['cross-site', 'same-site', 'none'])
      expect(originRefusal(req({ ...own, 'sec-fetch-site': site }), plain, get)).toMatch(site);
    expect(originRefusal(req({ ...own, 'sec-fetch-site': 'same-origin' }), plain, get)).toBeNull();
  });

  it('reads and writes the session cookie', () => {
    expect(cookieValue(req({ cookie: 'a=1; earmark_session=tok; b=2' }), 'earmark_session')).toBe('tok');
    expect(cookieValue(req({ cookie: 'xearmark_session=tok' }), 'earmark_session')).toBeNull();
    expect(cookieValue(req({}), 'earmark_session')).toBeNull();
    const now = new Date('2026-01-01T00:00:00Z');
    const later = new Date('2026-01-01T12:00:00Z');
    expect(sessionCookie(false, 'tok', later, now)).toBe(
      'earmark_session=tok; Max-Age=43200; Path=/; HttpOnly; SameSite=Strict',
    );
    expect(sessionCookie(true, 'tok', later, now)).toBe(
      '__Host-earmark_session=tok; Max-Age=43200; Path=/; HttpOnly; SameSite=Strict; Secure',
    );
    expect(clearedSessionCookie(true)).toBe(
      '__Host-earmark_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict; Secure',
    );
  });
});
