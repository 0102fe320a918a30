import type { SessionAccount } from '../../../../shared/api/methods/session';
import { EarmarkError } from '../../../../shared/errors';

/**
 * How the app starts, from the answer to `session.me`:
 * - a workstation answers `unavailable` (team accounts are for a team server): profiles, no login, as always;
 * - a team server with nobody logged in (or whose login ended): the login screen;
 * - a team server with a login: the app, as that account.
 * Any other failure is the start-up failing, shown as such.
 */
export type Startup =
  | { kind: 'workstation' }
  | { kind: 'login' }
  | { kind: 'team'; account: SessionAccount }
  | { kind: 'failed'; message: string };

export type MeOutcome = { ok: true; account: SessionAccount | null } | { ok: false; error: unknown };

export function decideStartup(outcome: MeOutcome): Startup {
  if (outcome.ok) return outcome.account ? { kind: 'team', account: outcome.account } : { kind: 'login' };
  const { error } = outcome;
  if (error instanceof EarmarkError && error.code === 'unavailable') return { kind: 'workstation' };
  return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
}

/** Asks the backend and decides; never rejects. */
export async function findStartup(me: () => Promise<{ account: SessionAccount | null }>): Promise<Startup> {
  try {
    const { account } = await me();
    return decideStartup({ ok: true, account });
  } catch (error) {
    return decideStartup({ ok: false, error });
  }
}

/**
 * A refusal that may mean the login is gone (ended, expired, disabled): a team server answers those with
 * `not_allowed` ("Log in again: …"). A permission refusal has the same code, so the app asks
 * `session.me` before showing the login screen.
 */
export function mayMeanLoggedOut(error: unknown): boolean {
  return error instanceof EarmarkError && error.code === 'not_allowed';
}
