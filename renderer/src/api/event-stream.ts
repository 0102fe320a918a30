/**
 * Server-sent events read with fetch(), because EventSource cannot send the Authorization header and
 * the access token must not travel in a URL. Reconnects after a dropped connection, like EventSource.
 */

export type EventHandler = (event: string, data: string) => void;

/** Feeds text as it arrives; calls `onEvent` for each complete event (the SSE wire format, LF or CRLF lines). */
export function createEventParser(onEvent: EventHandler): (text: string) => void {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0) onEvent(event || 'message', data.join('\n'));
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return; // a comment (the host's ": connected")
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  };
  return (text) => {
    buffer += text;
    const lines = buffer.split('\n');
    // The last piece may be a line cut in half: keep it for the next chunk.
    buffer = lines.pop() ?? '';
    for (const text of lines) line(text.endsWith('\r') ? text.slice(0, -1) : text);
  };
}

export interface EventStreamOptions {
  url: string;
  headers: Record<string, string>;
  onEvent: EventHandler;
  /** Waits before reconnecting: 1 s, doubling up to this (15 s by default). */
  maxRetryMs?: number;
}

/** Opens the stream and keeps it open until the returned function is called. */
export function openEventStream(options: EventStreamOptions): () => void {
  const controller = new AbortController();
  const maxRetryMs = options.maxRetryMs ?? 15_000;
  const firstRetryMs = Math.min(1000, maxRetryMs);
  let retryMs = firstRetryMs;

  const run = async () => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch(options.url, {
          headers: { ...options.headers, Accept: 'text/event-stream' },
          signal: controller.signal,
          cache: 'no-store',
        });
        // Without a valid token, trying again cannot help: the page says so on its next API call.
        if (response.status === 401 || response.status === 403) return;
        if (response.ok && response.body) {
          retryMs = firstRetryMs;
          const feed = createEventParser(options.onEvent);
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            feed(value);
          }
        }
      } catch {
        // A dropped connection or the host restarting: try again below.
      }
      if (controller.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      retryMs = Math.min(retryMs * 2, maxRetryMs);
    }
  };
  void run();
  return () => controller.abort();
}
