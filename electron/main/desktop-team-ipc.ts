import { DESKTOP_TEAM_CHANNELS, type TeamServerCheck } from '../../shared/desktop/team-server';
import type { FrameLike } from './security';
import type { TeamConnection } from './team-connection';

/** The part of `ipcMain` used here: `handle` with the call's arguments after the event. */
export interface DesktopIpcMainLike {
  handle(
    channel: string,
    listener: (event: { readonly senderFrame: FrameLike | null }, ...args: unknown[]) => unknown,
  ): void;
  removeHandler(channel: string): void;
}

export interface DesktopTeamSenders {
  /** The local workstation's own page (app://earmark), main frame. */
  isLocal(frame: FrameLike | null): boolean;
  /** The connected team server's page, main frame. */
  isTeam(frame: FrameLike | null): boolean;
}

/** Addresses longer than this are no one's server address; refused before any network call. */
const MAX_ADDRESS_LENGTH = 2048;

/**
 * The desktop's team-server functions. Checking and connecting are asked only from the workstation's
 * own page (a team server's page cannot send the window elsewhere); status and disconnect from either.
 * Any other sender, or an argument that is not an address string, is refused with an Error.
 */
export function registerDesktopTeamIpc(
  ipcMain: DesktopIpcMainLike,
  connection: Pick<TeamConnection, 'status' | 'check' | 'connect' | 'disconnect'>,
  senders: DesktopTeamSenders,
): () => void {
  const either = (frame: FrameLike | null) => senders.isLocal(frame) || senders.isTeam(frame);
  const refuse = (what: string) => {
    throw new Error(`${what} was asked from a page that may not; refused.`);
  };
  const address = (value: unknown): string => {
    if (typeof value !== 'string' || value.length > MAX_ADDRESS_LENGTH) {
      throw new TypeError('A team server address is text such as https://earmark.example.');
    }
    return value;
  };

  ipcMain.handle(DESKTOP_TEAM_CHANNELS.status, ({ senderFrame }) =>
    either(senderFrame) ? connection.status() : refuse('The team server status'),
  );
  ipcMain.handle(DESKTOP_TEAM_CHANNELS.check, ({ senderFrame }, value): Promise<TeamServerCheck> =>
    senders.isLocal(senderFrame) ? connection.check(address(value)) : refuse('Checking a team server'),
  );
  ipcMain.handle(DESKTOP_TEAM_CHANNELS.connect, ({ senderFrame }, value): Promise<TeamServerCheck> =>
    senders.isLocal(senderFrame) ? connection.connect(address(value)) : refuse('Connecting to a team server'),
  );
  ipcMain.handle(DESKTOP_TEAM_CHANNELS.disconnect, ({ senderFrame }) =>
    either(senderFrame) ? connection.disconnect() : refuse('Disconnecting'),
  );
  return () => {
    for (const channel of Object.values(DESKTOP_TEAM_CHANNELS)) ipcMain.removeHandler(channel);
  };
}
