import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventParser, openEventStream } from '../../../renderer/src/api/event-stream';

describe('the event stream parser', () => {
  const parse = (chunks: string[]) => {
    const events: [string, string][] = [];
    const feed = createEventParser((event, data) => events.push([event, data]));
    chunks.forEach(feed);
    return events;
  };

  it('reads events, comments and multi-line data', () => {
    expect(
      parse([': connected\n\nevent: library.changed\ndata: {"reason":"import"}\n\ndata: a\ndata: b\n\n']),
    ).toEqual([
      ['library.changed', '{"reason":"import"}'],
      ['message', 'a\nb'],
    ]);
  });

  it('joins events cut across chunks anywhere, CRLF included', () => {
    const wire = 'event: import.progress\r\ndata: {"done":1}\r\n\r\nevent: x\ndata:2\n\n';
    const whole = parse([wire]);
    for (let cut = 1; cut < wire.length; cut++) {
      expect(parse([wire.slice(0, cut), wire.slice(cut)]), String(cut)).toEqual(whole);
    }
    expect(whole).toEqual([
      ['import.progress', '{"done":1}'],
      ['x', '2'],
    ]);
  });

  it('dispatches nothing for an event without data or one not yet finished', () => {
    expect(parse(['event: x\n\n', 'event: y\ndata: 1\n'])).toEqual([]);
  });
});

describe('openEventStream', () => {
  let server: Server;
  let url: string;
  const seen: (string | undefined)[] = [];
  let connections = 0;
  let open: ServerResponse | null = null;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      connections++;
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(`event: hello\ndata: ${connections}\n\n`);
      open = res;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the header, and reconnects after the host drops the connection', async () => {
    const received: string[] = [];
    const close = openEventStream({
      url,
      headers: { Authorization: 'Bearer t' },
      onEvent: (event, data) => received.push(`${event}:${data}`),
      maxRetryMs: 50,
    });
    try {
      await expect.poll(() => received).toEqual(['hello:1']);
      open!.end();
      await expect.poll(() => received).toEqual(['hello:1', 'hello:2']);
      expect(seen).toEqual(['Bearer t', 'Bearer t']);
    } finally {
      close();
    }
  });
});
