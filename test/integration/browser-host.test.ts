import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { startBrowserHost, type BrowserHost } from '../../electron/backend/host/server';
import type { InteractionDetail } from '../../shared/api';
import { call, testBackend } from '../support/backend';
import { sendRaw, type RawRequest } from '../support/http';
import { tempDir } from '../support/paths';

let backend: Backend;
let host: BrowserHost;
const cleanups: (() => void)[] = [];
let recordingId: number;
let recordingPath: string;

beforeAll(async () => {
  const started = await testBackend();
  backend = started.backend;
  cleanups.push(started.cleanup);
  const renderer = tempDir();
  cleanups.push(renderer.cleanup);
  mkdirSync(join(renderer.dir, 'assets'));
  writeFileSync(join(renderer.dir, 'index.html'), '<!doctype html><title>Earmark</title>');
  writeFileSync(join(renderer.dir, 'assets', 'app.js'), 'console.log(1)');
  host = await startBrowserHost({ backend, rendererDir: renderer.dir });
  await call(backend, 'demo.load');
  const { items } = await call<{ items: { id: number }[] }>(backend, 'library.list', {
    filters: { kind: 'call' },
  });
  const detail = await call<InteractionDetail>(backend, 'interaction.get', { id: items[0]!.id });
  recordingId = detail.recording!.id;
  recordingPath = (await backend.mediaFile(recordingId)).path;
});
afterAll(async () => {
  await host.close();
  cleanups.forEach((fn) => fn());
});

const send = (path: string, options: RawRequest = {}) => sendRaw(host.port, path, options);
const auth = () => ({ Authorization: `Bearer ${host.token}` });
const api = (method: string, body: string) =>
  send(`/api/${method}`, {
    method: 'POST',
    headers: { ...auth(), 'Content-Type': 'application/json' },
    body,
  });

describe('the browser host', () => {
  it('binds to loopback and prints a tokened URL', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('serves the app shell to anyone (it holds no data) and nothing else without the token', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js']) {
      expect((await send(path)).status, path).toBe(200);
    }
    const apiCall = await send('/api/app.info', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(apiCall.status).toBe(401);
    // The page shows this message when it was opened without the token.
    expect(apiCall.json()).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', message: expect.stringContaining('?token=') },
    });
    for (const path of [`/media/recording/${recordingId}`, '/events']) {
      expect((await send(path)).status, path).toBe(401);
    }
    const wrong = { Authorization: 'Bearer nope', 'Content-Type': 'application/json' };
    expect((await send('/api/app.info', { method: 'POST', headers: wrong, body: '{}' })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const answer = await send(`/?token=${host.token}`, { headers: { Host: `evil.example:${host.port}` } });
    expect(answer.status).toBe(403);
  });

  it('serves the app with a strict CSP and sets no cookie', async () => {
    const answer = await send(`/?token=${host.token}`);
    expect(answer.status).toBe(200);
    expect(answer.text()).toContain('<title>Earmark</title>');
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const path of [
      '/..%2F..%2Fetc%2Fpasswd',
      '/assets/..%2F..%2F..%2Fetc%2Fpasswd',
      '/../../etc/passwd',
    ]) {
      const answer = await send(path);
      expect(answer.text(), path).not.toContain('root:');
    }
  });

  it('answers a missing asset with 404, not with the app page in its place', async () => {
    const answer = await send('/assets/missing.js');
    expect(answer.status).toBe(404);
    expect(answer.text()).toBe('Not found.');
    // The app's own routes (no extension) still get the page.
    expect((await send('/review/12')).headers['content-type']).toMatch(/^text\/html/);
  });

  it('runs API calls through the one dispatch', async () => {
    const answer = await api('app.info', '{}');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ ok: true, value: { version: '0.0.0-test' } });
  });

  it('answers bad payloads with typed errors', async () => {
    const badJson = await api('library.list', '{"limit":');
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body.toString())).toMatchObject({
      ok: false,
      error: { code: 'invalid_params' },
    });
    const badParams = await api('interaction.get', '{"id":"x"}');
    expect(badParams.status).toBe(400);
    const unknown = await api('nope.nothing', '{}');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body.toString()).error.code).toBe('unknown_method');
    const huge = await api('library.list', JSON.stringify({ pad: 'x'.repeat(2 << 20) }));
    expect(huge.status).toBe(413);
    const get = await send('/api/app.info', { headers: auth() });
    expect(get.status).toBe(405);
  });

  it('serves media whole with its length, and byte ranges with 206', async () => {
    const file = readFileSync(recordingPath);
    const whole = await send(`/media/recording/${recordingId}`, { headers: auth() });
    expect(whole.status).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(Number(whole.headers['content-length'])).toBe(file.length);
    expect(whole.headers['content-type']).toBe('audio/wav');

    const part = await send(`/media/recording/${recordingId}`, {
      headers: { ...auth(), Range: 'bytes=100-199' },
    });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${file.length}`);
    expect(part.body.equals(file.subarray(100, 200))).toBe(true);

    const tail = await send(`/media/recording/${recordingId}`, {
      headers: { ...auth(), Range: 'bytes=-10' },
    });
    expect(tail.status).toBe(206);
    expect(tail.body.equals(file.subarray(file.length - 10))).toBe(true);

    const open = await send(`/media/recording/${recordingId}`, {
      headers: { ...auth(), Range: 'bytes=1000-' },
    });
    expect(open.headers['content-range']).toBe(`bytes 1000-${file.length - 1}/${file.length}`);
  });

  it('answers 416 only to a byte range past the end', async () => {
    for (const range of [`bytes=${10 ** 9}-`, 'bytes=-0']) {
      const answer = await send(`/media/recording/${recordingId}`, { headers: { ...auth(), Range: range } });
      expect(answer.status, range).toBe(416);
      expect(answer.headers['content-range']).toMatch(/^bytes \*\/\d+$/);
    }
  });

  it('ignores a Range header it cannot use and sends the whole recording (RFC 9110)', async () => {
    const size = readFileSync(recordingPath).length;
    for (const range of ['bytes=50-10', 'lines=1-2', 'bytes=x-y', 'bytes=0-1,5-6', 'bytes=', 'nonsense']) {
      const answer = await send(`/media/recording/${recordingId}`, { headers: { ...auth(), Range: range } });
      expect(answer.status, range).toBe(200);
      expect(answer.headers['content-range'], range).toBeUndefined();
      expect(answer.body.length, range).toBe(size);
    }
  });

  it('answers 404 for an unknown recording', async () => {
    expect((await send('/media/recording/99999', { headers: auth() })).status).toBe(404);
  });

  it('pushes backend events to server-sent-event clients', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/events', headers: auth() }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('library.changed')) {
            req.destroy();
            resolve(text);
          } else if (text.includes(': connected')) {
            backend.events.emit('library.changed', { reason: 'import' });
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(await received).toContain('event: library.changed\ndata: {"reason":"import"}');
  });
});
