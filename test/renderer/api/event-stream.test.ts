import { afterEach, describe, expect, it } from 'vitest';
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
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  /**
   * A stand-in for the host: `/denied` answers 401; any other URL sends one event per connection and
   * stays open until `drop()`.
   */
  function fakeHost() {
    const seen: { url: string; authorization: string | null }[] = [];
    let drop = () => {};
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      seen.push({ url, authorization: new Headers(init.headers).get('authorization') });
      if (url === '/denied') return new Response(null, { status: 401 });
      const number = seen.filter((s) => s.url === url).length;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(`event: hello\ndata: ${number}\n\n`));
          drop = () => controller.close();
        },
      });
      return new Response(body, { status: 200 });
    }) as typeof fetch;
    return { seen, drop: () => drop() };
  }

  it('sends the header, and reconnects after the host drops the connection', async () => {
    const host = fakeHost();
    const received: string[] = [];
    const close = openEventStream({
      url: '/events',
      headers: { Authorization: 'Bearer t' },
      onEvent: (event, data) => received.push(`${event}:${data}`),
      maxRetryMs: 20,
    });
    try {
      await expect.poll(() => received).toEqual(['hello:1']);
      host.drop();
      await expect.poll(() => received).toEqual(['hello:1', 'hello:2']);
      expect(host.seen.map((s) => s.authorization)).toEqual(['Bearer t', 'Bearer t']);
    } finally {
      close();
    }
  });

  it('gives up when the host refuses the token (trying again cannot help)', async () => {
    const host = fakeHost();
    const closeDenied = openEventStream({ url: '/denied', headers: {}, onEvent: () => {}, maxRetryMs: 1 });
    // Meanwhile another stream, with the same 1 ms retry, is dropped and reconnects: time enough for
    // the refused one to have tried again, had it been going to.
    const received: string[] = [];
    const closeOther = openEventStream({
      url: '/other',
      headers: {},
      onEvent: (_event, data) => received.push(data),
      maxRetryMs: 1,
    });
    try {
      await expect.poll(() => received).toEqual(['1']);
      host.drop();
      await expect.poll(() => received).toEqual(['1', '2']);
      expect(host.seen.filter((s) => s.url === '/denied')).toHaveLength(1);
    } finally {
      closeDenied();
      closeOther();
    }
  });
});
