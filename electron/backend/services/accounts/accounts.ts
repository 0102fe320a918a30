import { sql } from 'kysely';
import type { Account } from '../../../../shared/api/methods/accounts';
import type { ReviewerRole } from '../../../../shared/api/methods/profiles';
import type { NamedRef, SessionAccount } from '../../../../shared/api/methods/session';
import { EarmarkError } from '../../../../shared/errors';
import { nowIso } from '../../clock';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';
import { assertNameFree } from '../profiles/profiles';
import { endSessionsOf } from './sessions';

/**
 * Team accounts: a reviewer profile (name, role: what every record of their work points at) and its
 * login (username, password hash, agent link, disabled), made and changed together. Passwords arrive
 * here already hashed: hashing takes a quarter of a second and must not run inside a transaction.
 */

/** Every account, or those of `ids`, by username. */
export async function listAccounts(q: Query, ids?: readonly number[]): Promise<Account[]> {
  if (ids && ids.length === 0) return [];
  let query = q
    .selectFrom('accounts')
    .innerJoin('reviewer_profiles as profile', 'profile.id', 'accounts.profile_id')
    .leftJoin('agents', 'agents.id', 'accounts.agent_id')
    .select([
      'accounts.profile_id',
      'accounts.username',
      'accounts.disabled_at',
      'accounts.created_at',
      'accounts.password_changed_at',
      'profile.name',
      'profile.role',
      'agents.id as agent_id',
      'agents.name as agent_name',
    ])
    .orderBy(sql`lower(${sql.ref('accounts.username')})`)
    .orderBy('accounts.profile_id');
  if (ids) query = query.where('accounts.profile_id', 'in', ids);
  const rows = await query.execute();
  const teams = await teamsOf(
    q,
    rows.map((row) => row.profile_id),
  );
  return rows.map((row) => ({
    profileId: row.profile_id,
    name: row.name,
    username: row.username,
    role: row.role,
    agent:
      row.agent_id !== null && row.agent_name !== null ? { id: row.agent_id, name: row.agent_name } : null,
    teams: teams.get(row.profile_id) ?? [],
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    passwordChangedAt: row.password_changed_at,
  }));
}

async function teamsOf(q: Query, profileIds: readonly number[]): Promise<Map<number, NamedRef[]>> {
  const byProfile = new Map<number, NamedRef[]>();
  if (profileIds.length === 0) return byProfile;
  const rows = await q
    .selectFrom('account_teams')
    .innerJoin('teams', 'teams.id', 'account_teams.team_id')
    .select(['account_teams.profile_id', 'teams.id', 'teams.name'])
    .where('account_teams.profile_id', 'in', profileIds)
    .orderBy(sql`lower(${sql.ref('teams.name')})`)
    .orderBy('teams.id')
    .execute();
  for (const row of rows) {
    const list = byProfile.get(row.profile_id) ?? [];
    list.push({ id: row.id, name: row.name });
    byProfile.set(row.profile_id, list);
  }
  return byProfile;
}

/** One account; `not_found` naming the id when there is none. */
export async function getAccount(q: Query, id: number): Promise<Account> {
  const [account] = await listAccounts(q, [id]);
  if (!account) throw new EarmarkError('not_found', `id: there is no team account with id ${id}.`);
  return account;
}

/** Who is logged in, as `session.me` and `session.login` answer it. */
export async function sessionAccountOf(q: Query, profileId: number): Promise<SessionAccount> {
  const { profileId: id, name, username, role, agent, teams } = await getAccount(q, profileId);
  return { profileId: id, name, username, role, agent, teams };
}

/** The login row of a username (case-blind), for login. */
export async function findLogin(
  q: Query,
  username: string,
): Promise<{ profileId: number; username: string; passwordHash: string; disabled: boolean } | null> {
  const row = await q
    .selectFrom('accounts')
    .select(['profile_id', 'username', 'password_hash', 'disabled_at'])
    .where(sql<boolean>`lower(${sql.ref('username')}) = lower(${username})`)
    .executeTakeFirst();
  if (!row) return null;
  return {
    profileId: row.profile_id,
    username: row.username,
    passwordHash: row.password_hash,
    disabled: row.disabled_at !== null,
  };
}

