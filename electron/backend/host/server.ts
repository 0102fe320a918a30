import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { EarmarkError } from '../../../shared/errors';
import type { Backend } from '../backend';
import { bearerOf, crossOriginReason, isJsonContentType, isLoopbackHost, sameSecret } from './guard';
import { HTTP_STATUS } from './http-status';
import { answeringWith, failure, readJson, requestPath, sendJson } from './http-json';
import { createMediaTickets } from './media-tickets';
import { answerRecording } from './recording-file';
import { sendAnswer, sendText } from './serve-adapters';
import { methodRefusal } from './serve-file';
import { answerRendererFile } from './static-files';

export interface BrowserHostOptions {
  backend: Backend;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; random otherwise. */
  token?: string;
  /** Milliseconds since the epoch, for media tickets' expiry (tests move it). */
  clock?: () => number;
  /** Where unexpected errors go with their reference (stderr by default: the host's log). */
  log?: (message: string) => void;
}

export interface BrowserHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const NO_TOKEN =
  'This page has no access token: open the full address that `npm start` printed (it ends in ?token=…).';

/**
 * The browser host: the same workstation served over HTTP on 127.0.0.1 only, for machines without
 * the Electron runtime and for end-to-end tests. What is protected and how (README, "Where your data
 * lives"): the Host header must be loopback (no DNS rebinding); the renderer's files are public (they
 * hold no data); everything else needs the token as a Bearer header, from the app's own origin, and
 * API calls as application/json; `<audio>` gets signed per-recording tickets instead of the token.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { backend } = options;
  const log = options.log ?? ((message: string) => console.error(message));
  const rendererDir = resolve(options.rendererDir);
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tickets = createMediaTickets(options.clock);
  const sseClients = new Set<ServerResponse>();
  const unsubscribe = backend.events.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  const server: Server = createServer(answeringWith(handle, log));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackHost(req.headers.host, port())) {
      return sendText(res, 403, 'Forbidden: the browser host only answers to 127.0.0.1 or localhost.');
    }
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const path = requestPath(req, res);
    if (path === null) return;
    if (path.startsWith('/api/')) return api(req, res, path.slice('/api/'.length));
    if (path === '/media/tickets') return mintTicket(req, res);
    if (path.startsWith('/media/')) return serveMedia(req, res, path);
    if (path === '/events') return events(req, res);
    const range = req.headers.range;
    return sendAnswer(
      res,
      await answerRendererFile({ rendererDir, method: req.method ?? '', pathname: path, range }),
    );
  }

  /** The rules every JSON call obeys (API and media tickets); false once it has answered a refusal. */
  function admitJsonCall(req: IncomingMessage, res: ServerResponse): boolean {
    const crossOrigin = crossOriginReason(req);
    if (crossOrigin) {
      sendJson(res, 403, failure('forbidden', `Refused: ${crossOrigin}`));
      return false;
    }
    const bearer = bearerOf(req);
    if (!bearer || !sameSecret(bearer, token)) {
      sendJson(res, 401, failure('unauthorized', NO_TOKEN));
      return false;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, failure('invalid_params', 'API calls must use POST.'));
      return false;
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      const sent = req.headers['content-type'] ?? 'no Content-Type';
      sendJson(
        res,
        415,
        failure('unsupported_media', `API calls must be sent as application/json, not ${sent}.`),
      );
      return false;
    }
    return true;
  }

  async function api(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (!admitJsonCall(req, res)) return void req.resume();
    const body = await readJson(req, res);
    if (!body) return;
    const reply = await backend.dispatch(method, body.payload);
    sendJson(res, reply.ok ? 200 : HTTP_STATUS[reply.error.code], reply);
  }

  /** `POST /media/tickets {"recordingId": 42}` → a URL the player's `<audio>` can load for a while. */
  async function mintTicket(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!admitJsonCall(req, res)) return void req.resume();
    const body = await readJson(req, res);
    if (!body) return;
    const recordingId = (body.payload as { recordingId?: unknown } | null)?.recordingId;
    if (typeof recordingId !== 'number' || !Number.isSafeInteger(recordingId) || recordingId < 1) {
      const message = 'recordingId must be a positive whole number (the recording to play).';
      return sendJson(res, 400, failure('invalid_params', message));
    }
    try {
      await backend.mediaFile(recordingId);
    } catch (error) {
      if (error instanceof EarmarkError) return sendJson(res, HTTP_STATUS[error.code], failure(error));
      throw error;
    }
    const { ticket, expiresAt } = tickets.mint(recordingId);
    const url = `/media/recording/${recordingId}?ticket=${encodeURIComponent(ticket)}`;
    sendJson(res, 200, { ok: true, value: { url, expiresAt } });
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    const crossOrigin = crossOriginReason(req);
    if (crossOrigin) return sendText(res, 403, `Refused: ${crossOrigin}`);
    const bearer = bearerOf(req);
    if (!bearer || !sameSecret(bearer, token)) return sendText(res, 401, NO_TOKEN);
    if (req.method !== 'GET') return sendText(res, 405, 'The event stream is read with GET.');
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    sseClients.add(res);
    req.on('close', () => sseClients.delete(res));
  }

  async function serveMedia(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const match = /^\/media\/recording\/([1-9]\d{0,14})$/.exec(path);
    if (!match) return sendText(res, 404, `${path} is not a recording's address.`);
    const recordingId = Number(match[1]);
    const wrongMethod = methodRefusal(req.method);
    if (wrongMethod) return sendAnswer(res, wrongMethod);
    const crossOrigin = crossOriginReason(req);
    if (crossOrigin) return sendText(res, 403, `Refused: ${crossOrigin}`);
    const refusal = mediaAccessRefusal(req, recordingId);
    if (refusal) return sendText(res, refusal.status, refusal.message);
    const method = req.method ?? '';
    const range = req.headers.range;
    sendAnswer(
      res,
      await answerRecording({ method, recordingId, range, mediaFile: (id) => backend.mediaFile(id) }),
    );
  }

  /** The bearer token (scripts, tests) or a valid ticket for this very recording (`<audio src>`). */
  function mediaAccessRefusal(
    req: IncomingMessage,
    recordingId: number,
  ): { status: number; message: string } | null {
    const bearer = bearerOf(req);
    if (bearer) return sameSecret(bearer, token) ? null : { status: 401, message: NO_TOKEN };
    const ticket = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('ticket');
    if (!ticket) return { status: 401, message: 'A recording needs the access token or a media ticket.' };
    switch (tickets.check(ticket, recordingId)) {
      case 'valid':
        return null;
      case 'expired':
        return { status: 401, message: 'This media link has expired: open the recording again.' };
      case 'invalid':
        return { status: 403, message: `This media ticket is not one for recording ${recordingId}.` };
    }
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
