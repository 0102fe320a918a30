import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionDetail, Settings } from '../../shared/api';
import type { ProfileList } from '../../shared/api/methods/profiles';
import { tempDir } from '../support/paths';
import { launchChromium, waitForReady } from './support/browser';
import { startHost, type RunningHost } from './support/host';

/**
 * Issue 11, point 1: another web server on 127.0.0.1 (any local tool's UI) shares Earmark's host name,
 * and browsers count a different port as the same site. A page it serves, open in the same browser as
 * Earmark, tries every way a page can reach Earmark: fetch (no-cors and cors, text/plain and JSON, even
 * with the real token), a form post, <img>/<audio> with and without a real media ticket, EventSource.
 * It must neither read nor change anything; the database is checked afterwards through the real API.
 */

let host: RunningHost;
let browser: Browser;
let context: BrowserContext;
let earmarkTab: Page;
let hostile: Page;
let hostileServer: Server;
let hostileOrigin: string;
let recordingId: number;
const seenFromEarmark: { method: string; url: string; status: number }[] = [];
const data = tempDir('earmark-e2e-hostile-');

interface Snapshot {
  settings: Settings;
  profiles: string[];
  library: number;
}
let before: Snapshot;
const snapshot = async (): Promise<Snapshot> => ({
  settings: await host.api<Settings>('settings.get'),
  profiles: (await host.api<ProfileList>('profile.list')).profiles.map((p) => p.name).sort(),
  library: (await host.api<{ total: number }>('library.list', {})).total,
});

beforeAll(async () => {
  host = await startHost(data.dir);
  await host.api('demo.load');
  await host.api('profile.create', { name: 'Quinn', role: 'qa_supervisor' });
  const { items } = await host.api<{ items: { id: number }[] }>('library.list', {
    filters: { kind: 'call' },
  });
  recordingId = (await host.api<InteractionDetail>('interaction.get', { id: items[0]!.id })).recording!.id;
  before = await snapshot();

  hostileServer = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Cat pictures</title><iframe name="sink"></iframe>');
  });
  await new Promise<void>((resolve) => hostileServer.listen(0, '127.0.0.1', resolve));
  hostileOrigin = `http://127.0.0.1:${(hostileServer.address() as AddressInfo).port}`;

  browser = await launchChromium();
  // One browser profile: the user has Earmark open (and signed in) while visiting the other page.
  context = await browser.newContext();
  earmarkTab = await context.newPage();
  await earmarkTab.goto(host.url);
  await waitForReady(earmarkTab);
  hostile = await context.newPage();
  hostile.on('response', (response) => {
    if (response.url().startsWith(host.origin)) {
      const { method, url } = { method: response.request().method(), url: response.url() };
      seenFromEarmark.push({ method, url, status: response.status() });
    }
  });
  await hostile.goto(hostileOrigin);
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => hostileServer?.close(resolve));
  await host?.stop();
  data.cleanup();
});

