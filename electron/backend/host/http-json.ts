import type { IncomingMessage, ServerResponse } from 'node:http';
import { EarmarkError, type ErrorCode, type Reply } from '../../../shared/errors';
import { newReference } from '../dispatch';
import { decodedPath } from './guard';
import { sendText } from './serve-adapters';

/** The JSON side of both HTTP hosts (browser host, team server): bodies in, replies out. */

export const MAX_BODY_BYTES = 1 << 20;

export function readBody(req: IncomingMessage): Promise<string> {
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

/** The request's JSON body (`{}` when empty), or null once a 400/413 has been answered. */
export async function readJson(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<{ payload: unknown } | null> {
  try {
    const body = await readBody(req);
    return { payload: body.length === 0 ? {} : JSON.parse(body) };
  } catch (error) {
    const tooLarge = error instanceof EarmarkError;
    const message = tooLarge
      ? error.message
      : `The request body is not valid JSON: ${(error as Error).message}`;
    sendJson(res, tooLarge ? 413 : 400, failure('invalid_params', message));
    return null;
  }
}

export function failure(error: EarmarkError): Reply<never>;
export function failure(code: ErrorCode, message: string): Reply<never>;
export function failure(codeOrError: ErrorCode | EarmarkError, message?: string): Reply<never> {
  if (codeOrError instanceof EarmarkError) return { ok: false, error: codeOrError.toBody() };
  return { ok: false, error: { code: codeOrError, message: message ?? '' } };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

export function stackOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * A host's request listener around its async handler. As in the dispatch, an unexpected error's own text
 * may hold paths or a stack, so it goes to the log and the page gets a reference to it.
 */
export function answeringWith(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  log: (message: string) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      const reference = newReference();
      log(
        `[earmark] ${req.method ?? ''} ${req.url ?? ''} failed (reference ${reference}): ${stackOf(error)}`,
      );
      if (!res.headersSent) {
        sendJson(
          res,
          500,
          failure('internal', `Earmark could not answer this request (reference ${reference}).`),
        );
      } else res.destroy();
    });
  };
}

/**
 * The request's decoded path, or null once its malformed target has been answered with 400: as JSON
 * for an API call, as text otherwise (both hosts).
 */
export function requestPath(req: IncomingMessage, res: ServerResponse): string | null {
  const target = decodedPath(req.url);
  if (target.ok) return target.path;
  const message = `The address ${target.raw || req.url} is not valid: ${target.problem}.`;
  if (target.raw.startsWith('/api/')) sendJson(res, 400, failure('invalid_params', message));
  else sendText(res, 400, message);
  return null;
}
