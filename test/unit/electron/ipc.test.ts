import { describe, expect, it, vi } from 'vitest';
import { methodNames, type EventName } from '../../../shared/api';
import type { Reply } from '../../../shared/errors';
import { createDispatch, type Dispatch, type Handlers } from '../../../electron/backend/dispatch';
import { EventHub } from '../../../electron/backend/events';
import {
  forwardEvents,
  registerIpc,
  type IpcInvokeEventLike,
  type IpcMainLike,
} from '../../../electron/main/ipc';
import * as preload from '../../../electron/preload/bridge';
import { appOrigins, isTrustedSender, type FrameLike } from '../../../electron/main/security';

type Listener = (event: IpcInvokeEventLike, payload: unknown) => unknown;

/** An ipcMain stand-in: a map of channel to handler, like Bruno's IpcMainLike fakes. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const invoke = (channel: string, frame: FrameLike | null, payload?: unknown) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ senderFrame: frame }, payload) as Promise<Reply<unknown>>;
  };
  return { ipcMain, handlers, invoke };
}

const appFrame: FrameLike = { url: 'app://earmark/index.html', parent: null };
const isTrusted = (frame: FrameLike | null) => isTrustedSender(frame, appOrigins(undefined));

/** The real dispatch over handlers that must never be reached by a malformed call. */
function realDispatch(): Dispatch {
  const unreachable = () => {
    throw new Error('handler reached with malformed params');
  };
  const handlers = Object.fromEntries(methodNames.map((name) => [name, unreachable])) as unknown as Handlers;
  handlers['app.info'] = () => ({ version: '1.2.3', schemaVersion: 1, dataDir: '/data' });
  return createDispatch(handlers);
}

describe('registerIpc', () => {
  it('registers exactly one handler per contract method, and removes them all', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const remove = registerIpc(ipcMain, realDispatch(), isTrusted);
    expect([...handlers.keys()].sort()).toEqual(methodNames.map((name) => `earmark:${name}`).sort());
    remove();
    expect(handlers.size).toBe(0);
  });

  it('answers an untrusted sender with forbidden and never dispatches', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const dispatch = vi.fn<Dispatch>();
    registerIpc(ipcMain, dispatch, isTrusted);
    const untrusted: (FrameLike | null)[] = [
      null,
      { url: 'https://evil.example/', parent: null },
      { url: 'app://earmark/index.html', parent: appFrame },
    ];
    for (const frame of untrusted) {
      const reply = await invoke('earmark:app.info', frame, {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('passes a trusted call to dispatch and returns its reply', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    registerIpc(ipcMain, realDispatch(), isTrusted);
    expect(await invoke('earmark:app.info', appFrame, {})).toEqual({
      ok: true,
      value: { version: '1.2.3', schemaVersion: 1, dataDir: '/data' },
    });
  });

  it.each(methodNames)('%s: a malformed payload comes back as invalid_params', async (name) => {
    const { ipcMain, invoke } = fakeIpcMain();
    registerIpc(ipcMain, realDispatch(), isTrusted);
    for (const payload of [{ notAParameter: true }, 42, 'library', [1, 2]]) {
      const reply = await invoke(`earmark:${name}`, appFrame, payload);
      expect(reply, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    }
  });
});

describe('forwardEvents', () => {
  it('sends each backend event on earmark:event until unsubscribed', () => {
    const hub = new EventHub();
    const send = vi.fn();
    let destroyed = false;
    const stop = forwardEvents(hub, { send, isDestroyed: () => destroyed });

    hub.emit('library.changed' satisfies EventName, { reason: 'demo' });
    expect(send).toHaveBeenCalledExactlyOnceWith('earmark:event', {
      event: 'library.changed',
      payload: { reason: 'demo' },
    });

    destroyed = true;
    hub.emit('library.changed', { reason: 'import' });
    expect(send).toHaveBeenCalledTimes(1);

    destroyed = false;
    stop();
    hub.emit('library.changed', { reason: 'delete' });
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe('channel names', () => {
  // The preload and main are separate bundles; a call or an event only arrives when both pick the same
  // channel. So the real preload bridge is wired to the real registration, as Electron would wire them.
  it('carry a preload call to main and a main event to the page', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    registerIpc(ipcMain, realDispatch(), isTrusted);
    const hub = new EventHub();
    const pageListeners = new Map<string, Set<(message: unknown) => void>>();
    forwardEvents(hub, {
      send: (channel, message) => pageListeners.get(channel)?.forEach((listener) => listener(message)),
      isDestroyed: () => false,
    });
    const bridge = preload.buildBridge(
      (channel, params) => invoke(channel, appFrame, params),
      (listener) => {
        const listeners = pageListeners.get(preload.EVENT_CHANNEL) ?? new Set();
        pageListeners.set(preload.EVENT_CHANNEL, listeners.add(listener));
        return () => void listeners.delete(listener);
      },
    );

    await expect(bridge.app.info({})).resolves.toEqual({
      ok: true,
      value: { version: '1.2.3', schemaVersion: 1, dataDir: '/data' },
    });
    const received = vi.fn();
    bridge.on('library.changed', received);
    hub.emit('library.changed', { reason: 'demo' });
    expect(received).toHaveBeenCalledExactlyOnceWith({ reason: 'demo' });
  });
});
