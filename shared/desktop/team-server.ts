/**
 * The desktop app joining a team server: what main and the renderer share (pure TypeScript).
 * The checks themselves run in Electron's main process (electron/main/team-server-check.ts), since a page
 * can neither see a certificate's problem nor reach another origin.
 */

/** Where a team server says what it is, to anyone, before a login: no data, just "I am Earmark". */
export const TEAM_IDENTITY_PATH = '/earmark-team.json';

/** The body a team server answers at TEAM_IDENTITY_PATH. */
export const TEAM_IDENTITY = { product: 'earmark', kind: 'team-server' } as const;

/**
 * Why the desktop app will not open a team server, each explained in plain words in the Settings screen
 * (renderer locales `desktopTeam.reasons.*`).
 */
export const teamServerProblems = [
  'invalid_address',
  'plain_http',
  'self_signed',
  'untrusted',
  'expired',
  'not_yet_valid',
  'wrong_host',
  'certificate',
  'not_found',
  'unreachable',
  'not_tls',
  'not_earmark',
] as const;
export type TeamServerProblem = (typeof teamServerProblems)[number];

/** The outcome of checking an address: the origin to open, or the problem with what went wrong technically. */
export type TeamServerCheck =
  | { readonly ok: true; readonly origin: string }
  | { readonly ok: false; readonly problem: TeamServerProblem; readonly detail: string };

/** What the window is connected to now, and the last problem (a failed connect or a failed load). */
export interface DesktopTeamStatus {
  /** The team server's origin the app opens, or null: the local workstation. */
  readonly server: string | null;
  /** The last time connecting failed: which address and why (cleared by a successful connect). */
  readonly lastProblem: {
    readonly address: string;
    readonly problem: TeamServerProblem;
    readonly detail: string;
  } | null;
}

/**
 * `window.earmarkDesktop`, present only in the desktop app. In the local workstation's window it checks
 * and connects; in a team server's window (which gets only this, never `window.earmark`) it disconnects.
 */
export interface DesktopTeamBridge {
  /** Which window this is: the workstation's own (it connects) or a team server's (it disconnects). */
  readonly window: 'workstation' | 'team';
  status(): Promise<DesktopTeamStatus>;
  check(address: string): Promise<TeamServerCheck>;
  /** Checks again, remembers the server and opens it in the window; resolves to the check when it failed. */
  connect(address: string): Promise<TeamServerCheck>;
  /** Forgets the server and its cookies, and opens the local workstation again. */
  disconnect(): Promise<void>;
}

/** IPC channels of the desktop team functions (one each, as the API's). */
export const DESKTOP_TEAM_CHANNELS = {
  status: 'earmark:desktop-team:status',
  check: 'earmark:desktop-team:check',
  connect: 'earmark:desktop-team:connect',
  disconnect: 'earmark:desktop-team:disconnect',
} as const;
