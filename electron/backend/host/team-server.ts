import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { TEAM_IDENTITY, TEAM_IDENTITY_PATH } from '../../../shared/desktop/team-server';
import type { Backend } from '../backend';
import type { Viewer } from '../context';
import { checkRole } from '../permissions';
import { sessionActor } from '../services/accounts/sessions';
import { teamCall } from '../services/accounts/team-call';
import { assertSeesRecording } from '../services/viewer';
import { startTeamWork, type TeamWorkOptions } from '../team-work';
import { isJsonContentType } from './guard';
import { answeringWith, failure, readJson, requestPath, sendJson } from './http-json';
import { HTTP_STATUS } from './http-status';
import { answerRecording } from './recording-file';
import { sendAnswer, sendText } from './serve-adapters';
import { methodRefusal } from './serve-file';
import { answerRendererFile } from './static-files';
import { teamEventStreams } from './team-events';
import { uploadRoutes } from './team-uploads';
import {
  clearedSessionCookie,
  clientAddress,
  cookieValue,
  isSecureRequest,
  originRefusal,
  sessionCookie,
  sessionCookieName,
  type TeamTransport,
} from './team-guard';
import { plainHttpRefusal, type ListenAddress, type TlsFiles } from './team-listen';

export interface TeamServerOptions {
  /** A backend in team mode on the team's PostgreSQL. */
  backend: Backend;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  listen: ListenAddress;
  /** The certificate and key (team-listen.ts loadTls); null or absent: plain HTTP. */
  tls?: TlsFiles | null;
  /** A reverse proxy in front: its X-Forwarded-Proto/-For/-Host are believed. */
  behindProxy?: boolean;
  /** The origin browsers open the server at (`https://earmark.example`), when Host cannot say it. */
  origin?: string | null;
  /** Jobs and events across processes (team-work.ts); `false` only in tests that bring their own. */
  work?: TeamWorkOptions | false;
  /** How often open event streams are checked against their sessions (30 s). */
  streamCheckMs?: number;
  /** How long a stop waits for requests in flight (10 s). */
  drainMs?: number;
  log?: (message: string) => void;
}

export interface TeamServer {
  /** Where people open it. */
  readonly url: string;
  readonly port: number;
  /** Whether it speaks TLS itself (not whether a proxy in front does). */
  readonly tls: boolean;
  /** Stops taking requests, lets those in flight finish, ends the event streams and stops the job worker. */
  close(): Promise<void>;
}

/**
 * The team server: the same API, events and renderer as the workstation's browser host, for many people
 * over a network. Who calls is the session cookie a login set (services/accounts: the database keeps only
 * its hash, so any process on the same database knows it); every API call, stream and recording must
 * come from the server's own page (team-guard.ts). Nothing is kept per process but open streams.
 */
