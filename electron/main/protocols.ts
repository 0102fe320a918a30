import { createReadStream, type Stats } from 'node:fs';
import { lstat, readFile, realpath as realpathOnDisk, stat as statFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { CustomScheme, Protocol } from 'electron';
import { EarmarkError } from '../../shared/errors';
import { CONTENT_SECURITY_POLICY } from '../backend/host/csp';
import { parseRange } from '../backend/media/range';
import { isInside, realPathInside } from '../backend/media/served-file';
import type { MediaFile } from '../backend/services/recordings';

/**
 * The two custom schemes. `app://earmark/` serves the built renderer (a standard, secure origin, so
 * the page gets a real origin, fetch and workers without `file:`'s loose rules). `earmark-media://`
 * streams recordings with Range support so the player can seek in hour-long calls.
 * This file loads no 'electron' at run time: main passes `protocol` in, tests call the handlers directly.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'earmark';
export const MEDIA_SCHEME = 'earmark-media';

export const privilegedSchemes: CustomScheme[] = [
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false },
  },
  // stream: media elements read the body progressively instead of waiting for the whole file.
  // corsEnabled: the player's element fetches in CORS mode (crossOrigin), so Web Audio may hear it for
  // the per-lane volume; without the privilege Chromium refuses such a request to a custom scheme.
  // Electron then checks no Access-Control-Allow-Origin itself: the handler refuses other origins.
  {
    scheme: MEDIA_SCHEME,
    privileges: { secure: true, stream: true, supportFetchAPI: true, corsEnabled: true },
  },
];

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerPrivilegedSchemes(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged(privilegedSchemes);
}

export type ProtocolHandler = (request: Request) => Promise<Response>;
export type ByteRange = { start: number; end: number };

export { isInside };

export interface MediaHandlerOptions {
  /**
   * `backend.mediaFile`: the file and the folders it must really lie in (the data folder and the folder
   * it was imported from); throws EarmarkError('not_found') for an unknown recording.
   */
  mediaFile(recordingId: number): MediaFile | Promise<MediaFile>;
  /**
   * The app's own origins (security.ts appOrigins; the first is `app://earmark`). A request from one of
   * them is answered with it in Access-Control-Allow-Origin; a request from any other origin is refused.
   */
  appOrigins: readonly string[];
  stat?: (path: string) => Promise<Pick<Stats, 'size' | 'isFile'>>;
  /** Follows symlinks (tests give virtual files); the file is served only when its real path is inside its roots. */
  realpath?: (path: string) => Promise<string>;
  /** Opens the whole file (`range` null) or one inclusive byte range of it. */
  openRange?: (path: string, range: ByteRange | null) => ReadableStream<Uint8Array>;
}

const openFileRange = (path: string, range: ByteRange | null): ReadableStream<Uint8Array> =>
  Readable.toWeb(createReadStream(path, range ?? {})) as ReadableStream<Uint8Array>;

