import { request as httpRequest, type Agent, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text(): string;
  /** The body as JSON (a Reply for API calls). */
  json<T = { ok: boolean; value?: unknown; error?: { code: string; message: string; reason?: string } }>(): T;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Over TLS, trusting the test's own self-signed certificate. */
  tls?: boolean;
  /** Keep-alive connections, as a browser reuses them (default: a new connection per request). */
  agent?: Agent;
}

/**
 * A raw HTTP request to 127.0.0.1, so tests control every header, path and byte (fetch refuses to send
 * a forged Host, Origin or Sec-Fetch-Site, and normalises malformed paths before sending them).
 */
export function sendRaw(port: number, path: string, options: RawRequest = {}): Promise<Answer> {
  const request = options.tls ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: options.agent,
        ...(options.tls ? { rejectUnauthorized: false } : {}),
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
