import { describe, expect, it, vi } from 'vitest';
import { methodNames, splitMethodName } from '../../../shared/api';
import { buildBridge, type Invoke, type SubscribeToEvents } from '../../../electron/preload/bridge';

/** A subscribe stand-in that lets the test push messages as main would on earmark:event. */
function fakeEvents() {
  const listeners = new Set<(message: unknown) => void>();
  const subscribe: SubscribeToEvents = (listener) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  const push = (message: unknown) => listeners.forEach((listener) => listener(message));
  return { subscribe, push, listeners };
}

function build() {
  const invoke = vi.fn<Invoke>(async (channel) => ({ ok: true, value: channel }));
  const events = fakeEvents();
  return { bridge: buildBridge(invoke, events.subscribe), invoke, events };
}

describe('buildBridge', () => {
  it('has one named function per contract method, calling invoke on earmark:<name>', async () => {
    const { bridge, invoke } = build();
    for (const name of methodNames) {
      const [namespace, fn] = splitMethodName(name);
      const call = (
        bridge as unknown as Record<string, Record<string, (params: unknown) => Promise<unknown>>>
      )[namespace]?.[fn];
      expect(typeof call, name).toBe('function');
      invoke.mockClear();
      await expect(call?.({ some: 'params' })).resolves.toEqual({ ok: true, value: `earmark:${name}` });
      expect(invoke).toHaveBeenCalledExactlyOnceWith(`earmark:${name}`, { some: 'params' });
    }
  });

  it('exposes nothing but the namespaces, on, mediaUrl and transport', () => {
    const { bridge } = build();
    const namespaces = new Set(methodNames.map((name) => splitMethodName(name)[0]));
    expect(Object.keys(bridge).sort()).toEqual([...namespaces, 'mediaUrl', 'on', 'transport'].sort());
    for (const namespace of namespaces) {
      const functions = methodNames
        .filter((name) => name.startsWith(`${namespace}.`))
        .map((n) => splitMethodName(n)[1]);
      expect(Object.keys((bridge as unknown as Record<string, object>)[namespace] ?? {}).sort()).toEqual(
        functions.sort(),
      );
    }
    // No generic way to reach an arbitrary channel.
    for (const key of ['invoke', 'send', 'ipcRenderer', 'call']) expect(bridge).not.toHaveProperty(key);
    expect(bridge.transport).toBe('electron');
  });

  it('sends {} when a method is called without params', async () => {
    const { bridge, invoke } = build();
    await (bridge.app.info as (params?: unknown) => Promise<unknown>)();
    expect(invoke).toHaveBeenCalledExactlyOnceWith('earmark:app.info', {});
  });

  it('delivers only the subscribed event and stops after unsubscribe', () => {
    const { bridge, events } = build();
    const listener = vi.fn();
    const off = bridge.on('library.changed', listener);
    events.push({ event: 'library.changed', payload: { reason: 'demo' } });
    events.push({ event: 'something.else', payload: { reason: 'x' } });
    events.push('garbage');
    events.push(null);
    expect(listener).toHaveBeenCalledExactlyOnceWith({ reason: 'demo' });
    off();
    expect(events.listeners.size).toBe(0);
    events.push({ event: 'library.changed', payload: { reason: 'import' } });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('refuses events that are not in the contract', () => {
    const { bridge, events } = build();
    expect(() => bridge.on('no.such.event' as 'library.changed', () => {})).toThrow(TypeError);
    expect(events.listeners.size).toBe(0);
  });

  it('builds media URLs for whole positive ids only', async () => {
    const { bridge } = build();
    expect(await bridge.mediaUrl(42)).toBe('earmark-media://recording/42');
    for (const bad of [0, -1, 1.5, Number.NaN, '7/../../x' as unknown as number]) {
      await expect(bridge.mediaUrl(bad)).rejects.toThrow(TypeError);
    }
  });
});