describe('a page from another local port', () => {
  it('is the same site as Earmark but another origin (what makes it dangerous)', () => {
    expect(new URL(hostileOrigin).hostname).toBe(new URL(host.origin).hostname);
    expect(hostileOrigin).not.toBe(host.origin);
  });

  it('cannot call the API with fetch, in any mode, with or without the token', async () => {
    const outcomes = await hostile.evaluate(
      async ({ earmark, token, recordingId }) => {
        const profile = JSON.stringify({ name: 'Fetch Mallory', role: 'qa_supervisor' });
        const attempts: [string, string, RequestInit][] = [
          [
            'no-cors text/plain write',
            '/api/settings.update',
            { mode: 'no-cors', body: '{"language":"fi"}' },
          ],
          ['no-cors text/plain create', '/api/profile.create', { mode: 'no-cors', body: profile }],
          [
            'no-cors mint a media ticket',
            '/media/tickets',
            { mode: 'no-cors', body: `{"recordingId":${recordingId}}` },
          ],
          ['cors text/plain read', '/api/profile.list', { mode: 'cors', body: '{}' }],
          ['cors text/plain create', '/api/profile.create', { mode: 'cors', body: profile }],
          [
            'cors JSON create',
            '/api/profile.create',
            { mode: 'cors', body: profile, headers: { 'Content-Type': 'application/json' } },
          ],
          [
            'cors JSON with the real token',
            '/api/settings.update',
            {
              mode: 'cors',
              body: '{"language":"de"}',
              headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            },
          ],
          [
            // no-cors drops the Authorization header; the token cannot ride along.
            'no-cors with the real token',
            '/api/settings.update',
            { mode: 'no-cors', body: '{"language":"de"}', headers: { Authorization: `Bearer ${token}` } },
          ],
        ];
        const results: Record<string, string> = {};
        for (const [name, path, init] of attempts) {
          try {
            const response = await fetch(earmark + path, {
              method: 'POST',
              credentials: 'include',
              headers: { 'Content-Type': 'text/plain' },
              ...init,
            });
            results[name] =
              response.type === 'opaque' ? 'opaque' : `read ${response.status}: ${await response.text()}`;
          } catch (error) {
            results[name] = `refused (${(error as Error).name})`;
          }
        }
        for (const mode of ['cors', 'no-cors'] as const) {
          try {
            const response = await fetch(`${earmark}/media/recording/${recordingId}`, {
              mode,
              credentials: 'include',
            });
            results[`${mode} media`] = response.type === 'opaque' ? 'opaque' : `read ${response.status}`;
          } catch (error) {
            results[`${mode} media`] = `refused (${(error as Error).name})`;
          }
        }
        return results;
      },
      { earmark: host.origin, token: host.token, recordingId },
    );
    for (const [name, outcome] of Object.entries(outcomes)) {
      expect(outcome, name).toMatch(/^(opaque|refused \(TypeError\))$/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('cannot change anything with a form post', async () => {
    const posted = hostile.waitForResponse((r) => r.url() === `${host.origin}/api/profile.create`);
    await hostile.evaluate((earmark) => {
      // A text/plain form can carry JSON: name + "=" + value, with the "=" hidden inside a string.
      const form = document.createElement('form');
      form.method = 'POST';
      form.enctype = 'text/plain';
      form.action = `${earmark}/api/profile.create`;
      form.target = 'sink';
      const input = document.createElement('input');
      input.name = '{"name":"Form Mallory';
      input.value = '","role":"qa_supervisor"}';
      form.append(input);
      document.body.append(form);
      form.submit();
    }, host.origin);
    expect([401, 403, 415]).toContain((await posted).status());
    expect(await snapshot()).toEqual(before);
  });

  it('cannot load a recording into <audio> or <img>, not even with a real media ticket', async () => {
    const ticketUrl = (await mintTicketAsTheApp(recordingId)).url;
    const outcomes = await hostile.evaluate(
      async ({ earmark, recordingId, ticketUrl }) => {
        const audio = (src: string) =>
          new Promise<string>((resolve) => {
            const element = new Audio();
            element.onloadedmetadata = () => resolve(`played (${element.duration} s)`);
            element.onerror = () => resolve('error');
            element.src = src;
          });
        const image = (src: string) =>
          new Promise<string>((resolve) => {
            const element = new Image();
            element.onload = () => resolve('loaded');
            element.onerror = () => resolve('error');
            element.src = src;
          });
        const plain = `${earmark}/media/recording/${recordingId}`;
        return {
          audio: await audio(plain),
          audioWithTicket: await audio(earmark + ticketUrl),
          image: await image(plain),
          imageWithTicket: await image(earmark + ticketUrl),
        };
      },
      { earmark: host.origin, recordingId, ticketUrl },
    );
    expect(outcomes).toEqual({
      audio: 'error',
      audioWithTicket: 'error',
      image: 'error',
      imageWithTicket: 'error',
    });
  });

  it('cannot listen to the event stream', async () => {
    const outcome = await hostile.evaluate(async (earmark) => {
      const listen = (withCredentials: boolean) =>
        new Promise<string>((resolve) => {
          const source = new EventSource(`${earmark}/events`, { withCredentials });
          source.onopen = () => resolve('open');
          source.onmessage = () => resolve('message');
          source.onerror = () => {
            source.close();
            resolve('error');
          };
        });
      return [await listen(false), await listen(true)];
    }, host.origin);
    expect(outcome).toEqual(['error', 'error']);
  });

  it('got nothing but refusals from Earmark, and Earmark still works for its own page', async () => {
    expect(seenFromEarmark.length).toBeGreaterThan(0);
    for (const { method, url, status } of seenFromEarmark) {
      expect([401, 403, 415], `${method} ${url}`).toContain(status);
    }
    expect(await snapshot()).toEqual(before);
    // The rules stop the other page, not the app: a reload keeps the token (this tab's storage).
    await earmarkTab.reload();
    await waitForReady(earmarkTab);
    expect(earmarkTab.url()).not.toContain(host.token);
  });
});

/** A ticket as the app's page would get it: the strongest thing that could leak to another page. */
async function mintTicketAsTheApp(id: number): Promise<{ url: string }> {
  const response = await fetch(`${host.origin}/media/tickets`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify({ recordingId: id }),
  });
  const reply = (await response.json()) as { ok: true; value: { url: string } };
  return reply.value;
}
