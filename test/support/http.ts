import { request, type Agent } from 'node:http';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text(): string;
  /** The body as JSON (a Reply for API calls). */
  json<T = { ok: boolean; value?: unknown; error?: { code: string; message: string } }>(): T;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Keep-alive connections, as a browser reuses them (default: a new connection per request). */
  agent?: Agent;
}

/**
 * A raw HTTP request to 127.0.0.1, so tests control every header, path and byte (fetch refuses to send
 * a forged Host, Origin or Sec-Fetch-Site, and normalises malformed paths before sending them).
 */
export function sendRaw(port: number, path: string, options: RawRequest = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: options.agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body,
            text: () => body.toString('utf8'),
            json: () => JSON.parse(body.toString('utf8')),
          });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}
