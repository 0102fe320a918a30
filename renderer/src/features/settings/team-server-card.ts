import type {
  DesktopTeamBridge,
  DesktopTeamStatus,
  TeamServerCheck,
  TeamServerProblem,
} from '../../../../shared/desktop/team-server';

declare global {
  interface Window {
    /** Present only in the desktop app (its preload): connecting to a team server and back. */
    earmarkDesktop?: DesktopTeamBridge;
  }
}

/** The desktop app's team functions, or null in a browser. */
export const desktopTeam = (): DesktopTeamBridge | null => window.earmarkDesktop ?? null;

/**
 * What the Team server card shows:
 * - `browser`: the workstation's browser host, which cannot join a team (it says where that is done);
 * - `hidden`: a team server's page in a browser (the browser is already where it should be);
 * - `workstation`: the desktop app's own window, where an address is checked and connected;
 * - `team`: the desktop app's window showing a team server, which can disconnect.
 */
export type TeamCardMode = 'browser' | 'hidden' | 'workstation' | 'team';

export function teamCardMode({
  desktopWindow,
  loggedIn,
}: {
  /** The desktop bridge's `window`, or null in a browser. */
  desktopWindow: 'workstation' | 'team' | null;
  loggedIn: boolean;
}): TeamCardMode {
  if (desktopWindow) return desktopWindow;
  return loggedIn ? 'hidden' : 'browser';
}

/** The problem to explain: the check just made, else the last failed connect or load main remembers. */
export function shownProblem(
  check: TeamServerCheck | null,
  typed: string,
  status: DesktopTeamStatus | undefined,
): { address: string; problem: TeamServerProblem; detail: string } | null {
  if (check) return check.ok ? null : { address: typed.trim(), problem: check.problem, detail: check.detail };
  return status?.lastProblem ?? null;
}
