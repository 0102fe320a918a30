import {
  eventNames,
  methodNames,
  splitMethodName,
  type EarmarkBridge,
  type EventName,
} from '../../../shared/api';
import type { Reply } from '../../../shared/errors';

/**
 * The browser host's stand-in for the preload bridge: the same named functions, over HTTP to
 * 127.0.0.1. The token from the page URL goes along as a bearer header; media and events rely on the
 * cookie the host sets when the tokened URL is opened.
 */
export function createBrowserBridge(token: string | null): EarmarkBridge {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;

  const namespaces: Record<string, Record<string, (params: unknown) => Promise<Reply<unknown>>>> = {};
  for (const name of methodNames) {
    const [ns, fn] = splitMethodName(name);
    (namespaces[ns] ??= {})[fn] = async (params: unknown) => {
      try {
        const response = await fetch(`/api/${name}`, {
          method: 'POST',
          headers,
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
  }

  let source: EventSource | null = null;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const ensureSource = () => {
    if (source) return;
    source = new EventSource('/events');
    for (const event of eventNames) {
      source.addEventListener(event, (message) => {
        const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
        listeners.get(event)?.forEach((listener) => listener(payload));
      });
    }
  };

  return {
    ...(namespaces as unknown as Omit<EarmarkBridge, 'on' | 'mediaUrl' | 'transport'>),
    on(event, listener) {
      ensureSource();
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    mediaUrl: (recordingId) => `/media/recording/${recordingId}`,
    transport: 'browser',
  };
}
