import type { ServerResponse } from 'node:http';
import { Readable, pipeline } from 'node:stream';
import { textAnswer, type FileAnswer } from './serve-file';

/** Writes an answer to Node's http (the browser host, the team server). */
export function sendAnswer(res: ServerResponse, answer: FileAnswer): void {
  res.writeHead(answer.status, answer.headers);
  if (!answer.body) return void res.end(answer.message);
  // pipeline closes the file when the client goes away mid-file (a seek drops the old request), and a
  // read error ends the response, which the client then sees as cut short.
  pipeline(answer.body(), res, () => undefined);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  sendAnswer(res, textAnswer(status, text));
}

/** The same answer as a Fetch Response (Electron's protocol handlers); `extraHeaders` such as CORS. */
export function toResponse(answer: FileAnswer, extraHeaders: Record<string, string> = {}): Response {
  const body = answer.body
    ? (Readable.toWeb(answer.body()) as ReadableStream<Uint8Array>)
    : (answer.message ?? null);
  return new Response(body, { status: answer.status, headers: { ...extraHeaders, ...answer.headers } });
}
