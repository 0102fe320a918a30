/**
 * The renderer is treated as untrusted: it may only show the app's own pages, never open windows,
 * never get a browser permission, and reach the OS browser only with `https:` links. Each function
 * takes the narrow slice of Electron it needs, so tests pass plain fakes and this file never loads
 * 'electron' at run time.
 */

/** The app's own origins: `app://earmark` in production, the electron-vite dev server in development. */
export const APP_ORIGIN = 'app://earmark';

/** What the navigation listeners receive (Electron's `Event<WebContentsWillNavigateEventParams>`). */
export interface NavigationEventLike {
  readonly url: string;
  preventDefault(): void;
}

/** The part of `WebContents` that hardening touches. */
export interface HardenableContents {
  on(event: 'will-navigate', listener: (event: NavigationEventLike) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEventLike) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface HardenOptions {
  /** True for URLs of the app itself (navigating there is a reload, which is allowed). */
  isAppUrl(url: string): boolean;
  /** Opens a URL in the OS browser (`shell.openExternal`); only ever called with a safe https URL. */
  openExternal(url: string): void;
}

export function hardenWebContents(contents: HardenableContents, options: HardenOptions): void {
  const denyForeign = (event: NavigationEventLike) => {
    if (!options.isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', denyForeign);
  contents.on('will-redirect', denyForeign);
  // A <webview> would be a second, unhardened renderer; the UI never uses one.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Never a second Electron window: links meant for the web go to the user's browser.
    if (isSafeExternalUrl(url)) options.openExternal(new URL(url).href);
    return { action: 'deny' };
  });
}

/**
 * Only `https:` with a host and without credentials: `file:` opens local programs, `javascript:`
 * and custom schemes hand the renderer a way to drive other apps, `http:` can be tampered with.
 * Credentials are refused because `https://bank.example@evil.example` reads as the wrong site.
 */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === 'https:' &&
    parsed.hostname !== '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** The part of `Session` whose permission handlers are replaced. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

/**
 * The workstation needs no browser permission (no camera, microphone, notifications, geolocation);
 * playing audio needs none. Denying all means a compromised page cannot ask for one either.
 */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** The part of `WebFrameMain` an IPC sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * An IPC call is served only from the app's own page in its main frame: a subframe (an injected
 * iframe, say) or a page from another origin that somehow got the preload gets nothing.
 * A null frame means the sender navigated away or was destroyed before the call arrived.
 */
export function isTrustedSender(frame: FrameLike | null | undefined, appOrigins: readonly string[]): boolean {
  if (!frame || frame.parent !== null) return false;
  const origin = originOf(frame.url);
  return origin !== null && appOrigins.includes(origin);
}

/**
 * `scheme://host[:port]`, or null for URLs that have no host (about:blank, data:, javascript:).
 * Node's `URL.origin` is "null" for custom schemes such as `app:`, so it cannot be used here.
 */
export function originOf(url: string): string | null {
  const parsed = parse(url);
  if (!parsed || parsed.host === '' || parsed.username !== '' || parsed.password !== '') return null;
  return `${parsed.protocol}//${parsed.host}`;
}

/** The origins the app runs from: always `app://earmark`, plus the dev server while developing. */
export function appOrigins(devServerUrl: string | undefined): string[] {
  const dev = devServerUrl ? originOf(devServerUrl) : null;
  return dev ? [APP_ORIGIN, dev] : [APP_ORIGIN];
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
