import type { CustomScheme, Protocol } from 'electron';
import { answerRecording, type RecordingAsk } from '../backend/host/recording-file';
import { toResponse } from '../backend/host/serve-adapters';
import { textAnswer } from '../backend/host/serve-file';
import { answerRendererFile } from '../backend/host/static-files';
import { isInside } from '../backend/media/served-file';

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

export { isInside };

export interface MediaHandlerOptions {
  mediaFile: RecordingAsk['mediaFile'];
  /**
   * The app's own origins (security.ts appOrigins; the first is `app://earmark`). A request from one of
   * them is answered with it in Access-Control-Allow-Origin; a request from any other origin is refused.
   */
  appOrigins: readonly string[];
}

/** Handler for `earmark-media://recording/<id>`: 200 whole file, 206 for a Range, 416 when unsatisfiable. */
export function createMediaHandler(options: MediaHandlerOptions): ProtocolHandler {
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
    const recordingId = recordingIdOf(request.url);
    if (recordingId === null) return text(400, `Not a recording URL: ${request.url}`);
    const ask = { method: request.method, recordingId, range: request.headers.get('range') };
    try {
      return toResponse(await answerRecording({ ...ask, mediaFile: options.mediaFile }), cors);
    } catch (error) {
      return text(500, `Recording ${recordingId} could not be looked up: ${(error as Error).message}`);
    }
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

/**
 * Handler for `app://earmark/...`: files from the built renderer only (answerRendererFile: real paths
 * inside the folder, index.html for the app's routes, the CSP as a header on pages).
 */
export function createAppHandler(rendererDir: string, csp?: string): ProtocolHandler {
  return async (request) => {
    let pathname: string;
    try {
      const url = new URL(request.url);
      if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return text(404, 'Not found.');
      // Decoding after URL parsing turns %2F..%2F into ../, which the containment check catches.
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return text(400, `Malformed URL: ${request.url}`);
    }
    if (pathname.includes('\0')) return text(400, 'Malformed URL.');
    const range = request.headers.get('range');
    return toResponse(
      await answerRendererFile({ rendererDir, method: request.method, pathname, range, csp }),
    );
  };
}

function text(status: number, message: string): Response {
  return toResponse(textAnswer(status, message));
}
