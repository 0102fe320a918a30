import { describe, expect, it } from 'vitest';
import { shownProblem, teamCardMode } from '../../../renderer/src/features/settings/team-server-card';

describe('the Team server card in Settings', () => {
  it('connects in the desktop window, disconnects in a team window, explains in the browser host, hides on a team page in a browser', () => {
    expect(teamCardMode({ desktopWindow: 'workstation', loggedIn: false })).toBe('workstation');
    expect(teamCardMode({ desktopWindow: 'team', loggedIn: true })).toBe('team');
    expect(teamCardMode({ desktopWindow: 'team', loggedIn: false })).toBe('team');
    expect(teamCardMode({ desktopWindow: null, loggedIn: false })).toBe('browser');
    expect(teamCardMode({ desktopWindow: null, loggedIn: true })).toBe('hidden');
  });

  it("explains the check just made, else the desktop app's last failed connect or load", () => {
    const lastProblem = {
      address: 'https://team.example',
      problem: 'expired' as const,
      detail: 'net::ERR_CERT_DATE_INVALID',
    };
    const status = { server: 'https://team.example', lastProblem };
    expect(shownProblem(null, '', status)).toEqual(lastProblem);
    expect(shownProblem(null, '', { server: null, lastProblem: null })).toBeNull();
    expect(shownProblem(null, '', undefined)).toBeNull();
    expect(
      shownProblem(
        { ok: false, problem: 'self_signed', detail: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
        ' other.example ',
        status,
      ),
    ).toEqual({ address: 'other.example', problem: 'self_signed', detail: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(shownProblem({ ok: true, origin: 'https://team.example' }, 'team.example', status)).toBeNull();
  });
});
