import { afterEach, describe, expect, it } from 'vitest';
import { createBrowserBridge } from '../../../renderer/src/api/browser-bridge';

/**
 * The browser bridge on a team server: no token in the address, the session cookie rides along by
 * itself. A stand-in for the server answers /events with 401 until someone has logged in.
 */
describe('the browser bridge without a token (a team server)', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  function fakeTeamServer() {
    const requests: { url: string; authorization: string | null }[] = [];
    let loggedIn = false;
    globalThis.fetch = (async (url: string, init: RequestInit = {}) => {
      requests.push({ url, authorization: new Headers(init.headers).get('authorization') });
      if (url === '/api/session.login') {
        loggedIn = true;
        return Response.json({ ok: true, value: { username: 'sam' } });
      }
      if (url === '/api/session.logout') {
        loggedIn = false;
        return Response.json({ ok: true, value: { loggedOut: true } });
      }
      if (url === '/events') {
        if (!loggedIn) return new Response('Log in first.', { status: 401 });
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(
              new TextEncoder().encode('event: library.changed\ndata: {"reason":"import"}\n\n'),
            );
          },
        });
        return new Response(body, { status: 200 });
      }
      return Response.json({ ok: false, error: { code: 'unknown_method', message: url } }, { status: 404 });
    }) as typeof fetch;
    return requests;
  }

  it('plays recordings from their plain address: the cookie is the access, no ticket is asked for', async () => {
    const requests = fakeTeamServer();
    const bridge = createBrowserBridge(null);
    expect(await bridge.mediaUrl(42)).toBe('/media/recording/42');
    expect(requests).toEqual([]);
  });

  it('opens the event stream again after a login (refused before it) and closes it at logout', async () => {
    const requests = fakeTeamServer();
    const bridge = createBrowserBridge(null);
    const heard: unknown[] = [];
    bridge.on('library.changed', (payload) => heard.push(payload));
    await expect.poll(() => requests.filter((r) => r.url === '/events').length).toBe(1);

    expect((await bridge.session.login({ username: 'sam', password: 'a long enough password' })).ok).toBe(
      true,
    );
    await expect.poll(() => heard).toEqual([{ reason: 'import' }]);
    expect(requests.every((r) => r.authorization === null)).toBe(true);

    await bridge.session.logout({});
    const streams = requests.filter((r) => r.url === '/events').length;
    expect(streams).toBe(2);
  });
});
