import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EarmarkError } from '../../../shared/errors';
import { CONTENT_SECURITY_POLICY } from '../../../electron/backend/host/csp';
import { answerRecording } from '../../../electron/backend/host/recording-file';
import { sendAnswer } from '../../../electron/backend/host/serve-adapters';
import { answerFile, mimeTypeOf, type FileAnswer } from '../../../electron/backend/host/serve-file';
import { answerRendererFile } from '../../../electron/backend/host/static-files';
import type { MediaFile } from '../../../electron/backend/services/recordings';
import { createAppHandler, createMediaHandler } from '../../../electron/main/protocols';
import { sendRaw } from '../../support/http';
import { tempDir } from '../../support/paths';

/**
 * The one file answer (serve-file.ts) and what each transport makes of it: Node http over loopback
 * (browser host, team server) and the Electron protocol handlers given a Fetch Request. Every case is
 * asked three ways and must come out the same.
 */

const scratch = tempDir('earmark-serve-file-');
const calls = join(scratch.dir, 'calls');
const rendererDir = join(scratch.dir, 'renderer');
// 1000 distinct-ish bytes, so a wrong offset shows up as wrong content.
const audio = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) % 256));
const APP = 'app://earmark';

const recordings: Record<number, string> = {
  1: 'call.wav',
  2: 'missing.wav',
  3: 'a-folder',
  4: 'alias.wav', // a symlink to call.wav: inside
  5: 'escape.wav', // a symlink to ../secret.txt: outside
  6: 'dangling.wav', // a symlink to a file that is gone
  7: '../secret.txt', // a path outside the recording folder altogether
};

function mediaFile(id: number): MediaFile {
  const name = recordings[id];
  if (!name) throw new EarmarkError('not_found', `There is no recording with id ${id}.`);
  return { path: join(calls, name), mimeType: 'audio/wav', roots: [calls] };
}

let server: Server;

