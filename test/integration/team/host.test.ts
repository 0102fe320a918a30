import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { TeamServer } from '../../../electron/backend/host/team-server';
import { freshPostgresUrl } from '../../support/engines';
import { writeToneWav } from '../../support/library-fixture';
import { tempDir } from '../../support/paths';
import { addAccount } from '../accounts/team-fixture';
import {
  call,
  cookieFrom,
  originOf,
  rendererFolder,
  send,
  setCookies,
  teamProcess,
} from './team-host-fixture';

/**
 * `earmark serve --team` over real HTTP: two server processes (two servers, each with its own backend)
 * on one PostgreSQL, a browser's session cookie, the Origin rules, recordings and server-sent events.
 */
const PASSWORD = 'a long enough password';
const cleanups: (() => Promise<void> | void)[] = [];
let a: { backend: Backend; server: TeamServer };
let b: { backend: Backend; server: TeamServer };
let recording: { id: number; path: string };
let interactionId: number;

beforeAll(async () => {
  const url = await freshPostgresUrl();
  const renderer = rendererFolder();
  cleanups.push(renderer.cleanup);
  const first = await teamProcess(url, renderer.dir);
  cleanups.push(first.stop);
  const second = await teamProcess(url, renderer.dir);
  cleanups.push(second.stop);
  a = first;
  b = second;
  await addAccount(a.backend, 'sam', 'qa_supervisor', PASSWORD);
  await addAccount(a.backend, 'lee', 'team_lead', PASSWORD);
  const agent = await a.backend.database.query
    .insertInto('agents')
    .values({ name: 'Pekka Virtanen' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addAccount(a.backend, 'pekka', 'agent', PASSWORD, { agent: agent.id });
  const source = tempDir('earmark-team-calls-');
  cleanups.push(source.cleanup);
  const wav = join(source.dir, 'call-1.wav');
  writeToneWav(wav, 440, 2);
  // A job of either process (pg-boss): wait for the batch in the database.
  const { batchId } = await a.backend.imports.start({ paths: [wav] });
  const deadline = Date.now() + 90_000;
  while ((await a.backend.imports.status(batchId)).state !== 'done') {
    if (Date.now() > deadline) throw new Error('The import did not finish in 90 s.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect((await a.backend.imports.status(batchId)).failed).toBe(0);
  recording = await a.backend.database.query
    .selectFrom('recordings')
    .select(['id', 'path'])
    .executeTakeFirstOrThrow();
  interactionId = (
    await a.backend.database.query.selectFrom('interactions').select('id').executeTakeFirstOrThrow()
  ).id;
}, 120_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const login = (server: TeamServer, username = 'sam', cookie?: string) =>
  call(server, 'session.login', { username, password: PASSWORD }, { cookie });

describe('the team server over HTTP', () => {
  it('logs in with a session cookie: HttpOnly, SameSite=Strict, Path=/, Max-Age of the session, no token in the reply', async () => {
    const answer = await login(a.server);
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({ ok: true, value: { username: 'sam', role: 'qa_supervisor' } });
    const [line, ...more] = setCookies(answer);
    expect(more).toEqual([]);
    expect(line).toMatch(
      /^earmark_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    // Plain HTTP on loopback: no Secure, so no __Host- prefix either.
    const token = cookieFrom(answer).split('=')[1]!;
    expect(answer.text()).not.toContain(token);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a call without the cookie and answers it with the cookie', async () => {
    const without = await call(a.server, 'library.list');
    expect(without.status).toBe(403);
    expect(without.json().error).toMatchObject({
      code: 'not_allowed',
      message: expect.stringMatching(/Log in first/),
    });
    const forged = await call(a.server, 'library.list', {}, { cookie: 'earmark_session=not-a-session' });
    expect(forged.json().error?.message).toMatch(/Log in again/);

    const cookie = cookieFrom(await login(a.server));
    const listed = await call(a.server, 'library.list', {}, { cookie });
    expect(listed.status).toBe(200);
    expect(
      listed.json<{ ok: true; value: { items: { id: number }[] } }>().value.items.map((item) => item.id),
    ).toEqual([interactionId]);
    const me = await call(a.server, 'session.me', {}, { cookie });
    expect(me.json()).toMatchObject({ ok: true, value: { account: { username: 'sam' } } });
  });

  it('rotates the session on login: the cookie a browser had before is worth nothing after', async () => {
    const before = cookieFrom(await login(a.server));
    const after = cookieFrom(await login(a.server, 'lee', before));
    expect(after).not.toBe(before);
    expect((await call(a.server, 'library.list', {}, { cookie: before })).json().error?.message).toMatch(
      /Log in again/,
    );
    expect((await call(a.server, 'session.me', {}, { cookie: after })).json()).toMatchObject({
      value: { account: { username: 'lee' } },
    });
  });

  it('clears the cookie at logout, and the session is over on every process', async () => {
    const cookie = cookieFrom(await login(a.server));
    const out = await call(b.server, 'session.logout', {}, { cookie });
    expect(out.json()).toEqual({ ok: true, value: { loggedOut: true } });
    expect(setCookies(out)).toEqual(['earmark_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict']);
    expect((await call(a.server, 'library.list', {}, { cookie })).status).toBe(403);
  });

  it('refuses API calls from another origin, without an Origin, or marked cross-site, cookie or not', async () => {
    const cookie = cookieFrom(await login(a.server));
    const wrong = await call(
      a.server,
      'library.list',
      {},
      { cookie, headers: { Origin: 'https://evil.example' } },
    );
    expect(wrong.status).toBe(403);
    expect(wrong.json().error).toMatchObject({
      code: 'forbidden',
      message: `Refused: the request comes from https://evil.example, not from ${originOf(a.server)}.`,
    });
    // Another port of the same host is another origin.
    const port = await call(
      a.server,
      'library.list',
      {},
      { cookie, headers: { Origin: originOf(b.server) } },
    );
    expect(port.status).toBe(403);

    const missing = await send(a.server, '/api/library.list', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: '{}',
    });
    expect(missing.status).toBe(403);
    expect(missing.json().error?.message).toMatch(/has no Origin header/);

    const crossSite = await call(
      a.server,
      'library.list',
      {},
      { cookie, headers: { 'Sec-Fetch-Site': 'cross-site' } },
    );
    expect(crossSite.status).toBe(403);
    expect(crossSite.json().error?.message).toMatch(/Sec-Fetch-Site: cross-site/);
    const sameSite = await call(
      a.server,
      'library.list',
      {},
      { cookie, headers: { 'Sec-Fetch-Site': 'same-site' } },
    );
    expect(sameSite.status).toBe(403);
    // A login is a state-changing call too (login CSRF).
    const loginElsewhere = await call(
      a.server,
      'session.login',
      { username: 'sam', password: PASSWORD },
      {
        headers: { Origin: 'null' },
      },
    );
    expect(loginElsewhere.status).toBe(403);
    expect(setCookies(loginElsewhere)).toEqual([]);
  });

  it('takes a cookie from either process: two processes on one database are one server', async () => {
    const cookie = cookieFrom(await login(a.server));
    expect((await call(b.server, 'library.list', {}, { cookie })).status).toBe(200);
    const viaB = cookieFrom(await login(b.server));
    expect((await call(a.server, 'session.me', {}, { cookie: viaB })).json()).toMatchObject({
      value: { account: { username: 'sam' } },
    });
  });

  it('serves a recording with Range to a logged-in session only, through either process', async () => {
    const cookie = cookieFrom(await login(a.server));
    const path = `/media/recording/${recording.id}`;
    const file = readFileSync(recording.path);
    const part = await send(b.server, path, {
      headers: { Cookie: cookie, Range: 'bytes=100-1099', 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-1099/${file.length}`);
    expect(part.headers['content-type']).toMatch(/audio/);
    expect(part.body.equals(file.subarray(100, 1100))).toBe(true);
    const whole = await send(a.server, path, { headers: { Cookie: cookie } });
    expect(whole.status).toBe(200);
    expect(whole.body.equals(file)).toBe(true);

    const anonymous = await send(a.server, path, { headers: { Range: 'bytes=0-9' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.length).toBeLessThan(200);
    const embedded = await send(a.server, path, {
      headers: { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(embedded.status).toBe(403);
    const foreign = await send(a.server, path, {
      headers: { Cookie: cookie, Origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect((await send(a.server, `/media/recording/999999`, { headers: { Cookie: cookie } })).status).toBe(
      404,
    );
    expect((await send(a.server, path, { method: 'POST', headers: { Cookie: cookie } })).status).toBe(405);
  });

  it("refuses a recording to a role the role table does not let play recordings (an agent's account)", async () => {
    const cookie = cookieFrom(await login(a.server, 'pekka'));
    const refused = await send(a.server, `/media/recording/${recording.id}`, { headers: { Cookie: cookie } });
    expect(refused.status).toBe(403);
    expect(refused.text()).toMatch(
      /^An agent \(role agent\) may not play recordings \(recording\.encodedAudio\)/,
    );
  });

  it('answers a team lead a recording of a call outside their teams as one that is not there', async () => {
    // Lee leads no team yet; the call is nobody's: not a call of his teams.
    const cookie = cookieFrom(await login(a.server, 'lee'));
    const refused = await send(a.server, `/media/recording/${recording.id}`, { headers: { Cookie: cookie } });
    expect(refused.status).toBe(404);
    expect(refused.text()).toBe(`There is no recording with id ${recording.id}.`);
    const samCookie = cookieFrom(await login(a.server));
    expect(
      (await send(a.server, `/media/recording/${recording.id}`, { headers: { Cookie: samCookie } })).status,
    ).toBe(200);
  });

  it('serves the renderer with its CSP and no login', async () => {
    const page = await send(a.server, '/review/1');
    expect(page.status).toBe(200);
    expect(page.text()).toContain('<title>Earmark</title>');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it("delivers process A's events to a logged-in browser's stream on process B, and ends it with the session", async () => {
    expect((await send(b.server, '/events')).status).toBe(401);
    const foreign = await send(b.server, '/events', { headers: { Origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);

    const cookie = cookieFrom(await login(a.server));
    const stream = openStream(b.server, cookie);
    await stream.connected;
    const changed = await call(
      a.server,
      'library.assignAgent',
      { ids: [interactionId], agentName: 'Ana Agent' },
      {
        cookie,
      },
    );
    expect(changed.json()).toMatchObject({ ok: true });
    await expect.poll(() => stream.text(), { timeout: 15_000 }).toContain('event: library.changed');
    expect(stream.text()).toContain('"reason":"details"');

    // The session ends on A; B's check closes the stream.
    await call(a.server, 'session.logout', {}, { cookie });
    await stream.ended;
  }, 30_000);
});

describe('who hears which event', () => {
  it("sends an import's progress only to the roles that may follow imports: not to an agent or a team lead", async () => {
    const streams = {
      sam: openStream(a.server, cookieFrom(await login(a.server, 'sam'))),
      lee: openStream(a.server, cookieFrom(await login(a.server, 'lee'))),
      pekka: openStream(a.server, cookieFrom(await login(a.server, 'pekka'))),
    };
    await Promise.all(Object.values(streams).map((stream) => stream.connected));
    a.backend.events.emit('import.progress', {
      batchId: 4711,
      state: 'running',
      totalFiles: 2,
      doneFiles: 1,
      imported: 1,
      updated: 0,
      skipped: 0,
      failed: 0,
      currentFile: '/srv/recorder/2026-11-02/secret-customer.wav',
      message: null,
    });
    // Events reach a stream in order: once this one is there, the progress would have been too.
    a.backend.events.emit('library.changed', { reason: 'import' });
    for (const stream of Object.values(streams)) {
      await expect.poll(() => stream.text(), { timeout: 15_000 }).toContain('event: library.changed');
    }
    expect(streams.sam.text()).toContain('secret-customer.wav');
    expect(streams.lee.text()).not.toContain('import.progress');
    expect(streams.pekka.text()).not.toContain('import.progress');
    expect(streams.pekka.text()).not.toContain('secret-customer.wav');
  });
});

/** A browser's fetch() of /events: Sec-Fetch-Site same-origin, no Origin (a GET), the cookie. */
function openStream(server: TeamServer, cookie: string) {
  let text = '';
  let markConnected: () => void = () => {};
  let markEnded: () => void = () => {};
  const connected = new Promise<void>((resolve) => (markConnected = resolve));
  const ended = new Promise<void>((resolve) => (markEnded = resolve));
  const req = request(
    {
      host: '127.0.0.1',
      port: server.port,
      path: '/events',
      headers: { Cookie: cookie, Accept: 'text/event-stream', 'Sec-Fetch-Site': 'same-origin' },
    },
    (res) => {
      expect(res.statusCode).toBe(200);
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes(': connected')) markConnected();
      });
      res.on('end', markEnded);
    },
  );
  req.end();
  cleanups.push(() => void req.destroy());
  return { connected, ended, text: () => text };
}
