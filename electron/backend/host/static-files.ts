import { extname, join, resolve } from 'node:path';
import { isInside } from '../media/served-file';
import { answerFile, refuse, textAnswer, type FileAnswer } from './serve-file';

export interface RendererAsk {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  method: string;
  /** The request's path, already percent-decoded. */
  pathname: string;
  range?: string | null;
  csp?: string;
}

/**
 * The built renderer, for the browser host and Electron's `app://` alike. These files hold no data, so
 * they need no token (a reload after the token left the address must still load the app); they must
 * only ever be files of the renderer folder, checked on real paths so a symlink planted there cannot
 * lead out of it. A path without an extension that names no file gets index.html (the app's own
 * routes); a missing asset is a 404, not a page in its place.
 */
export async function answerRendererFile(ask: RendererAsk): Promise<FileAnswer> {
  const root = resolve(ask.rendererDir);
  const candidate = resolve(root, ask.pathname.replace(/^[/\\]+/, ''));
  // Refused before the file system is touched.
  if (!isInside(root, candidate)) return refuse({ path: candidate, conceal: true }, 'outside');
  const common = {
    method: ask.method,
    roots: [root],
    range: ask.range,
    caching: 'app',
    csp: ask.csp,
  } as const;
  const answer = await answerFile({ ...common, path: candidate, conceal: true });
  const isRoute = answer.refusal === 'missing' || answer.refusal === 'not_a_file';
  if (!isRoute || extname(candidate) !== '') return answer;

  const indexHtml = join(root, 'index.html');
  const index = await answerFile({ ...common, path: indexHtml });
  if (index.refusal === undefined) return index;
  return textAnswer(500, `The renderer is not built (${indexHtml} is missing): run \`npm run build\`.`);
}
