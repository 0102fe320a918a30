import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../electron/backend/db/database';
import { openPostgres } from '../../../electron/backend/db/postgres/database';
import { verifyPassword } from '../../../electron/backend/services/accounts/password-hash';
import { postgresMigrations } from '../../../electron/backend/db/migrations';
import { runEarmark as earmark } from '../../support/cli';
import { freshPostgresUrl } from '../../support/engines';

const ADMIN_PW = 'the first admin password';
let url: string;
let database: Database;

beforeAll(async () => {
  // Empty: team init creates the schema.
  url = await freshPostgresUrl();
});
afterAll(async () => {
  await database?.close();
});

// Each run of the CLI is its own process and hashes at today's full cost (seconds on a busy machine).
describe('earmark team on PostgreSQL', { timeout: 180_000 }, () => {
  it('team init creates the schema and the first administrator, once', async () => {
    const [tooShort, inArgv] = await Promise.all([
      earmark(
        ['team', 'init', '--database', url, '--admin-name', 'ada', '--admin-password-stdin'],
        'short\n',
      ),
      earmark(['team', 'init', '--database', url, '--admin-name', 'ada', '--password', ADMIN_PW], null),
    ]);
    expect(tooShort.stderr).toMatch(/--admin-password-stdin: a password has at least 12 characters/);
    expect(tooShort.code).toBe(1);
    expect(inArgv.stderr).toMatch(/Passwords are read from standard input only/);
    expect(inArgv.code).toBe(1);

    const made = await earmark(
      [
        'team',
        'init',
        '--database',
        url,
        '--admin-name',
        'Ada Admin',
        '--username',
        'ada',
        '--admin-password-stdin',
      ],
      `${ADMIN_PW}\n`,
    );
    expect(made.stderr).toBe('');
    expect(made.stdout).toBe('Created the first administrator Ada Admin (username ada, profile 1).\n');
    expect(made.code).toBe(0);

    database = await openPostgres(url);
    expect(await database.schemaVersion()).toBe(postgresMigrations.at(-1)!.version);
    const row = await database.query
      .selectFrom('accounts')
      .innerJoin('reviewer_profiles', 'reviewer_profiles.id', 'accounts.profile_id')
      .select(['username', 'name', 'role', 'password_hash'])
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ username: 'ada', name: 'Ada Admin', role: 'admin' });
    // The newline ending the piped line is not part of the password.
    expect((await verifyPassword(ADMIN_PW, row.password_hash)).ok).toBe(true);

    const again = await earmark(
      ['team', 'init', '--database', url, '--admin-name', 'bob', '--admin-password-stdin', '--json'],
      ADMIN_PW,
    );
    expect(again.stderr).toMatch(/This team already has an administrator \(username "ada"\)/);
    expect(again.code).toBe(1);
  });

  it('team user add links agents and teams by name and names what is wrong', async () => {
    database ??= await openPostgres(url);
    const q = database.query;
    const sales = await q
      .insertInto('teams')
      .values({ name: 'Sales' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await q.insertInto('agents').values({ name: 'Pekka Virtanen', team_id: sales.id }).execute();
    const add = (args: string[], stdin: string | null = 'a user password here\n') =>
      earmark(['team', 'user', 'add', '--database', url, ...args], stdin);

    const [lead, agent, badRole, badAgent, badTeam] = await Promise.all([
      add(['--username', 'lena', '--name', 'Lena Lead', '--role', 'team_lead', '--team', 'sales', '--json']),
      add(['--username', 'pekka', '--name', 'pekka virtanen', '--role', 'agent']),
      add(['--username', 'x', '--role', 'boss', '--password-stdin']),
      add(['--username', 'y', '--role', 'agent', '--agent', 'Nobody Known', '--password-stdin']),
      add(['--username', 'z', '--role', 'team_lead', '--team', 'Nowhere', '--password-stdin']),
    ]);
    // --password-stdin is required: without it nothing is read and nothing is made.
    expect(lead.stderr).toMatch(/team user add needs --password-stdin/);
    expect(agent.code).toBe(1);
    expect(badRole.stderr).toMatch(
      /--role: "boss" is not a role; choose one of admin, qa_manager, qa_supervisor, team_lead, mystery_shopper, agent\./,
    );
    expect(badAgent.stderr).toMatch(/--agent: there is no agent named "Nobody Known"\./);
    expect(badTeam.stderr).toMatch(/--team: there is no team named "Nowhere"\./);
    for (const failed of [badRole, badAgent, badTeam]) expect(failed.code).toBe(1);

    const [leadMade, agentMade] = await Promise.all([
      add([
        '--username',
        'lena',
        '--name',
        'Lena Lead',
        '--role',
        'team_lead',
        '--team',
        'sales',
        '--password-stdin',
        '--json',
      ]),
      add(['--username', 'pekka', '--name', 'pekka virtanen', '--role', 'agent', '--password-stdin']),
    ]);
    expect(leadMade.code).toBe(0);
    expect(JSON.parse(leadMade.stdout)).toMatchObject({
      username: 'lena',
      name: 'Lena Lead',
      role: 'team_lead',
      agent: null,
      teams: [{ id: sales.id, name: 'Sales' }],
    });
    expect(agentMade.stdout).toMatch(
      /^Added agent pekka virtanen \(username pekka, profile \d+; agent record Pekka Virtanen\)\.\n$/,
    );
    expect(agentMade.code).toBe(0);

    const duplicate = await add(['--username', 'LENA', '--role', 'qa_supervisor', '--password-stdin']);
    expect(duplicate.stderr).toMatch(/--username: there is already an account with the username "LENA"\./);
    expect(duplicate.code).toBe(1);
    const accounts = await q.selectFrom('accounts').select('username').orderBy('username').execute();
    expect(accounts.map((a) => a.username)).toEqual(['ada', 'lena', 'pekka']);
  });
});
