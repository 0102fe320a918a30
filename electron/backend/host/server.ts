import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { EarmarkError, type ErrorCode, type Reply } from '../../../shared/errors';
import type { Backend } from '../backend';
import { parseRange } from '../media/range';
import { CONTENT_SECURITY_POLICY } from './csp';

export interface BrowserHostOptions {
  backend: Backend;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; random otherwise. */
  token?: string;
}

export interface BrowserHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1 << 20;
const COOKIE = 'earmark_token';
const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};
// Typed by the codes, so a new error code cannot be forgotten here (and turn into a 500).
const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_params: 400,
  unknown_method: 404,
  not_found: 404,
  conflict: 409,
  unsupported_media: 415,
  forbidden: 403,
  unauthorized: 401,
  not_allowed: 403,
  locked: 423,
  // The request was fine; the stored data failed its integrity check.
  tampered: 422,
  internal: 500,
};

/**
 * The browser host: the same workstation served over HTTP on 127.0.0.1 only, for machines without
 * the Electron runtime and for end-to-end tests. Every request needs the token (query, bearer header or
 * the cookie set when the tokened URL is first opened); the Host header must be loopback, which stops
 * DNS-rebinding pages from reaching the API.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { backend } = options;
  const rendererDir = resolve(options.rendererDir);
  const token = options.token ?? randomBytes(24).toString('base64url');
  const sseClients = new Set<ServerResponse>();
  const unsubscribe = backend.events.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, failure('internal', (error as Error).message));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!isLoopbackHost(req.headers.host, port())) {
      return sendText(res, 403, 'Forbidden: the browser host only answers to 127.0.0.1 or localhost.');
    }
    const presented = tokenOf(req, url);
    if (!presented || !sameToken(presented, token)) {
      return sendText(res, 401, 'Unauthorized: open the full URL with the token that `npm start` printed.');
    }
    if (url.searchParams.has('token')) {
      res.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');

    if (url.pathname.startsWith('/api/')) return api(req, res, decodeURIComponent(url.pathname.slice(5)));
    if (url.pathname === '/events') return events(req, res);
    const media = /^\/media\/recording\/(\d+)$/.exec(url.pathname);
    if (media) return serveMedia(req, res, Number(media[1]));
    return serveStatic(req, res, url.pathname);
  }

  async function api(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST')
      return sendJson(res, 405, failure('invalid_params', 'API calls must use POST.'));
    let payload: unknown;
    try {
      const body = await readBody(req);
      payload = body.length === 0 ? {} : JSON.parse(body);
    } catch (error) {
      const status = error instanceof EarmarkError ? 413 : 400;
      const message =
        error instanceof EarmarkError
          ? error.message
          : `The request body is not valid JSON: ${(error as Error).message}`;
      return sendJson(res, status, failure('invalid_params', message));
    }
    const reply = await backend.dispatch(method, payload);
    sendJson(res, reply.ok ? 200 : HTTP_STATUS[reply.error.code], reply);
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    sseClients.add(res);
    req.on('close', () => sseClients.delete(res));
  }

  function serveMedia(req: IncomingMessage, res: ServerResponse, recordingId: number): void {
    let file: { path: string; mimeType: string };
    try {
      file = backend.mediaFile(recordingId);
    } catch (error) {
      return sendText(res, 404, (error as Error).message);
    }
    if (!existsSync(file.path)) return sendText(res, 404, `The recording file ${file.path} is missing.`);
    sendFileWithRanges(req, res, file.path, file.mimeType);
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.');
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let path = resolve(rendererDir, relative);
    if (path !== rendererDir && !path.startsWith(rendererDir + sep)) return sendText(res, 404, 'Not found.');
    if (!existsSync(path) || statSync(path).isDirectory()) path = join(rendererDir, 'index.html');
    if (!existsSync(path)) {
      return sendText(
        res,
        500,
        `The renderer is not built (${rendererDir} is empty): run \`npm run build\`.`,
      );
    }
    const type = STATIC_TYPES[extname(path)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type,
      'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'max-age=3600',
      ...(type.startsWith('text/html') ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : {}),
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(path).pipe(res);
  }

  const port = () => (server.address() as AddressInfo | null)?.port ?? 0;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });

  return {
    port: port(),
    token,
    url: `http://127.0.0.1:${port()}/?token=${token}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        unsubscribe();
        for (const client of sseClients) client.end();
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

/** 200 with the whole file, 206 with the asked-for range, 416 when the range cannot be met. */
export function sendFileWithRanges(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  mimeType: string,
): void {
  const size = statSync(path).size;
  const range = parseRange(req.headers.range, size);
  const common = { 'Accept-Ranges': 'bytes', 'Content-Type': mimeType, 'Cache-Control': 'no-store' };
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...common, 'Content-Range': `bytes */${size}` });
    return void res.end();
  }
  if (range) {
    res.writeHead(206, {
      ...common,
      'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
      'Content-Length': range.end - range.start + 1,
    });
  } else {
    res.writeHead(200, { ...common, 'Content-Length': size });
  }
  if (req.method === 'HEAD') return void res.end();
  createReadStream(path, range ? { start: range.start, end: range.end } : {}).pipe(res);
}

function tokenOf(req: IncomingMessage, url: URL): string | undefined {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return fromQuery;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  const cookie = req.headers.cookie
    ?.split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === COOKIE);
  return cookie?.[1];
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit, keep reading but drop the bytes, so the client gets a 413 rather than a reset.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) {
        reject(
          new EarmarkError('invalid_params', `The request body is larger than ${MAX_BODY_BYTES} bytes.`),
        );
      } else {
        resolveBody(Buffer.concat(chunks).toString('utf8'));
      }
    });
    req.on('error', reject);
  });
}

function failure(code: 'invalid_params' | 'internal', message: string): Reply<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
