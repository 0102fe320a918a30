import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { startBrowserHost, type BrowserHost } from '../../electron/backend/host/server';
import { TICKET_LIFETIME_MS } from '../../electron/backend/host/media-tickets';
import type { InteractionDetail, Settings } from '../../shared/api';
import { call, testBackend } from '../support/backend';
import { sendRaw, type RawRequest } from '../support/http';
import { tempDir } from '../support/paths';

/**
 * What the browser host protects, rule by rule (issue 11: other local pages, malformed addresses,
 * symlinks, media tickets). Every request is raw, so the tests send exactly the headers a hostile page's
 * browser would (Origin, Sec-Fetch-Site) and the bytes a careless client would.
 */

let backend: Backend;
let host: BrowserHost;
let otherHost: BrowserHost;
let now = Date.UTC(2026, 0, 5, 9);
const cleanups: (() => void)[] = [];
let recordings: { id: number; path: string }[];
let outside: string;
let rendererDir: string;

beforeAll(async () => {
  const started = await testBackend();
  backend = started.backend;
  cleanups.push(started.cleanup);
  const scratch = tempDir();
  cleanups.push(scratch.cleanup);
  rendererDir = join(scratch.dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Earmark</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  outside = join(scratch.dir, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.txt'), 'TOP SECRET: root:x:0:0');
  // Symlinks planted in the served folder: a file and a folder leading out of it, one staying inside.
  symlinkSync(join(outside, 'secret.txt'), join(rendererDir, 'leak.txt'));
  symlinkSync(outside, join(rendererDir, 'assets', 'elsewhere'));
  symlinkSync(join(rendererDir, 'assets', 'app.js'), join(rendererDir, 'assets', 'alias.js'));

  host = await startBrowserHost({ backend, rendererDir, clock: () => now });
  otherHost = await startBrowserHost({ backend, rendererDir, token: host.token });
  await call(backend, 'demo.load');
  const { items } = await call<{ items: { id: number }[] }>(backend, 'library.list', {
    filters: { kind: 'call' },
  });
  recordings = [];
  for (const item of items) {
    const detail = await call<InteractionDetail>(backend, 'interaction.get', { id: item.id });
    recordings.push({ id: detail.recording!.id, path: (await backend.mediaFile(detail.recording!.id)).path });
  }
});
afterAll(async () => {
  await host.close();
  await otherHost.close();
  cleanups.forEach((fn) => fn());
});

const send = (path: string, options: RawRequest = {}) => sendRaw(host.port, path, options);
const own = () => `http://127.0.0.1:${host.port}`;
const bearer = () => ({ Authorization: `Bearer ${host.token}` });
const json = { 'Content-Type': 'application/json' };
/** What Chromium adds to a fetch() from a page of another origin. */
const fromPage = (origin: string, site: string) => ({ Origin: origin, 'Sec-Fetch-Site': site });
const apiCall = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  send(`/api/${method}`, {
    method: 'POST',
    headers: { ...bearer(), ...json, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const language = async () => (await call<Settings>(backend, 'settings.get')).language;
const mint = async (recordingId: number, port = host.port) => {
  const answer = await sendRaw(port, '/media/tickets', {
    method: 'POST',
    headers: { ...bearer(), ...json },
    body: JSON.stringify({ recordingId }),
  });
  expect(answer.status, answer.text()).toBe(200);
  return answer.json<{ ok: true; value: { url: string; expiresAt: number } }>().value;
};

describe('no credential travels on its own', () => {
  it('sets no cookie, and a cookie or a query token opens nothing', async () => {
    expect((await send(`/?token=${host.token}`)).headers['set-cookie']).toBeUndefined();
    const cookie = { Cookie: `earmark_token=${host.token}` };
    expect((await send('/api/app.info', { method: 'POST', headers: { ...cookie, ...json } })).status).toBe(
      401,
    );
    expect((await send(`/media/recording/${recordings[0]!.id}`, { headers: cookie })).status).toBe(401);
    expect((await send('/events', { headers: cookie })).status).toBe(401);
    const query = `?token=${host.token}`;
    expect((await send(`/api/app.info${query}`, { method: 'POST', headers: json })).status).toBe(401);
    expect((await send(`/media/recording/${recordings[0]!.id}${query}`)).status).toBe(401);
    expect((await send(`/events${query}`)).status).toBe(401);
  });
});

describe('API calls', () => {
  it('must be application/json, so no form or text/plain post skips the CORS preflight', async () => {
    const before = await language();
    for (const type of [
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonp',
    ]) {
      const answer = await apiCall('settings.update', { language: 'fi' }, { 'Content-Type': type });
      expect(answer.status, type).toBe(415);
      expect(answer.json().error).toMatchObject({ code: 'unsupported_media' });
      expect(answer.json().error!.message).toContain(type);
    }
    const missing = await send('/api/settings.update', {
      method: 'POST',
      headers: bearer(),
      body: '{"language":"fi"}',
    });
    expect(missing.status).toBe(415);
    expect(await language()).toBe(before);
    expect(
      (await apiCall('app.info', {}, { 'Content-Type': 'Application/JSON; charset=utf-8' })).status,
    ).toBe(200);
  });

  it("are refused from any page but the app's own, before the token is looked at", async () => {
    const before = await language();
    const otherPort = `http://127.0.0.1:${host.port + 1}`;
    const refused: Record<string, string>[] = [
      fromPage(otherPort, 'same-site'),
      fromPage(`http://localhost:${host.port}`, 'cross-site'), // another origin on the same port
      fromPage('null', 'cross-site'), // sandboxed frames, file: pages
      fromPage('https://evil.example', 'cross-site'),
      { Origin: otherPort }, // a browser without Sec-Fetch-*
      { 'Sec-Fetch-Site': 'same-site' },
      { 'Sec-Fetch-Site': 'none' },
    ];
    for (const headers of refused) {
      const answer = await apiCall('settings.update', { language: 'fi' }, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.json().error).toMatchObject({ code: 'forbidden' });
    }
    expect(await language()).toBe(before);
  });

  it("are answered for the app's own page, by 127.0.0.1 or localhost, and for clients that are not browsers", async () => {
    expect((await apiCall('app.info', {}, fromPage(own(), 'same-origin'))).status).toBe(200);
    expect((await apiCall('app.info', {}, { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    const viaLocalhost = await apiCall(
      'app.info',
      {},
      {
        Host: `localhost:${host.port}`,
        ...fromPage(`http://localhost:${host.port}`, 'same-origin'),
      },
    );
    expect(viaLocalhost.status).toBe(200);
    // Scripts, the tests and the CLI send neither header; the token alone admits them.
    expect((await apiCall('app.info', {})).status).toBe(200);
  });

  it('refuses a CORS preflight from another page', async () => {
    const answer = await send('/api/settings.update', {
      method: 'OPTIONS',
      headers: {
        ...fromPage(`http://127.0.0.1:${host.port + 1}`, 'same-site'),
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(answer.status).toBe(403);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the event stream', () => {
  const openStream = (headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/events', headers }, (res) => {
        req.destroy();
        resolve(res.statusCode!);
      });
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
      req.end();
    });

  it("needs the bearer token and the app's own page", async () => {
    expect(await openStream({})).toBe(401);
    expect(
      await openStream({ ...bearer(), ...fromPage(`http://127.0.0.1:${host.port + 1}`, 'same-site') }),
    ).toBe(403);
    expect(await openStream({ 'Sec-Fetch-Site': 'cross-site' })).toBe(403);
    expect(await openStream({ ...bearer(), 'Sec-Fetch-Site': 'same-origin' })).toBe(200);
  });
});

describe('media tickets', () => {
  it('open exactly one recording, with Range, for a page of the app', async () => {
    const [first, second] = recordings;
    const { url, expiresAt } = await mint(first!.id);
    expect(url).toMatch(new RegExp(`^/media/recording/${first!.id}\\?ticket=[\\w.-]+$`));
    expect(expiresAt).toBe(now + TICKET_LIFETIME_MS);
    const file = readFileSync(first!.path);
    const part = await send(url, { headers: { Range: 'bytes=100-199', 'Sec-Fetch-Site': 'same-origin' } });
    expect(part.status).toBe(206);
    expect(part.body.equals(file.subarray(100, 200))).toBe(true);

    const ticket = new URL(url, own()).searchParams.get('ticket')!;
    const forAnother = await send(`/media/recording/${second!.id}?ticket=${ticket}`);
    expect(forAnother.status).toBe(403);
    const tampered = ticket.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await send(`/media/recording/${first!.id}?ticket=${tampered}`)).status).toBe(403);
    const longer = ticket.replace(/^\d+/, String(expiresAt + TICKET_LIFETIME_MS));
    expect((await send(`/media/recording/${first!.id}?ticket=${longer}`)).status).toBe(403);
    expect((await send(`/media/recording/${first!.id}?ticket=garbage`)).status).toBe(403);
  });

  it('are refused to another page even with a valid ticket (an <audio> on another local site)', async () => {
    const { url } = await mint(recordings[0]!.id);
    const headers = fromPage(`http://127.0.0.1:${host.port + 1}`, 'same-site');
    expect((await send(url, { headers: { 'Sec-Fetch-Site': headers['Sec-Fetch-Site'] } })).status).toBe(403);
    expect((await send(url, { headers: { Origin: headers.Origin } })).status).toBe(403);
  });

  it('expire after their lifetime, and a restarted host knows none of the old ones', async () => {
    const { url } = await mint(recordings[0]!.id);
    expect((await send(url)).status).toBe(200);
    now += TICKET_LIFETIME_MS;
    try {
      const expired = await send(url);
      expect(expired.status).toBe(401);
      expect(expired.text()).toMatch(/expired/);
    } finally {
      now -= TICKET_LIFETIME_MS;
    }
    // Same token, different process: its own signing key.
    expect((await sendRaw(otherHost.port, url)).status).toBe(403);
  });

  it('are minted only under the API rules, for recordings that exist', async () => {
    const body = JSON.stringify({ recordingId: recordings[0]!.id });
    const post = (headers: Record<string, string>, payload = body) =>
      send('/media/tickets', { method: 'POST', headers, body: payload });
    expect((await post(json)).status).toBe(401);
    expect((await post({ ...bearer(), 'Content-Type': 'text/plain' })).status).toBe(415);
    expect(
      (await post({ ...bearer(), ...json, ...fromPage(`http://127.0.0.1:${host.port + 1}`, 'same-site') }))
        .status,
    ).toBe(403);
    expect((await send('/media/tickets', { headers: bearer() })).status).toBe(405);
    const unknown = await post({ ...bearer(), ...json }, '{"recordingId":99999}');
    expect(unknown.status).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'not_found' });
    for (const bad of ['{}', '{"recordingId":"1"}', '{"recordingId":0}', '{"recordingId":1.5}', 'null']) {
      const answer = await post({ ...bearer(), ...json }, bad);
      expect(answer.status, bad).toBe(400);
      expect(answer.json().error!.message, bad).toContain('recordingId');
    }
  });
});

describe('malformed addresses', () => {
  it('are a 400 that names the problem, never a 500', async () => {
    for (const path of ['/%', '/%E0', '/assets/%ZZ.js', '/media/recording/%ZZ', '/events%', '/%00']) {
      const answer = await send(path, { headers: bearer() });
      expect(answer.status, path).toBe(400);
      expect(answer.text(), path).toMatch(/not valid: (its percent-encoding is malformed|it contains)/);
    }
    const badUtf8 = await send('/api/%E0', { method: 'POST', headers: { ...bearer(), ...json }, body: '{}' });
    expect(badUtf8.status).toBe(400);
    expect(badUtf8.json().error).toMatchObject({ code: 'invalid_params' });
    expect(badUtf8.json().error!.message).toContain('"%E0" is not UTF-8');
    const badHex = await send('/media/recording/%ZZ');
    expect(badHex.text()).toContain('"%ZZ" is not "%" and two hex digits');
  });

  it('outside the recording routes are a 404, not the app', async () => {
    for (const path of ['/media/recording/abc', '/media/recording/0', '/media/recording/1/x', '/media/x']) {
      expect((await send(path, { headers: bearer() })).status, path).toBe(404);
    }
  });
});

describe('symlinks', () => {
  it('in the served renderer folder cannot lead out of it', async () => {
    for (const path of ['/leak.txt', '/assets/elsewhere/secret.txt']) {
      const answer = await send(path);
      expect(answer.status, path).toBe(404);
      expect(answer.text(), path).not.toContain('TOP SECRET');
    }
    const inside = await send('/assets/alias.js');
    expect(inside.status).toBe(200);
    expect(inside.text()).toBe('console.log(1)');
  });

  it('never make a recording serve a file outside its folder', async () => {
    const swapped = recordings[1]!;
    const original = readFileSync(swapped.path);
    rmSync(swapped.path);
    symlinkSync(join(outside, 'secret.txt'), swapped.path);
    try {
      const byToken = await send(`/media/recording/${swapped.id}`, { headers: bearer() });
      expect(byToken.status).toBe(403);
      expect(byToken.text()).not.toContain('TOP SECRET');
      const { url } = await mint(swapped.id);
      expect((await send(url)).status).toBe(403);
      // Not the data folder's own files either: a link to the database is refused.
      rmSync(swapped.path);
      expect(existsSync(join(backend.dataDir, 'earmark.sqlite'))).toBe(true);
      symlinkSync(join(backend.dataDir, 'earmark.sqlite'), swapped.path);
      expect((await send(`/media/recording/${swapped.id}`, { headers: bearer() })).status).toBe(403);
    } finally {
      rmSync(swapped.path);
      writeFileSync(swapped.path, original);
    }
    expect((await send(`/media/recording/${swapped.id}`, { headers: bearer() })).status).toBe(200);
  });
});

describe('an unexpected failure in the host', () => {
  it('answers with a reference and logs the error, never sending its text', async () => {
    const logged: string[] = [];
    // A backend whose dispatch breaks as a bug would: the host's own last line of defence answers.
    const broken = {
      ...backend,
      dispatch: () => Promise.reject(new Error('SQLITE_CORRUPT at /home/anna/.local/share/earmark')),
    } as Backend;
    const faulty = await startBrowserHost({ backend: broken, rendererDir, log: (line) => logged.push(line) });
    try {
      const answer = await sendRaw(faulty.port, '/api/app.info', {
        method: 'POST',
        headers: { Authorization: `Bearer ${faulty.token}`, ...json },
        body: '{}',
      });
      expect(answer.status).toBe(500);
      expect(answer.text()).not.toContain('SQLITE_CORRUPT');
      expect(answer.text()).not.toContain('/home/anna');
      const reference = /reference ([A-Z0-9]{6})/.exec(answer.text())?.[1];
      expect(reference).toBeDefined();
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain(reference);
      expect(logged[0]).toContain('SQLITE_CORRUPT');
    } finally {
      await faulty.close();
    }
  });
});