beforeAll(async () => {
  mkdirSync(join(calls, 'a-folder'), { recursive: true });
  writeFileSync(join(calls, 'call.wav'), audio);
  writeFileSync(join(scratch.dir, 'secret.txt'), 'TOP SECRET');
  symlinkSync(join(calls, 'call.wav'), join(calls, 'alias.wav'));
  symlinkSync(join(scratch.dir, 'secret.txt'), join(calls, 'escape.wav'));
  symlinkSync(join(calls, 'gone.wav'), join(calls, 'dangling.wav'));
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Earmark</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
  symlinkSync(join(scratch.dir, 'secret.txt'), join(rendererDir, 'assets', 'leak.js'));

  // The Node adapter as the browser host uses it: /recording/<id> and the renderer for anything else.
  server = createServer((req, res) => {
    const method = req.method ?? '';
    const range = req.headers.range;
    const recording = /^\/recording\/(\d+)$/.exec(req.url ?? '');
    const answer = recording
      ? answerRecording({ method, recordingId: Number(recording[1]), range, mediaFile })
      : answerRendererFile({ rendererDir, method, pathname: decodeURIComponent(req.url ?? '/'), range });
    void answer.then((ready) => sendAnswer(res, ready));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  scratch.cleanup();
});

/** What a client sees; the same shape from each of the three. */
interface Seen {
  status: number;
  headers: Record<string, string | null>;
  body: Buffer;
}

const COMPARED = [
  'content-type',
  'content-length',
  'content-range',
  'accept-ranges',
  'cache-control',
  'content-security-policy',
  'x-content-type-options',
  'allow',
];

async function seenInModule(answer: FileAnswer): Promise<Seen> {
  const headers = Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const chunks: Buffer[] = [];
  if (answer.body) for await (const chunk of answer.body()) chunks.push(chunk as Buffer);
  const body = answer.body ? Buffer.concat(chunks) : Buffer.from(answer.message ?? '');
  return { status: answer.status, headers: pick((name) => headers[name]), body };
}

async function seenOverHttp(path: string, method: string, headers: Record<string, string>): Promise<Seen> {
  const answer = await sendRaw((server.address() as AddressInfo).port, path, { method, headers });
  const header = (name: string) => {
    const value = answer.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  return { status: answer.status, headers: pick(header), body: answer.body };
}

async function seenThroughProtocol(response: Response): Promise<Seen> {
  return {
    status: response.status,
    headers: pick((name) => response.headers.get(name) ?? undefined),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

function pick(header: (name: string) => string | undefined): Record<string, string | null> {
  return Object.fromEntries(COMPARED.map((name) => [name, header(name) ?? null]));
}

/** A recording asked for the three ways; the Node and protocol answers must equal the module's. */
async function askRecording(id: number, range?: string, method = 'GET'): Promise<Seen> {
  const headers: Record<string, string> = range ? { Range: range } : {};
  const inModule = await seenInModule(await answerRecording({ method, recordingId: id, range, mediaFile }));
  const overHttp = await seenOverHttp(`/recording/${id}`, method, headers);
  const handler = createMediaHandler({ mediaFile, appOrigins: [APP] });
  const request = new Request(`earmark-media://recording/${id}`, {
    method,
    headers: { ...headers, Origin: APP },
  });
  const response = await handler(request);
  expect(response.headers.get('access-control-allow-origin'), 'CORS for the renderer').toBe(APP);
  const throughProtocol = await seenThroughProtocol(response);

  // A client never sees a body for HEAD over HTTP; the module and Fetch may carry the refusal text.
  const comparable = (seen: Seen) => (method === 'HEAD' ? { ...seen, body: Buffer.alloc(0) } : seen);
  const expected = comparable(inModule);
  expect(comparable(overHttp), 'Node http').toEqual(expected);
  expect(comparable(throughProtocol), 'protocol handler').toEqual(expected);
  return inModule;
}

describe('a recording, the same through the module, Node http and the protocol handler', () => {
  it('whole file: 200 with its length, type, no-store and Accept-Ranges', async () => {
    const seen = await askRecording(1);
    expect(seen.status).toBe(200);
    expect(seen.headers).toMatchObject({
      'content-type': 'audio/wav',
      'content-length': '1000',
      'accept-ranges': 'bytes',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-range': null,
      'content-security-policy': null,
    });
    expect(seen.body.equals(audio)).toBe(true);
  });

  it.each([
    ['the first byte', 'bytes=0-0', 0, 0],
    ['a middle range', 'bytes=10-19', 10, 19],
    ['the last byte', 'bytes=999-999', 999, 999],
    ['a suffix range', 'bytes=-5', 995, 999],
    ['an open range', 'bytes=990-', 990, 999],
    ['a range running past the end', 'bytes=500-5000', 500, 999],
  ])('%s (%s): 206 with exactly those bytes', async (_, range, start, end) => {
    const seen = await askRecording(1, range);
    expect(seen.status).toBe(206);
    expect(seen.headers['content-range']).toBe(`bytes ${start}-${end}/1000`);
    expect(seen.headers['content-length']).toBe(String(end - start + 1));
    expect(seen.body.equals(audio.subarray(start, end + 1))).toBe(true);
  });

  it.each(['bytes=1000-', 'bytes=-0', 'bytes=5000-6000'])(
    'unsatisfiable %s: 416 naming the size',
    async (range) => {
      const seen = await askRecording(1, range);
      expect(seen.status).toBe(416);
      expect(seen.headers['content-range']).toBe('bytes */1000');
      expect(seen.body.length).toBe(0);
    },
  );

  it.each(['bytes=0-1,5-6', 'bytes=5-2', 'items=0-1', 'garbage'])(
    'an unusable Range %s is ignored: the whole file (RFC 9110)',
    async (range) => {
      const seen = await askRecording(1, range);
      expect(seen.status).toBe(200);
      expect(seen.headers['content-range']).toBeNull();
      expect(seen.body.equals(audio)).toBe(true);
    },
  );

  it('HEAD: the headers of the GET and no body', async () => {
    const seen = await askRecording(1, 'bytes=0-9', 'HEAD');
    expect(seen.status).toBe(206);
    expect(seen.headers['content-length']).toBe('10');
    expect(seen.headers['content-range']).toBe('bytes 0-9/1000');
    expect(seen.body.length).toBe(0);
  });

  it('another method: 405 naming the allowed ones', async () => {
    const seen = await askRecording(1, undefined, 'POST');
    expect(seen.status).toBe(405);
    expect(seen.headers['allow']).toBe('GET, HEAD');
  });

  it('a symlink inside the folder: served from the real file', async () => {
    const seen = await askRecording(4, 'bytes=0-9');
    expect(seen.status).toBe(206);
    expect(seen.body.equals(audio.subarray(0, 10))).toBe(true);
  });

  it('a symlink escaping the folder, or a path outside it: 403 and never the file', async () => {
    for (const id of [5, 7]) {
      const seen = await askRecording(id);
      expect(seen.status, String(id)).toBe(403);
      expect(seen.body.toString(), String(id)).toBe(
        `The file of recording ${id} leads outside Earmark's folders.`,
      );
    }
  });

  it('a missing file, a dangling symlink, a folder, an unknown recording: 404 saying which', async () => {
    for (const [id, says] of [
      [2, 'is missing'],
      [6, 'is missing'],
      [3, 'is not a regular file'],
      [99, 'There is no recording with id 99.'],
    ] as const) {
      const seen = await askRecording(id);
      expect(seen.status, String(id)).toBe(404);
      expect(seen.body.toString(), String(id)).toContain(says);
    }
  });
});

/** The renderer asked for over Node http and through app://, which must agree with the module. */
async function askRenderer(path: string, range?: string): Promise<Seen> {
  const headers: Record<string, string> = range ? { Range: range } : {};
  const inModule = await seenInModule(
    await answerRendererFile({ rendererDir, method: 'GET', pathname: decodeURIComponent(path), range }),
  );
  expect(await seenOverHttp(path, 'GET', headers), 'Node http').toEqual(inModule);
  const response = await createAppHandler(rendererDir)(new Request(`${APP}${path}`, { headers }));
  expect(await seenThroughProtocol(response), 'protocol handler').toEqual(inModule);
  return inModule;
}

describe('the renderer, the same over Node http and app://', () => {
  it('pages: no-store and the CSP; the app’s routes get index.html', async () => {
    for (const path of ['/', '/index.html', '/review/12', '/assets']) {
      const seen = await askRenderer(path);
      expect(seen.status, path).toBe(200);
      expect(seen.headers['content-type'], path).toBe('text/html; charset=utf-8');
      expect(seen.headers['cache-control'], path).toBe('no-store');
      expect(seen.headers['content-security-policy'], path).toBe(CONTENT_SECURITY_POLICY);
      expect(seen.body.toString(), path).toContain('<title>Earmark</title>');
    }
  });

  it('assets: their type, kept an hour, no CSP, and ranges like any file', async () => {
    const whole = await askRenderer('/assets/app.js');
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(whole.headers['cache-control']).toBe('max-age=3600');
    expect(whole.headers['content-security-policy']).toBeNull();
    const part = await askRenderer('/assets/app.js', 'bytes=0-6');
    expect(part.status).toBe(206);
    expect(part.body.toString()).toBe('console');
  });

  it('a missing asset, a symlink out of the folder and ../ are all a bare 404 "Not found."', async () => {
    for (const path of [
      '/assets/missing.js',
      '/assets/leak.js',
      '/..%2Fsecret.txt',
      '/assets/..%2F..%2Fsecret.txt',
    ]) {
      const seen = await askRenderer(path);
      expect(seen.status, path).toBe(404);
      expect(seen.body.toString(), path).toBe('Not found.');
    }
  });

  it('an unbuilt renderer: 500 saying how to build it', async () => {
    const empty = tempDir();
    try {
      const answer = await answerRendererFile({ rendererDir: empty.dir, method: 'GET', pathname: '/' });
      expect(answer.status).toBe(500);
      expect(answer.message).toContain('npm run build');
    } finally {
      empty.cleanup();
    }
  });
});

describe('answerFile', () => {
  it('one MIME map, by extension in any case', () => {
    expect(mimeTypeOf('/r/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeOf('/r/font.woff2')).toBe('font/woff2');
    expect(mimeTypeOf('/r/module.wasm')).toBe('application/wasm');
    expect(mimeTypeOf('/r/unknown.xyz')).toBe('application/octet-stream');
  });

  it('conceals a public folder’s refusals; names the file otherwise', async () => {
    const escape = join(calls, 'escape.wav');
    const named = await answerFile({ method: 'GET', path: escape, roots: [calls], caching: 'private' });
    expect([named.status, named.refusal, named.message]).toEqual([
      403,
      'outside',
      "The file leads outside Earmark's folders.",
    ]);
    const concealed = await answerFile({
      method: 'GET',
      path: escape,
      roots: [calls],
      caching: 'app',
      conceal: true,
    });
    expect([concealed.status, concealed.message]).toEqual([404, 'Not found.']);
  });

  it('opens nothing until the transport asks for the body', async () => {
    const answer = await answerFile({
      method: 'GET',
      path: join(calls, 'call.wav'),
      roots: [calls],
      caching: 'private',
    });
    expect(typeof answer.body).toBe('function');
    const head = await answerFile({
      method: 'HEAD',
      path: join(calls, 'call.wav'),
      roots: [calls],
      caching: 'private',
    });
    expect(head.body).toBeNull();
  });
});
