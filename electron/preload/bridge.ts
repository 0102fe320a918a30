import {
  EVENT_CHANNEL,
  METHOD_CHANNEL_PREFIX,
  eventNames,
  methodNames,
  splitMethodName,
  type EventName,
} from '../../shared/api';
import type { EarmarkBridge } from '../../shared/api/bridge';

/**
 * Builds `window.earmark` from the contract. Pure: the preload passes the real `ipcRenderer`
 * wrappers, tests pass fakes. Channel names come from shared/, as main's do.
 */
export { EVENT_CHANNEL, METHOD_CHANNEL_PREFIX };

/** Sends one API call to main and resolves to its Reply. */
export type Invoke = (channel: string, params: unknown) => Promise<unknown>;
/** Listens to the event channel; receives only the message, never Electron's event object. */
export type SubscribeToEvents = (listener: (message: unknown) => void) => () => void;

export function buildBridge(invoke: Invoke, subscribe: SubscribeToEvents): EarmarkBridge {
  const namespaces: Record<string, Record<string, (params: unknown) => Promise<unknown>>> = {};
  for (const name of methodNames) {
    const [namespace, fn] = splitMethodName(name);
    const channel = METHOD_CHANNEL_PREFIX + name;
    // One named function per method, bound to its channel: the renderer cannot choose a channel.
    (namespaces[namespace] ??= {})[fn] = (params) => invoke(channel, params ?? {});
  }

  const on = (event: EventName, listener: (payload: never) => void): (() => void) => {
    if (!(eventNames as readonly string[]).includes(event)) {
      throw new TypeError(`"${String(event)}" is not an Earmark event.`);
    }
    if (typeof listener !== 'function') throw new TypeError('The event listener must be a function.');
    return subscribe((message) => {
      if (isEventMessage(message) && message.event === event) listener(message.payload as never);
    });
  };

  const bridge = {
    ...namespaces,
    on,
    mediaUrl: async (recordingId: number): Promise<string> => {
      if (!Number.isSafeInteger(recordingId) || recordingId < 1) {
        throw new TypeError(`A recording id is a positive whole number, not ${String(recordingId)}.`);
      }
      return `earmark-media://recording/${recordingId}`;
    },
    transport: 'electron' as const,
  };
  // The namespaces are built from the contract at run time, so TypeScript cannot follow the shape;
  // preload-bridge.test.ts checks it against `methodNames`.
  return bridge as unknown as EarmarkBridge;
}

function isEventMessage(message: unknown): message is { event: string; payload: unknown } {
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof (message as { event?: unknown }).event === 'string'
  );
}
