import {
  eventNames,
  methodNames,
  splitMethodName,
  type EarmarkBridge,
  type EventName,
} from '../../../shared/api';
import { EarmarkError, type Reply } from '../../../shared/errors';
import { openEventStream } from './event-stream';

/** A media ticket is reused while it has at least this long to run, so a player opened now gets 3 h or more. */
const TICKET_REUSE_MARGIN_MS = 3 * 60 * 60 * 1000;

/**
 * The browser host's stand-in for the preload bridge: the same named functions, over HTTP to
 * 127.0.0.1. The token goes along as a Bearer header on every API call and on the event stream (read
 * with fetch, since EventSource cannot send headers); media URLs carry a signed ticket for that one
 * recording, because an `<audio src>` cannot send a header either.
 *
 * Without a token the page is a team server's, where a login's session cookie (HttpOnly, same-origin)
 * rides along with every request by itself: recordings are plain same-origin URLs, and the event
 * stream is opened again after a login (before it, the server refuses it) and closed at logout.
 */
export function createBrowserBridge(token: string | null): EarmarkBridge {
  const authorization: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const post = async (path: string, params: unknown): Promise<Reply<unknown>> => {
    try {
      const response = await fetch(path, {
        method: 'POST',
        headers: { ...authorization, 'Content-Type': 'application/json' },
        body: JSON.stringify(params ?? {}),
      });
      return (await response.json()) as Reply<unknown>;
    } catch (error) {
      return {
        ok: false,
        error: { code: 'internal', message: `The Earmark host did not answer: ${String(error)}` },
      };
    }
  };

  let closeStream: (() => void) | null = null;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const stopStream = () => {
    closeStream?.();
    closeStream = null;
  };

  const namespaces: Record<string, Record<string, (params: unknown) => Promise<Reply<unknown>>>> = {};
  for (const name of methodNames) {
    const [ns, fn] = splitMethodName(name);
    (namespaces[ns] ??= {})[fn] = async (params: unknown) => {
      const reply = await post(`/api/${name}`, params);
      // A new session (login, password change) or none: the stream opened under the old one is over.
      if (reply.ok && (name === 'session.login' || name === 'session.changePassword')) {
        stopStream();
        if (listeners.size > 0) ensureStream();
      } else if (name === 'session.logout') stopStream();
      return reply;
    };
  }

  const ensureStream = () => {
    closeStream ??= openEventStream({
      url: '/events',
      headers: authorization,
      onEvent: (event, data) => {
        if (!(eventNames as readonly string[]).includes(event)) return;
        const payload: unknown = JSON.parse(data);
        listeners.get(event as EventName)?.forEach((listener) => listener(payload));
      },
    });
  };

  const tickets = new Map<number, { url: string; expiresAt: number }>();
  const mediaUrl = async (recordingId: number): Promise<string> => {
    if (token === null) return `/media/recording/${recordingId}`;
    const cached = tickets.get(recordingId);
    if (cached && cached.expiresAt - Date.now() > TICKET_REUSE_MARGIN_MS) return cached.url;
    const reply = (await post('/media/tickets', { recordingId })) as Reply<{
      url: string;
      expiresAt: number;
    }>;
    if (!reply.ok) throw EarmarkError.fromBody(reply.error);
    tickets.set(recordingId, reply.value);
    return reply.value.url;
  };

  return {
    ...(namespaces as unknown as Omit<EarmarkBridge, 'on' | 'mediaUrl' | 'transport'>),
    on(event, listener) {
      ensureStream();
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    mediaUrl,
    transport: 'browser',
  };
}
