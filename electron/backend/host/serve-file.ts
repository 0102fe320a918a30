import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { parseRange } from '../media/range';
import { realPathInside } from '../media/served-file';
import { CONTENT_SECURITY_POLICY } from './csp';
import { statusOfError } from './http-status';

/**
 * The one answer to "send me this file" for every host: the browser host and the team server (Node
 * http) and the Electron protocols (Fetch), through the adapters in serve-adapters.ts. It decides
 * status, headers and which bytes; the transport only writes them.
 */

/** The renderer's file types; recordings bring their own type (sniffed at import). */
const MIME_TYPES: Record<string, string> = {
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

export function mimeTypeOf(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * `app`: the renderer, whose pages are never stored (so an update is seen at once) and carry the CSP as
 * a header a page cannot undo, while its hashed assets may be kept an hour. `private`: recordings,
 * never stored anywhere.
 */
export type Caching = 'app' | 'private';

export interface FileAsk {
  method: string;
  /** The file asked for; it is served only when its real path lies inside one of `roots`. */
  path: string;
  roots: readonly string[];
  /** The request's Range header, if any. */
  range?: string | null;
  /** Else by the file's extension. */
  mimeType?: string;
  caching: Caching;
  /** For `app` pages; the app's own policy unless given. */
  csp?: string;
  /** Refusals name the file so ("The file of recording 4"); without it they say "The file". */
  name?: string;
  /**
   * A public folder's refusals all say "Not found." with 404, so a probe learns nothing of what lies
   * beyond the folder or where it is on disk.
   */
  conceal?: boolean;
}

/** Why a file was not sent; a caller may answer differently (the renderer's routes get index.html). */
export type Refusal = 'method' | 'missing' | 'not_a_file' | 'outside' | 'unreadable';

export interface FileAnswer {
  status: number;
  headers: Record<string, string>;
  /** Opens the bytes to send (the whole file or the range); null when there are none (HEAD, 416, refusals). */
  body: (() => Readable) | null;
  /** A refusal's reason, sent as plain text. */
  message?: string;
  refusal?: Refusal;
}

/** The 405 for anything but GET and HEAD; null for those. Hosts may ask it before costlier checks. */
export function methodRefusal(method: string | undefined): FileAnswer | null {
  return method === 'GET' || method === 'HEAD' ? null : refuse({ path: '' }, 'method');
}

export async function answerFile(ask: FileAsk): Promise<FileAnswer> {
  const wrongMethod = methodRefusal(ask.method);
  if (wrongMethod) return wrongMethod;
  let real: string | null;
  let size: number;
  try {
    real = await realPathInside(ask.path, ask.roots);
    if (real === null) return refuse(ask, 'outside');
    const info = await stat(real);
    if (!info.isFile()) return refuse(ask, 'not_a_file');
    size = info.size;
  } catch (error) {
    return statusOfError(error) === 404 ? refuse(ask, 'missing') : refuse(ask, 'unreadable', error);
  }

  const type = ask.mimeType ?? mimeTypeOf(ask.path);
  const headers: Record<string, string> = {
    'Content-Type': type,
    'Accept-Ranges': 'bytes',
    'X-Content-Type-Options': 'nosniff',
    ...cachingHeaders(ask, type),
  };
  const range = parseRange(ask.range, size);
  if (range === 'unsatisfiable') {
    return { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` }, body: null };
  }
  headers['Content-Length'] = String(range ? range.end - range.start + 1 : size);
  if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${size}`;
  const file = real;
  return {
    status: range ? 206 : 200,
    headers,
    body: ask.method === 'HEAD' ? null : () => createReadStream(file, range ?? {}),
  };
}

function cachingHeaders(ask: FileAsk, type: string): Record<string, string> {
  if (ask.caching === 'private') return { 'Cache-Control': 'no-store' };
  if (!type.startsWith('text/html')) return { 'Cache-Control': 'max-age=3600' };
  return { 'Cache-Control': 'no-store', 'Content-Security-Policy': ask.csp ?? CONTENT_SECURITY_POLICY };
}

/** The one wording and status of each refusal. */
export function refuse(
  ask: Pick<FileAsk, 'path' | 'name' | 'conceal'>,
  refusal: Refusal,
  error?: unknown,
): FileAnswer {
  const name = ask.name ?? 'The file';
  if (refusal === 'method') {
    const answer = textAnswer(405, 'Only GET and HEAD are allowed.');
    return { ...answer, headers: { ...answer.headers, Allow: 'GET, HEAD' }, refusal };
  }
  const status = refusal === 'outside' ? 403 : refusal === 'unreadable' ? statusOfError(error) : 404;
  if (ask.conceal) return { ...textAnswer(404, 'Not found.'), refusal };
  const messages: Record<Exclude<Refusal, 'method'>, string> = {
    missing: `${name} is missing: ${ask.path}`,
    not_a_file: `${name} is not a regular file: ${ask.path}`,
    outside: `${name} leads outside Earmark's folders.`,
    unreadable: `${name} could not be read (${(error as NodeJS.ErrnoException | undefined)?.code ?? 'error'}): ${ask.path}`,
  };
  return { ...textAnswer(status, messages[refusal]), refusal };
}

export function textAnswer(status: number, message: string): FileAnswer {
  return {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Length': String(Buffer.byteLength(message)),
    },
    body: null,
    message,
  };
}
