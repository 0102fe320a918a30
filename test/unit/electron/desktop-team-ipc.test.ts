import { describe, expect, it } from 'vitest';
import { registerDesktopTeamIpc, type DesktopIpcMainLike } from '../../../electron/main/desktop-team-ipc';
import { appOrigins, isTrustedSender, type FrameLike } from '../../../electron/main/security';
import {
  buildDesktopTeamBridge,
  isTeamWindow,
  TEAM_WINDOW_ARGUMENT,
} from '../../../electron/preload/desktop-team';
import { DESKTOP_TEAM_CHANNELS, type TeamServerCheck } from '../../../shared/desktop/team-server';

type Listener = (event: { senderFrame: FrameLike | null }, ...args: unknown[]) => unknown;

function setUp(server: string | null) {
  const handlers = new Map<string, Listener>();
  const ipcMain: DesktopIpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const calls: string[] = [];
  const ok: TeamServerCheck = { ok: true, origin: 'https://team.example' };
  const remove = registerDesktopTeamIpc(
    ipcMain,
    {
      status: () => ({ server, lastProblem: null }),
      check: (address) => (calls.push(`check ${address}`), Promise.resolve(ok)),
      connect: (address) => (calls.push(`connect ${address}`), Promise.resolve(ok)),
      disconnect: () => (calls.push('disconnect'), Promise.resolve()),
    },
    {
      isLocal: (frame) => isTrustedSender(frame, appOrigins(undefined)),
      isTeam: (frame) => server !== null && isTrustedSender(frame, [server]),
    },
  );
  const invoke = (frame: FrameLike | null, channel: string, ...args: unknown[]) =>
    Promise.resolve().then(() => handlers.get(channel)!({ senderFrame: frame }, ...args));
  return { handlers, calls, remove, invoke };
}

const local: FrameLike = { url: 'app://earmark/index.html#/settings', parent: null };
const team: FrameLike = { url: 'https://team.example/#/settings', parent: null };
const stranger: FrameLike = { url: 'https://evil.example/', parent: null };
const teamSubframe: FrameLike = { url: 'https://team.example/x', parent: {} };

describe("the desktop app's team-server channels", () => {
  it('check and connect only from the workstation page; status and disconnect also from the connected server', async () => {
    const { calls, invoke } = setUp('https://team.example');
    await invoke(local, DESKTOP_TEAM_CHANNELS.check, 'team.example');
    await invoke(local, DESKTOP_TEAM_CHANNELS.connect, 'team.example');
    await expect(invoke(team, DESKTOP_TEAM_CHANNELS.connect, 'evil.example')).rejects.toThrow(/refused/);
    await expect(invoke(team, DESKTOP_TEAM_CHANNELS.check, 'evil.example')).rejects.toThrow(/refused/);
    expect(await invoke(team, DESKTOP_TEAM_CHANNELS.status)).toEqual({
      server: 'https://team.example',
      lastProblem: null,
    });
    await invoke(team, DESKTOP_TEAM_CHANNELS.disconnect);
    for (const frame of [stranger, teamSubframe, null]) {
      await expect(invoke(frame, DESKTOP_TEAM_CHANNELS.disconnect)).rejects.toThrow(/refused/);
      await expect(invoke(frame, DESKTOP_TEAM_CHANNELS.status)).rejects.toThrow(/refused/);
    }
    expect(calls).toEqual(['check team.example', 'connect team.example', 'disconnect']);
  });

  it('takes only an address string, and removes every channel', async () => {
    const { calls, invoke, handlers, remove } = setUp(null);
    await expect(invoke(local, DESKTOP_TEAM_CHANNELS.connect, { href: 'x' })).rejects.toThrow(
      /address is text/,
    );
    await expect(invoke(local, DESKTOP_TEAM_CHANNELS.check, 'x'.repeat(5000))).rejects.toThrow(
      /address is text/,
    );
    // With no server connected, no https page counts as the team's.
    await expect(invoke(team, DESKTOP_TEAM_CHANNELS.status)).rejects.toThrow(/refused/);
    expect(calls).toEqual([]);
    expect([...handlers.keys()].sort()).toEqual(Object.values(DESKTOP_TEAM_CHANNELS).sort());
    remove();
    expect(handlers.size).toBe(0);
  });
});

describe('the preload side', () => {
  it('binds each function to its own channel, the address as text', async () => {
    const sent: unknown[][] = [];
    const bridge = buildDesktopTeamBridge((channel, ...args) => {
      sent.push([channel, ...args]);
      return Promise.resolve({ ok: true, origin: 'https://team.example' });
    }, 'workstation');
    expect(bridge.window).toBe('workstation');
    await bridge.check('team.example');
    await bridge.connect('team.example');
    await bridge.status();
    await bridge.disconnect();
    expect(sent).toEqual([
      [DESKTOP_TEAM_CHANNELS.check, 'team.example'],
      [DESKTOP_TEAM_CHANNELS.connect, 'team.example'],
      [DESKTOP_TEAM_CHANNELS.status],
      [DESKTOP_TEAM_CHANNELS.disconnect],
    ]);
  });

  it("a team server's window is told by main's argument (it then gets no local backend)", () => {
    expect(isTeamWindow(['electron', '--type=renderer', TEAM_WINDOW_ARGUMENT])).toBe(true);
    expect(isTeamWindow(['electron', '--type=renderer'])).toBe(false);
  });
});