/** Handler for `earmark-media://recording/<id>`: 200 whole file, 206 for a Range, 416 when unsatisfiable. */
export function createMediaHandler(options: MediaHandlerOptions): ProtocolHandler {
  const stat = options.stat ?? statFile;
  const realpath = options.realpath ?? realpathOnDisk;
  const openRange = options.openRange ?? openFileRange;

  return async (request) => {
    // Media elements and fetch() of the page send their Origin in CORS mode; a page of another origin
    // (nothing but the app should ever load in Earmark's windows) gets nothing.
    const origin = request.headers.get('origin');
    if (origin !== null && !options.appOrigins.includes(origin))
      return text(403, `Recordings are not served to ${origin}.`);
    const cors = {
      'Access-Control-Allow-Origin': origin ?? options.appOrigins[0] ?? 'null',
      'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges',
      Vary: 'Origin',
    };
    if (request.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          ...cors,
          'Access-Control-Allow-Methods': 'GET, HEAD',
          'Access-Control-Allow-Headers': 'Range',
        },
      });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return text(405, 'Only GET and HEAD are allowed.');
    const recordingId = recordingIdOf(request.url);
    if (recordingId === null) return text(400, `Not a recording URL: ${request.url}`);

    let file: MediaFile;
    try {
      file = await options.mediaFile(recordingId);
    } catch (error) {
      if (error instanceof EarmarkError && error.code === 'not_found') return text(404, error.message);
      return text(500, `Recording ${recordingId} could not be looked up: ${(error as Error).message}`);
    }

    // Real paths on both sides, so a recording swapped for a symlink cannot lead the handler outside.
    const real = await realPathInside(file.path, file.roots, realpath);
    if (real === null) {
      const present = await lstat(file.path).then(
        () => true,
        () => false,
      );
      return present
        ? text(403, `The file of recording ${recordingId} leads outside Earmark's folders.`)
        : text(404, `The file of recording ${recordingId} is missing: ${file.path}`);
    }
    let info: Pick<Stats, 'size' | 'isFile'>;
    try {
      info = await stat(real);
    } catch {
      return text(404, `The file of recording ${recordingId} is missing: ${file.path}`);
    }
    if (!info.isFile())
      return text(404, `The file of recording ${recordingId} is not a regular file: ${file.path}`);

    const size = info.size;
    const range = parseRange(request.headers.get('range'), size);
    const headers: Record<string, string> = {
      ...cors,
      'Content-Type': file.mimeType,
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    };
    if (range === 'unsatisfiable') {
      return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } });
    }
    const status = range ? 206 : 200;
    headers['Content-Length'] = String(range ? range.end - range.start + 1 : size);
    if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${size}`;
    const body = request.method === 'HEAD' ? null : openRange(real, range);
    return new Response(body, { status, headers });
  };
}

/** `earmark-media://recording/42` → 42; null for anything else (other hosts, extra segments, queries, 0, 007). */
export function recordingIdOf(url: string): number | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  // Exactly the form the preload's mediaUrl() builds: no port, credentials or query to misread.
  if (parsed.protocol !== `${MEDIA_SCHEME}:` || parsed.host !== 'recording' || parsed.search !== '')
    return null;
  const match = /^\/([1-9]\d{0,14})$/.exec(parsed.pathname);
  return match?.[1] ? Number(match[1]) : null;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Handler for `app://earmark/...`: files from the built renderer only. A path that escapes the
 * folder is refused before the file system is touched; an unknown path without an extension gets
 * index.html (the app's own routes); HTML carries the CSP as a header, which a page cannot undo.
 */
export function createAppHandler(
  rendererDir: string,
  csp: string = CONTENT_SECURITY_POLICY,
): ProtocolHandler {
  const root = resolve(rendererDir);
  const indexHtml = join(root, 'index.html');

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return text(405, 'Only GET and HEAD are allowed.');
    let pathname: string;
    try {
      const url = new URL(request.url);
      if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return text(404, 'Not found.');
      // Decoding after URL parsing turns %2F..%2F into ../, which the containment check below catches.
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return text(400, `Malformed URL: ${request.url}`);
    }
    if (pathname.includes('\0')) return text(400, 'Malformed URL.');

    const candidate = resolve(root, pathname.replace(/^[/\\]+/, ''));
    if (!isInside(root, candidate)) return text(404, 'Not found.');

    let file = candidate;
    const info = await statFile(candidate).catch(() => null);
    if (!info?.isFile()) {
      if (extname(candidate) !== '') return text(404, 'Not found.');
      file = indexHtml;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch (error) {
      const message =
        file === indexHtml
          ? `The renderer is not built (${indexHtml} is missing): run \`npm run build\`.`
          : `${file} could not be read: ${(error as Error).message}`;
      return text(500, message);
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const isHtml = type.startsWith('text/html');
    const headers: Record<string, string> = {
      'Content-Type': type,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': isHtml ? 'no-store' : 'max-age=3600',
      ...(isHtml ? { 'Content-Security-Policy': csp } : {}),
    };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}

function text(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
