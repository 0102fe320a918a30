import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DesktopTeamStatus, TeamServerCheck, TeamServerProblem } from '../../shared/desktop/team-server';
import { problemOfChromiumError, teamServerOrigin } from './team-server-check';

/**
 * Which Earmark the desktop window shows: the local workstation, or a team server the user connected
 * to in Settings (remembered in `desktop.json` in the data folder, so the app opens it again next time).
 * Plain Node: main.ts passes the window switching as functions, tests pass fakes.
 */

export const DESKTOP_SETTINGS_FILE = 'desktop.json';

export interface TeamConnectionOptions {
  /** The data folder (Electron's userData), where desktop.json lives. */
  dataDir: string;
  /** Asks a server what it is (checkTeamServer). */
  check(address: string): Promise<TeamServerCheck>;
  /** Shows the team server's own page in the window (its session, its cookies). */
  openTeam(origin: string): void;
  /** Shows the local workstation in the window. */
  openLocal(): void;
  /** Forgets the team server's cookies and storage (its login). */
  forgetTeamSession(): Promise<void>;
  log?(message: string): void;
}

export interface TeamConnection {
  /** The server to open at start, or null. */
  readonly server: string | null;
  status(): DesktopTeamStatus;
  check(address: string): Promise<TeamServerCheck>;
  connect(address: string): Promise<TeamServerCheck>;
  disconnect(): Promise<void>;
  /** The window could not load the server (Chromium's error name): back to the workstation, saying why. */
  loadFailed(origin: string, chromiumError: string): void;
}

export function teamConnection(options: TeamConnectionOptions): TeamConnection {
  const file = join(options.dataDir, DESKTOP_SETTINGS_FILE);
  const log = options.log ?? (() => {});
  let server = readServer(file, log);
  let lastProblem: DesktopTeamStatus['lastProblem'] = null;

  const remember = (next: string | null) => {
    server = next;
    // Written whole then renamed, so a crash mid-write leaves the old choice, never half a file.
    writeFileSync(`${file}.tmp`, `${JSON.stringify({ teamServer: next }, null, 2)}\n`, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  };
  const fail = (address: string, problem: TeamServerProblem, detail: string) => {
    lastProblem = { address, problem, detail };
  };

  return {
    get server() {
      return server;
    },
    status: () => ({ server, lastProblem }),
    check: (address) => options.check(address),
    async connect(address) {
      const result = await options.check(address);
      if (!result.ok) {
        fail(address, result.problem, result.detail);
        return result;
      }
      lastProblem = null;
      remember(result.origin);
      options.openTeam(result.origin);
      return result;
    },
    async disconnect() {
      if (server === null) return;
      remember(null);
      await options
        .forgetTeamSession()
        .catch((error: unknown) => log(`could not clear the team session: ${String(error)}`));
      options.openLocal();
    },
    loadFailed(origin, chromiumError) {
      // Only the server we meant to open; an error from some other page is not a reason to leave it.
      if (origin !== server) return;
      log(`could not open the team server ${origin}: ${chromiumError}`);
      fail(origin, problemOfChromiumError(chromiumError), chromiumError);
      // The choice is kept: the next start tries again (a server down for the night is back by morning);
      // the user sees why in Settings and can disconnect there.
      options.openLocal();
    },
  };
}

/** The remembered server, or null when none, when the file is unreadable, or when it no longer passes the address rules. */
function readServer(file: string, log: (message: string) => void): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const value = (JSON.parse(text) as { teamServer?: unknown }).teamServer;
    if (typeof value !== 'string') return null;
    const checked = teamServerOrigin(value);
    if (checked.ok) return checked.origin;
    log(`${file}: "${value}" is not a team server address (${checked.problem}); opening the workstation.`);
  } catch {
    log(`${file} is not JSON; opening the workstation.`);
  }
  return null;
}
