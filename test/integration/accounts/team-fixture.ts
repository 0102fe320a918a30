import type { Backend } from '../../../electron/backend/backend';
import type { Query } from '../../../electron/backend/db/schema';
import type { SessionChannel } from '../../../electron/backend/context';
import type { ReviewerRole } from '../../../shared/api/methods/profiles';
import { createAccount } from '../../../electron/backend/services/accounts/accounts';
import { hashPassword, type ScryptCost } from '../../../electron/backend/services/accounts/password-hash';
import { teamCall } from '../../../electron/backend/services/accounts/team-call';
import type { MethodName, Params, Result } from '../../../shared/api';
import type { ApiErrorBody } from '../../../shared/errors';
import { engineBackend } from '../../support/engines';
import { TestClock } from '../../support/clock';

/** scrypt's cheapest allowed cost: the tests log in dozens of times; password-hash.test.ts covers today's cost. */
export const CHEAP: ScryptCost = { N: 2 ** 10, r: 8, p: 1 };

/** A team server's backend on the engine under test, with a clock the test moves. */
export async function teamServer() {
  const clock = new TestClock('2026-11-20T08:00:00Z');
  const made = await engineBackend({ mode: 'team', clock, passwordCost: CHEAP });
  return { ...made, clock };
}

/** An account made as `team init` / an administrator would, without going through a login. */
export async function addAccount(
  backend: Backend,
  username: string,
  role: ReviewerRole,
  password: string,
  extra: { name?: string; agent?: number; teams?: number[] } = {},
) {
  return createAccount(
    backend.database,
    { username, name: extra.name ?? username, role, agent: extra.agent, teams: extra.teams },
    await hashPassword(password, CHEAP),
  );
}

/**
 * One person's browser, as the team host treats it: keeps the cookie a login hands over (the token is
 * never in a reply), presents it with every call, forgets it on logout.
 */
export class Browser {
  token: string | null = null;
  expiresAt: Date | null = null;
  cleared = 0;

  constructor(
    private readonly backend: Backend,
    readonly address: string | null = '192.0.2.10',
  ) {}

  send<M extends MethodName>(method: M, payload: Params<M> | Record<string, unknown> = {}) {
    const channel: SessionChannel = {
      token: this.token,
      address: this.address,
      setToken: (token, expiresAt) => {
        this.token = token;
        this.expiresAt = expiresAt;
      },
      clear: () => {
        this.token = null;
        this.cleared += 1;
      },
    };
    return this.backend.dispatch(method, payload, teamCall(this.backend, channel));
  }

  async ok<M extends MethodName>(
    method: M,
    payload: Params<M> | Record<string, unknown> = {},
  ): Promise<Result<M>> {
    const reply = await this.send(method, payload);
    if (!reply.ok) throw new Error(`${method} failed: ${reply.error.code}: ${reply.error.message}`);
    return reply.value as Result<M>;
  }

  async refused(method: MethodName, payload: Record<string, unknown> = {}): Promise<ApiErrorBody> {
    const reply = await this.send(method, payload);
    if (reply.ok)
      throw new Error(`${method} was expected to be refused but answered ${JSON.stringify(reply.value)}`);
    return reply.error;
  }

  login(username: string, password: string) {
    return this.ok('session.login', { username, password });
  }
}

/** A team and one agent in it, as the library's details would make them; their ids. */
export async function addTeamAgent(
  q: Query,
  team: string,
  agent: string,
): Promise<{ teamId: number; agentId: number }> {
  const { id: teamId } = await q
    .insertInto('teams')
    .values({ name: team })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: agentId } = await q
    .insertInto('agents')
    .values({ name: agent, team_id: teamId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { teamId, agentId };
}