export async function passwordHashOf(q: Query, profileId: number): Promise<string> {
  const row = await q
    .selectFrom('accounts')
    .select('password_hash')
    .where('profile_id', '=', profileId)
    .executeTakeFirst();
  if (!row) throw new EarmarkError('not_found', `id: there is no team account with id ${profileId}.`);
  return row.password_hash;
}

/** Stores a new password hash; every session of the person ends (also the one that changed it). */
export async function setPasswordHash(q: Query, profileId: number, hash: string, at: string): Promise<void> {
  await q
    .updateTable('accounts')
    .set({ password_hash: hash, password_changed_at: at })
    .where('profile_id', '=', profileId)
    .execute();
  await endSessionsOf(q, profileId);
}

export interface NewAccount {
  username: string;
  name: string;
  role: ReviewerRole;
  /** The agent record (id) of an agent account; by default the agent named like the account. */
  agent?: number | undefined;
  teams?: readonly number[] | undefined;
}

/**
 * Creates the profile and its account in one transaction; `passwordHash` from hashPassword. `check`
 * runs first inside it (`team init`: that there is no administrator yet).
 */
export async function createAccount(
  database: Database,
  input: NewAccount,
  passwordHash: string,
  check?: (trx: Query) => Promise<void>,
): Promise<Account> {
  const at = nowIso(database);
  return database.transaction(async (trx) => {
    await check?.(trx);
    await assertUsernameFree(trx, input.username);
    await assertNameFree(trx, input.name, null);
    const links = await resolveLinks(trx, null, input.role, input.name, input.agent, input.teams ?? []);
    const profile = await trx
      .insertInto('reviewer_profiles')
      .values({ name: input.name, role: input.role, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('accounts')
      .values({
        profile_id: profile.id,
        username: input.username,
        password_hash: passwordHash,
        agent_id: links.agentId,
        disabled_at: null,
        created_at: at,
        password_changed_at: at,
      })
      .execute();
    await writeTeams(trx, profile.id, links.teamIds);
    return getAccount(trx, profile.id);
  });
}

export interface AccountChanges {
  id: number;
  name?: string | undefined;
  role?: ReviewerRole | undefined;
  teams?: readonly number[] | undefined;
  /** An agent id, or null to unlink. */
  agent?: number | null | undefined;
  disabled?: boolean | undefined;
}

/**
 * Changes an account. A role change drops what the old role had (an agent link, led teams) unless the
 * change sets them; disabling ends every session of the account at once.
 */
export async function updateAccount(database: Database, changes: AccountChanges): Promise<Account> {
  const at = nowIso(database);
  return database.transaction(async (trx) => {
    const current = await getAccount(trx, changes.id);
    const role = changes.role ?? current.role;
    const name = changes.name ?? current.name;
    if (changes.name !== undefined) await assertNameFree(trx, name, current.profileId);
    const agent =
      changes.agent !== undefined ? changes.agent : role === 'agent' ? current.agent?.id : undefined;
    if (changes.agent === null && role === 'agent')
      throw new EarmarkError('invalid_params', 'agent: an agent account needs its agent record.');
    const teams = changes.teams ?? (role === 'team_lead' ? current.teams.map((team) => team.id) : []);
    const links = await resolveLinks(trx, current.profileId, role, name, agent ?? undefined, teams);
    await trx
      .updateTable('reviewer_profiles')
      .set({ name, role })
      .where('id', '=', current.profileId)
      .execute();
    const disabledAt =
      changes.disabled === undefined
        ? current.disabledAt
        : changes.disabled
          ? (current.disabledAt ?? at)
          : null;
    await trx
      .updateTable('accounts')
      .set({ agent_id: links.agentId, disabled_at: disabledAt })
      .where('profile_id', '=', current.profileId)
      .execute();
    await trx.deleteFrom('account_teams').where('profile_id', '=', current.profileId).execute();
    await writeTeams(trx, current.profileId, links.teamIds);
    if (disabledAt !== null) await endSessionsOf(trx, current.profileId);
    if (current.role === 'admin' && current.disabledAt === null) await assertAnAdminRemains(trx);
    return getAccount(trx, current.profileId);
  });
}

/** Whether the team has an administrator yet (enabled or not): `team init` makes the first one only. */
export async function firstAdmin(q: Query): Promise<string | null> {
  const row = await q
    .selectFrom('accounts')
    .innerJoin('reviewer_profiles as profile', 'profile.id', 'accounts.profile_id')
    .select('accounts.username')
    .where('profile.role', '=', 'admin')
    .orderBy('accounts.profile_id')
    .executeTakeFirst();
  return row?.username ?? null;
}

async function assertAnAdminRemains(q: Query): Promise<void> {
  const row = await q
    .selectFrom('accounts')
    .innerJoin('reviewer_profiles as profile', 'profile.id', 'accounts.profile_id')
    .select('accounts.profile_id')
    .where('profile.role', '=', 'admin')
    .where('accounts.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) {
    throw new EarmarkError(
      'conflict',
      'The team needs at least one enabled administrator: make someone else an administrator first.',
    );
  }
}

async function assertUsernameFree(q: Query, username: string): Promise<void> {
  if (await findLogin(q, username))
    throw new EarmarkError(
      'conflict',
      `username: there is already an account with the username "${username}".`,
    );
}

/** The agent record of an agent account and the teams of a team lead, checked against the role. */
async function resolveLinks(
  q: Query,
  profileId: number | null,
  role: ReviewerRole,
  name: string,
  agent: number | undefined,
  teams: readonly number[],
): Promise<{ agentId: number | null; teamIds: number[] }> {
  const teamIds = [...new Set(teams)];
  if (teamIds.length > 0 && role !== 'team_lead') {
    throw new EarmarkError(
      'invalid_params',
      `teams: only a team lead's account leads teams (this account's role is ${role}).`,
    );
  }
  if (teamIds.length > 0) {
    const found = new Set(
      (await q.selectFrom('teams').select('id').where('id', 'in', teamIds).execute()).map((row) => row.id),
    );
    const missing = teamIds.find((id) => !found.has(id));
    if (missing !== undefined)
      throw new EarmarkError('not_found', `teams: there is no team with id ${missing}.`);
  }
  if (role !== 'agent') {
    if (agent !== undefined) {
      throw new EarmarkError(
        'invalid_params',
        `agent: only an agent account is linked to an agent record (this account's role is ${role}).`,
      );
    }
    return { agentId: null, teamIds };
  }
  const record =
    agent !== undefined
      ? await q.selectFrom('agents').select(['id', 'name']).where('id', '=', agent).executeTakeFirst()
      : await namedIn(q, 'agents', name);
  if (!record && agent !== undefined)
    throw new EarmarkError('not_found', `agent: there is no agent with id ${agent}.`);
  if (!record) {
    throw new EarmarkError(
      'invalid_params',
      `agent: there is no agent named "${name}" to link this agent account to; choose the agent record.`,
    );
  }
  let taken = q.selectFrom('accounts').select('username').where('agent_id', '=', record.id);
  if (profileId !== null) taken = taken.where('profile_id', '!=', profileId);
  const other = await taken.executeTakeFirst();
  if (other) {
    throw new EarmarkError(
      'conflict',
      `agent: ${record.name} already has an account (username "${other.username}").`,
    );
  }
  return { agentId: record.id, teamIds };
}

async function writeTeams(q: Query, profileId: number, teamIds: readonly number[]): Promise<void> {
  if (teamIds.length === 0) return;
  await q
    .insertInto('account_teams')
    .values(teamIds.map((teamId) => ({ profile_id: profileId, team_id: teamId })))
    .execute();
}

/** The agent record (`agents`) or team (`teams`) of a name, regardless of case: the CLI's --agent and --team, an agent account's default. */
export async function namedIn(
  q: Query,
  table: 'agents' | 'teams',
  name: string,
): Promise<NamedRef | undefined> {
  return q
    .selectFrom(table)
    .select(['id', 'name'])
    .where(sql<boolean>`lower(${sql.ref('name')}) = lower(${name})`)
    .executeTakeFirst();
}
