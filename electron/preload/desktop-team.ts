import {
  DESKTOP_TEAM_CHANNELS,
  type DesktopTeamBridge,
  type DesktopTeamStatus,
  type TeamServerCheck,
} from '../../shared/desktop/team-server';

/** Sends one call to main on its channel and resolves to main's answer. */
export type DesktopInvoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

/**
 * `window.earmarkDesktop`: four named functions, each bound to its channel (the page cannot choose one).
 * Pure, so tests build it with a fake invoke; both preloads pass ipcRenderer.invoke.
 */
export function buildDesktopTeamBridge(
  invoke: DesktopInvoke,
  window: 'workstation' | 'team',
): DesktopTeamBridge {
  return {
    window,
    status: () => invoke(DESKTOP_TEAM_CHANNELS.status) as Promise<DesktopTeamStatus>,
    check: (address) => invoke(DESKTOP_TEAM_CHANNELS.check, String(address)) as Promise<TeamServerCheck>,
    connect: (address) => invoke(DESKTOP_TEAM_CHANNELS.connect, String(address)) as Promise<TeamServerCheck>,
    disconnect: async () => {
      await invoke(DESKTOP_TEAM_CHANNELS.disconnect);
    },
  };
}

/** The argument main gives a team server's window (webPreferences.additionalArguments). */
export const TEAM_WINDOW_ARGUMENT = '--earmark-team-window';

/**
 * Whether this preload runs in a team server's window. There the server's own page talks to the server
 * over HTTPS with its session cookie, as in any browser, so it gets no `window.earmark` (the local
 * backend) at all, only `window.earmarkDesktop` to go back to the workstation. (Main refuses the
 * backend's channels to any page but the app's own in any case.)
 */
export function isTeamWindow(argv: readonly string[]): boolean {
  return argv.includes(TEAM_WINDOW_ARGUMENT);
}
