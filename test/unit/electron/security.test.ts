import { describe, expect, it, vi } from 'vitest';
import {
  APP_ORIGIN,
  appOrigins,
  denyAllPermissions,
  hardenWebContents,
  isSafeExternalUrl,
  isTrustedSender,
  originOf,
  type HardenableContents,
  type NavigationEventLike,
  type PermissionSession,
} from '../../../electron/main/security';

const DEV = 'http://localhost:5173';
const origins = appOrigins(`${DEV}/`);
const isAppUrl = (url: string) => origins.includes(originOf(url) ?? '');

/** A WebContents stand-in that records what hardening registered, so the test can fire it. */
function fakeContents() {
  const listeners = new Map<string, (event: NavigationEventLike) => void>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents: HardenableContents = {
    on: (event: string, listener: (event: NavigationEventLike) => void) => listeners.set(event, listener),
    setWindowOpenHandler: (handler) => {
      openHandler = handler;
    },
  };
  const fire = (name: string, url: string) => {
    const event = { url, preventDefault: vi.fn() };
    const listener = listeners.get(name);
    if (!listener) throw new Error(`no ${name} listener`);
    listener(event);
    return event.preventDefault.mock.calls.length > 0;
  };
  const open = (url: string) => {
    if (!openHandler) throw new Error('no window open handler');
    return openHandler({ url });
  };
  return { contents, fire, open };
}

function hardened() {
  const fake = fakeContents();
  const openExternal = vi.fn();
  hardenWebContents(fake.contents, { isAppUrl, openExternal });
  return { ...fake, openExternal };
}

describe('hardenWebContents', () => {
  it('denies navigation and redirects away from the app', () => {
    const { fire } = hardened();
    for (const name of ['will-navigate', 'will-redirect']) {
      expect(fire(name, 'https://example.com/')).toBe(true);
      expect(fire(name, 'file:///etc/passwd')).toBe(true);
      expect(fire(name, 'http://localhost:5174/')).toBe(true);
      expect(fire(name, 'app://other/index.html')).toBe(true);
      expect(fire(name, 'not a url')).toBe(true);
    }
  });

  it("lets the app's own pages load (a reload, the dev server)", () => {
    const { fire } = hardened();
    expect(fire('will-navigate', 'app://earmark/index.html')).toBe(false);
    expect(fire('will-navigate', `${DEV}/index.html#/library`)).toBe(false);
  });

  it('prevents <webview> from attaching', () => {
    const { fire } = hardened();
    expect(fire('will-attach-webview', 'https://example.com/')).toBe(true);
  });

  it('denies every window.open and passes only https links to the OS browser', () => {
    const { open, openExternal } = hardened();
    expect(open('https://example.com/help?q=1')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/help?q=1');

    openExternal.mockClear();
    const refused = [
      'javascript:alert(1)',
      'file:///C:/Windows/System32/calc.exe',
      'http://example.com/',
      'earmark-media://recording/1',
      'app://earmark/index.html',
      'ms-settings:privacy',
      'data:text/html,<script>1</script>',
      'https://bank.example@evil.example/',
      'not a url',
    ];
    for (const url of refused) expect(open(url)).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
  });
});

describe('isSafeExternalUrl', () => {
  it('accepts https with a host only', () => {
    expect(isSafeExternalUrl('https://example.com')).toBe(true);
    expect(isSafeExternalUrl('HTTPS://EXAMPLE.COM/a')).toBe(true);
    expect(isSafeExternalUrl('https:')).toBe(false);
    expect(isSafeExternalUrl('http://example.com')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeExternalUrl('earmark-media://recording/1')).toBe(false);
    expect(isSafeExternalUrl('https://user:pass@example.com')).toBe(false);
  });
});

describe('denyAllPermissions', () => {
  it('refuses every permission request and check', () => {
    let request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | undefined;
    let check: (() => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (handler) => {
        request = handler;
      },
      setPermissionCheckHandler: (handler) => {
        check = handler;
      },
    });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
    expect(check?.()).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const main = (url: string) => ({ url, parent: null });

  it("trusts the app's main frame in production and on the dev server", () => {
    expect(isTrustedSender(main('app://earmark/index.html#/review/3'), origins)).toBe(true);
    expect(isTrustedSender(main(`${DEV}/`), origins)).toBe(true);
  });

  it('rejects subframes, even of the app itself', () => {
    const top = main('app://earmark/index.html');
    expect(isTrustedSender({ url: 'app://earmark/index.html', parent: top }, origins)).toBe(false);
  });

  it('rejects foreign origins, lookalikes and missing frames', () => {
    for (const url of [
      'https://evil.example/',
      'app://earmark.evil/index.html',
      'app://evil/index.html',
      'http://localhost:5174/',
      'file:///index.html',
      'about:blank',
      'app://user@earmark/index.html',
    ]) {
      expect(isTrustedSender(main(url), origins), url).toBe(false);
    }
    expect(isTrustedSender(null, origins)).toBe(false);
    expect(isTrustedSender(undefined, origins)).toBe(false);
  });

  it('does not trust a dev server unless one is configured', () => {
    expect(appOrigins(undefined)).toEqual([APP_ORIGIN]);
    expect(isTrustedSender(main(`${DEV}/`), appOrigins(undefined))).toBe(false);
  });
});