export async function startTeamServer(options: TeamServerOptions): Promise<TeamServer> {
  const { backend } = options;
  if (backend.mode !== 'team' || backend.database.engine !== 'postgres') {
    throw new Error('The team server needs a backend in team mode on PostgreSQL (--database postgres://…).');
  }
  const tls = options.tls ?? null;
  const transport: TeamTransport = {
    tls: tls !== null,
    behindProxy: options.behindProxy ?? false,
    origin: options.origin ? normalOrigin(options.origin) : null,
  };
  const refusal = plainHttpRefusal(options.listen, {
    tls: transport.tls,
    behindProxy: transport.behindProxy,
  });
  if (refusal) throw new Error(refusal);
  const log = options.log ?? ((message: string) => console.error(message));
  const rendererDir = resolve(options.rendererDir);
  const streams = teamEventStreams(backend, { checkMs: options.streamCheckMs, log });
  let closing: Promise<void> | null = null;

  const onRequest = answeringWith(handle, log);
  const server = tls
    ? createHttpsServer({ cert: tls.cert, key: tls.key }, onRequest)
    : createHttpServer(onRequest);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    const path = requestPath(req, res);
    if (path === null) return;
    if (path.startsWith('/api/')) return api(req, res, path.slice('/api/'.length));
    if (path === '/events') return events(req, res);
    if (path === TEAM_IDENTITY_PATH) return identity(req, res);
    if (path.startsWith('/media/')) return media(req, res, path);
    if (path === '/uploads' || path.startsWith('/uploads/')) return uploads(req, res, path);
    return sendAnswer(
      res,
      await answerRendererFile({
        rendererDir,
        method: req.method ?? '',
        pathname: path,
        range: req.headers.range,
      }),
    );
  }

  const tokenOf = (req: IncomingMessage) =>
    cookieValue(req, sessionCookieName(isSecureRequest(req, transport)));

  async function api(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const crossOrigin = originRefusal(req, transport, { stateChanging: true });
    if (crossOrigin) {
      req.resume();
      return sendJson(res, 403, failure('forbidden', `Refused: ${crossOrigin}`));
    }
    if (req.method !== 'POST') {
      req.resume();
      return sendJson(res, 405, failure('invalid_params', 'API calls must use POST.'));
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      req.resume();
      const sent = req.headers['content-type'] ?? 'no Content-Type';
      return sendJson(
        res,
        415,
        failure('unsupported_media', `API calls must be sent as application/json, not ${sent}.`),
      );
    }
    const body = await readJson(req, res);
    if (!body) return;
    const secure = isSecureRequest(req, transport);
    const token = tokenOf(req);
    const cookies: string[] = [];
    const reply = await backend.dispatch(
      method,
      body.payload,
      teamCall(backend, {
        token,
        address: clientAddress(req, transport),
        setToken: (next, expiresAt) => {
          cookies.push(sessionCookie(secure, next, expiresAt, backend.clock.now()));
          streams.endSession(token);
        },
        clear: () => {
          cookies.push(clearedSessionCookie(secure));
          streams.endSession(token);
        },
      }),
    );
    if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);
    sendJson(res, reply.ok ? 200 : HTTP_STATUS[reply.error.code], reply);
  }

  /**
   * What this server is, for the desktop app's check before it opens the server in its window: the same
   * to everyone, no data, so it needs neither a login nor an Origin.
   */
  function identity(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    if (req.method !== 'GET') return sendText(res, 405, `${TEAM_IDENTITY_PATH} is read with GET.`);
    sendJson(res, 200, TEAM_IDENTITY);
  }

  /** Who the request's cookie logs in, or the refusal already answered. */
  async function loggedIn(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<{ token: string; viewer: Viewer | undefined } | null> {
    const token = tokenOf(req);
    const acting = await sessionActor(backend.database.query, token, backend.clock.now());
    if (acting.actorId !== null && token !== null) return { token, viewer: acting.viewer };
    sendText(res, 401, 'refusal' in acting ? acting.refusal.message : 'Log in first.');
    return null;
  }

  const uploads = uploadRoutes(backend.teamFiles, transport, loggedIn);

  async function events(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const crossOrigin = originRefusal(req, transport, { stateChanging: false });
    if (crossOrigin) return sendText(res, 403, `Refused: ${crossOrigin}`);
    if (req.method !== 'GET') return sendText(res, 405, 'The event stream is read with GET.');
    const session = await loggedIn(req, res);
    if (!session || closing) return;
    // What a stream hears depends on the role (team-events.ts); a login without one hears nothing.
    if (!session.viewer) return sendText(res, 401, 'Log in first.');
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // nginx would otherwise hold events back in its buffer.
      'X-Accel-Buffering': 'no',
    });
    res.write(': connected\n\n');
    streams.add(res, session.token, session.viewer.role);
  }

  async function media(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const match = /^\/media\/recording\/([1-9]\d{0,14})$/.exec(path);
    if (!match) return sendText(res, 404, `${path} is not a recording's address.`);
    const wrongMethod = methodRefusal(req.method);
    if (wrongMethod) return sendAnswer(res, wrongMethod);
    const crossOrigin = originRefusal(req, transport, { stateChanging: false });
    if (crossOrigin) return sendText(res, 403, `Refused: ${crossOrigin}`);
    const session = await loggedIn(req, res);
    if (!session) return;
    // A recording is played by whoever may play recordings (the role table's row, as the API's own
    // recording methods): an agent account reads evaluations, not the library's calls.
    try {
      checkRole('recording.encodedAudio', session.viewer);
    } catch (error) {
      return sendText(res, 403, (error as Error).message);
    }
    // ...and only a recording of a call they may open: a team lead's teams' (the API's row rule).
    const recordingId = Number(match[1]);
    try {
      await assertSeesRecording(backend.database.query, session.viewer, recordingId, 'not in sight');
    } catch {
      return sendText(res, 404, `There is no recording with id ${recordingId}.`);
    }
    sendAnswer(
      res,
      await answerRecording({
        method: req.method ?? '',
        recordingId,
        range: req.headers.range,
        mediaFile: (id) => backend.mediaFile(id),
      }),
    );
  }

  // Jobs and events first: a request may enqueue an import as soon as the port is open.
  const stopWork =
    options.work === false ? async () => {} : await startTeamWork(backend, { log, ...options.work });
  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(options.listen.port, options.listen.host, () => resolveListen());
    });
  } catch (error) {
    streams.close();
    await stopWork();
    throw new Error(listenProblem(options.listen, error as NodeJS.ErrnoException), { cause: error });
  }
  const port = (server.address() as AddressInfo).port;

  const drainMs = options.drainMs ?? 10_000;
  return {
    port,
    tls: tls !== null,
    url: transport.origin
      ? `${transport.origin}/`
      : `${tls ? 'https' : 'http'}://${shownHost(options.listen.host)}:${port}/`,
    close: () =>
      (closing ??= (async () => {
        const closed = new Promise<void>((resolveClose) => server.close(() => resolveClose()));
        streams.close();
        server.closeIdleConnections();
        const late = setTimeout(() => server.closeAllConnections(), drainMs);
        await closed;
        clearTimeout(late);
        await stopWork();
      })()),
  };
}

/** `https://Earmark.example/` → `https://earmark.example`, as browsers send it in Origin. */
function normalOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`--origin "${value}" is not an address such as https://earmark.example.`);
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.pathname !== '/' ||
    url.search ||
    url.username
  ) {
    throw new Error(
      `--origin "${value}" must be only scheme://host[:port], such as https://earmark.example.`,
    );
  }
  return url.origin;
}

/** The host for the printed address: this computer's name for a wildcard listen, IPv6 in brackets. */
function shownHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return hostname();
  return host.includes(':') ? `[${host}]` : host;
}

function listenProblem(listen: ListenAddress, error: NodeJS.ErrnoException): string {
  const where = `${listen.host}:${listen.port}`;
  if (error.code === 'EADDRINUSE') return `--listen ${where}: another program already listens there.`;
  if (error.code === 'EACCES')
    return `--listen ${where}: this user may not listen on port ${listen.port} (ports below 1024 need privileges; use 8443, say, behind a proxy).`;
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
    return `--listen ${where}: this computer has no address ${listen.host}.`;
  return `--listen ${where}: could not listen (${error.code ?? error.message}).`;
}
