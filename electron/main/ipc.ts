import { EVENT_CHANNEL, METHOD_CHANNEL_PREFIX, methodNames, type EventName } from '../../shared/api';
import type { Reply } from '../../shared/errors';
import type { Dispatch } from '../backend/dispatch';
import type { FrameLike } from './security';

// Every API method travels on its own channel, so the preload can expose named functions only;
// backend events travel on one channel as `{ event, payload }` and the preload filters by name.
export { EVENT_CHANNEL, METHOD_CHANNEL_PREFIX };

export interface IpcInvokeEventLike {
  readonly senderFrame: FrameLike | null;
}

/** The part of `ipcMain` used here (Bruno's `IpcMainLike` idea): tests pass a Map-backed fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, payload: unknown) => unknown): void;
  removeHandler(channel: string): void;
}

export type SenderCheck = (frame: FrameLike | null) => boolean;

/**
 * One `ipcMain.handle` per contract method. The sender frame is checked before anything else;
 * the payload is left to `dispatch`, which validates it against the contract and never throws.
 * Returns the function that removes every handler again.
 */
export function registerIpc(ipcMain: IpcMainLike, dispatch: Dispatch, isTrusted: SenderCheck): () => void {
  const channels = methodNames.map((name) => {
    const channel = METHOD_CHANNEL_PREFIX + name;
    ipcMain.handle(channel, (event, payload): Promise<Reply<unknown>> => {
      if (!isTrusted(event.senderFrame)) {
        return Promise.resolve({
          ok: false,
          error: {
            code: 'forbidden',
            message: `${name} was called from a page that is not Earmark's own; refused.`,
          },
        });
      }
      return dispatch(name, payload);
    });
    return channel;
  });
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

export interface EventSource {
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
}

/** The part of `WebContents` that receives events. */
export interface EventSink {
  send(channel: string, message: { event: EventName; payload: unknown }): void;
  isDestroyed(): boolean;
}

/** Sends every backend event to one window; returns the unsubscribe (call it when the window closes). */
export function forwardEvents(events: EventSource, contents: EventSink): () => void {
  return events.subscribe((event, payload) => {
    // Sending to a destroyed WebContents throws; an event racing a closing window is simply dropped.
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, { event, payload });
  });
}
