import { createReadStream } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { isInside, realPathInside } from '../media/served-file';
import { CONTENT_SECURITY_POLICY } from './csp';

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

/**
 * Serves the built renderer. These files hold no data, so they need no token (a reload after the
 * token left the address must still load the app); they must only ever be files of the renderer
 * folder, checked on real paths so a symlink planted there cannot lead out of it.
 * An unknown path gets index.html: the app's own routes.
 */
export async function serveRenderer(
  req: IncomingMessage,
  res: ServerResponse,
  rendererDir: string,
  pathname: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.');
  const root = resolve(rendererDir);
  const candidate = resolve(root, pathname.replace(/^[/\\]+/, ''));
  if (!isInside(root, candidate)) return sendText(res, 404, 'Not found.');

  const indexHtml = join(root, 'index.html');
  let file = await realPathInside(candidate, [root]);
  if (file === null && (await exists(candidate))) return sendText(res, 404, 'Not found.'); // leads outside
  if (file === null || (await stat(file)).isDirectory()) file = await realPathInside(indexHtml, [root]);
  if (file === null) {
    return sendText(res, 500, `The renderer is not built (${root} is empty): run \`npm run build\`.`);
  }
  const type = STATIC_TYPES[extname(file)] ?? 'application/octet-stream';
  const isHtml = type.startsWith('text/html');
  res.writeHead(200, {
    'Content-Type': type,
    'Cache-Control': isHtml ? 'no-store' : 'max-age=3600',
    ...(isHtml ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : {}),
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

/** Whether anything is at `path`, a dangling symlink included (stat would follow it and say no). */
function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}
