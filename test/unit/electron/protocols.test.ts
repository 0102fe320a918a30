import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EarmarkError } from '../../../shared/errors';
import { CONTENT_SECURITY_POLICY } from '../../../electron/backend/host/csp';
import {
  createAppHandler,
  createMediaHandler,
  isInside,
  privilegedSchemes,
  recordingIdOf,
  registerPrivilegedSchemes,
} from '../../../electron/main/protocols';

let dir: string;
let audio: Buffer;
let audioPath: string;
let rendererDir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'earmark-protocols-'));
  // 1000 distinct-ish bytes, so a wrong offset shows up as wrong content.
  audio = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) % 256));
  audioPath = join(dir, 'call.wav');
  writeFileSync(audioPath, audio);
  mkdirSync(join(dir, 'a-folder'));

  rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Earmark</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
  writeFileSync(join(dir, 'secret.txt'), 'TOP SECRET');
  // A recording folder where one call was replaced by a symlink to a file outside it.
  mkdirSync(join(dir, 'calls'));
  writeFileSync(join(dir, 'calls', 'real.wav'), audio);
  symlinkSync(join(dir, 'secret.txt'), join(dir, 'calls', 'swapped.wav'));
  symlinkSync(join(dir, 'calls', 'real.wav'), join(dir, 'calls', 'alias.wav'));
  symlinkSync(join(dir, 'secret.txt'), join(rendererDir, 'assets', 'leak.js'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files: Record<number, string> = {
  1: 'call.wav',
  2: 'missing.wav',
  3: 'a-folder',
  4: 'calls/real.wav',
  5: 'calls/swapped.wav',
  6: 'calls/alias.wav',
};

const APP = 'app://earmark';

/** Like backend.mediaFile: each file may lie in its own folder (or `roots`, when given). */
function mediaHandler(roots?: readonly string[]) {
  return createMediaHandler({
    appOrigins: [APP, 'http://localhost:5173'],
    mediaFile: (id) => {
      const name = files[id];
      if (!name) throw new EarmarkError('not_found', `There is no recording with id ${id}.`);
      const path = join(dir, name);
      return { path, mimeType: 'audio/wav', roots: roots ?? [dirname(path)] };
    },
  });
}

const get = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
  new Request(url, { headers, method });
const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe('media handler', () => {
  const handle = mediaHandler();

  it('answers a request without Range with 200 and the whole file', async () => {
    const response = await handle(get('earmark-media://recording/1'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-length')).toBe('1000');
    expect((await bytes(response)).equals(audio)).toBe(true);
  });

  it.each([
    ['bytes=10-19', 10, 19],
    ['bytes=0-', 0, 999],
    ['bytes=990-', 990, 999],
    ['bytes=-5', 995, 999],
    ['bytes=500-5000', 500, 999],
    ['bytes=999-999', 999, 999],
  ])('answers %s with 206 and exactly those bytes', async (range, start, end) => {
    const response = await handle(get('earmark-media://recording/1', { Range: range }));
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/1000`);
    expect(response.headers.get('content-length')).toBe(String(end - start + 1));
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect((await bytes(response)).equals(audio.subarray(start, end + 1))).toBe(true);
  });

  it.each(['bytes=1000-', 'bytes=-0', 'bytes=5000-6000'])(
    'answers the unsatisfiable range %s with 416',
    async (range) => {
      const response = await handle(get('earmark-media://recording/1', { Range: range }));
      expect(response.status).toBe(416);
      expect(response.headers.get('content-range')).toBe('bytes */1000');
    },
  );

  it.each(['bytes=5-2', 'bytes=', 'items=0-1', 'bytes=0-1,5-6', 'garbage'])(
    'ignores the unusable range %s and sends the whole file (RFC 9110)',
    async (range) => {
      const response = await handle(get('earmark-media://recording/1', { Range: range }));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-range')).toBeNull();
      expect((await bytes(response)).equals(audio)).toBe(true);
    },
  );

  it('answers HEAD with the headers and no body', async () => {
    const response = await handle(get('earmark-media://recording/1', { Range: 'bytes=0-9' }, 'HEAD'));
    expect(response.status).toBe(206);
    expect(response.headers.get('content-length')).toBe('10');
    expect(response.body).toBeNull();
  });

  it('answers 404 for an unknown id, a missing file and a folder', async () => {
    for (const id of [99, 2, 3]) {
      expect((await handle(get(`earmark-media://recording/${id}`))).status, String(id)).toBe(404);
    }
  });

  it('answers 400 for malformed URLs', async () => {
    for (const url of [
      'earmark-media://recording/abc',
      'earmark-media://recording/0',
      'earmark-media://recording/01',
      'earmark-media://recording/-1',
      'earmark-media://recording/1.5',
      'earmark-media://recording/',
      'earmark-media://recording/1/extra',
      'earmark-media://recording/1?x=../../etc/passwd',
      'earmark-media://other/1',
      'earmark-media://recording/99999999999999999999',
    ]) {
      expect((await handle(get(url))).status, url).toBe(400);
    }
  });

  it('refuses other methods', async () => {
    expect((await handle(get('earmark-media://recording/1', {}, 'POST'))).status).toBe(405);
  });

  it('answers 500, not a crash, when the lookup fails unexpectedly', async () => {
    const failing = createMediaHandler({
      appOrigins: [APP],
      mediaFile: () => {
        throw new Error('disk on fire');
      },
    });
    const response = await failing(get('earmark-media://recording/1'));
    expect(response.status).toBe(500);
  });

  it('serves files inside their roots and refuses files outside', async () => {
    expect((await mediaHandler([dir])(get('earmark-media://recording/1'))).status).toBe(200);
    expect((await mediaHandler([rendererDir])(get('earmark-media://recording/1'))).status).toBe(403);
  });

  it('refuses a recording replaced by a symlink that leads out of its folder', async () => {
    const response = await handle(get('earmark-media://recording/5'));
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('TOP SECRET');
  });

  it('serves a recording through a symlink that stays inside its folder, from the real file', async () => {
    const response = await handle(get('earmark-media://recording/6', { Range: 'bytes=0-9' }));
    expect(response.status).toBe(206);
    expect((await bytes(response)).equals(audio.subarray(0, 10))).toBe(true);
    expect((await handle(get('earmark-media://recording/4'))).status).toBe(200);
  });
});

describe('media handler and CORS (the player’s element fetches in CORS mode so Web Audio hears it)', () => {
  const handle = mediaHandler();

  it('answers the app’s own origin with it in Access-Control-Allow-Origin, whole file and ranges alike', async () => {
    for (const headers of [{ Origin: APP }, { Origin: APP, Range: 'bytes=10-19' }] as Record<
      string,
      string
    >[]) {
      const response = await handle(get('earmark-media://recording/1', headers));
      expect(response.status).toBe(headers['Range'] ? 206 : 200);
      expect(response.headers.get('access-control-allow-origin')).toBe(APP);
      expect(response.headers.get('vary')).toBe('Origin');
      expect(response.headers.get('access-control-expose-headers')).toContain('Content-Range');
    }
    const dev = await handle(get('earmark-media://recording/1', { Origin: 'http://localhost:5173' }));
    expect(dev.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('names the app origin also for a request that sends no Origin', async () => {
    const response = await handle(get('earmark-media://recording/1'));
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('refuses any other origin without reading the recording', async () => {
    for (const origin of ['https://evil.example', 'null', 'app://other', 'earmark-media://recording']) {
      const response = await handle(get('earmark-media://recording/1', { Origin: origin }));
      expect(response.status, origin).toBe(403);
      expect(response.headers.get('access-control-allow-origin'), origin).toBeNull();
      expect(await response.text(), origin).not.toContain(audio.subarray(0, 20).toString('latin1'));
    }
  });

  it('answers a preflight for a Range request from the app', async () => {
    const response = await handle(get('earmark-media://recording/1', { Origin: APP }, 'OPTIONS'));
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-headers')).toBe('Range');
  });
});

describe('recordingIdOf', () => {
  it('reads the id of recording URLs only', () => {
    expect(recordingIdOf('earmark-media://recording/42')).toBe(42);
    expect(recordingIdOf('app://recording/42')).toBeNull();
    expect(recordingIdOf('nonsense')).toBeNull();
  });
});

describe('app handler', () => {
  // Built per test: rendererDir exists only once beforeAll has run.
  const app = () => createAppHandler(rendererDir);

  it('serves index.html with the CSP header', async () => {
    const response = await app()(get('app://earmark/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('<title>Earmark</title>');
  });

  it('serves assets with their type and without a CSP', async () => {
    const response = await app()(get('app://earmark/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('content-security-policy')).toBeNull();
    expect(await response.text()).toBe('console.log(1);');
  });

  it('falls back to index.html for paths without an extension, 404 for missing files', async () => {
    for (const url of ['app://earmark/', 'app://earmark/review/12', 'app://earmark/assets']) {
      const response = await app()(get(url));
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
    }
    expect((await app()(get('app://earmark/assets/missing.js'))).status).toBe(404);
  });

  it('refuses paths that escape the renderer folder', async () => {
    for (const url of [
      'app://earmark/..%2Fsecret.txt',
      'app://earmark/%2e%2e%2Fsecret.txt',
      'app://earmark/assets/..%2F..%2Fsecret.txt',
      'app://earmark/..%5Csecret.txt',
      'app://earmark/..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd',
      `app://earmark/${encodeURIComponent(join(dir, 'secret.txt'))}`,
    ]) {
      const response = await app()(get(url));
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('SECRET');
    }
  });

  it('refuses a symlink planted in the renderer folder that leads out of it', async () => {
    const response = await app()(get('app://earmark/assets/leak.js'));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('SECRET');
  });

  it('refuses other hosts, NUL bytes, bad escapes and other methods', async () => {
    expect((await app()(get('app://evil/index.html'))).status).toBe(404);
    expect((await app()(get('app://earmark/index.html%00.js'))).status).toBe(400);
    expect((await app()(get('app://earmark/%E0%A4%A'))).status).toBe(400);
    expect((await app()(get('app://earmark/index.html', {}, 'POST'))).status).toBe(405);
  });
});

describe('isInside', () => {
  it('accepts the root and paths below it, nothing else', () => {
    expect(isInside('/data', '/data')).toBe(true);
    expect(isInside('/data', '/data/recordings/a.wav')).toBe(true);
    expect(isInside('/data', '/data/../etc/passwd')).toBe(false);
    expect(isInside('/data', '/data-other/a.wav')).toBe(false);
    expect(isInside('/data', '/')).toBe(false);
    expect(isInside('/data', '/data/..a/file')).toBe(true);
  });
});

describe('registerPrivilegedSchemes', () => {
  it('registers app as a standard secure scheme and earmark-media as a streaming, CORS-enabled one', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerPrivilegedSchemes({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith(privilegedSchemes);
    expect(privilegedSchemes).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false },
      },
      {
        scheme: 'earmark-media',
        privileges: { secure: true, stream: true, supportFetchAPI: true, corsEnabled: true },
      },
    ]);
  });
});
