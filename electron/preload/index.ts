import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildBridge, EVENT_CHANNEL } from './bridge';
import { buildDesktopTeamBridge, isTeamWindow } from './desktop-team';

/**
 * The sandboxed preload: exposes `window.earmark` (named functions from the contract) and
 * `window.earmarkDesktop` (connecting to a team server), and nothing else; in a team server's window
 * only the latter. It may import only 'electron' and shared/: a sandboxed preload has no Node APIs and
 * is bundled into one CommonJS file.
 */
const teamWindow = isTeamWindow(process.argv);
if (!teamWindow) {
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
}

contextBridge.exposeInMainWorld(
  'earmarkDesktop',
  buildDesktopTeamBridge(
    (channel, ...args) => ipcRenderer.invoke(channel, ...args),
    teamWindow ? 'team' : 'workstation',
  ),
);
