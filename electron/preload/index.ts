import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildBridge, EVENT_CHANNEL } from './bridge';

/**
 * The sandboxed preload: exposes `window.earmark` (named functions from the contract) and nothing
 * else. It may import only 'electron' and shared/: a sandboxed preload has no Node APIs and is
 * bundled into one CommonJS file.
 */
const bridge = buildBridge(
  (channel, params) => ipcRenderer.invoke(channel, params),
  (listener) => {
    // Only the message crosses into the page; the IpcRendererEvent (which carries `sender`) never does.
    const handler = (_event: IpcRendererEvent, message: unknown) => listener(message);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
);

contextBridge.exposeInMainWorld('earmark', bridge);
