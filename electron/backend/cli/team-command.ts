import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { methods } from '../../../shared/api';
import type { Account } from '../../../shared/api/methods/accounts';
import { ReviewerRole, reviewerRoles } from '../../../shared/api/methods/profiles';
import { MAX_PASSWORD_CHARS } from '../../../shared/api/methods/session';
import { EarmarkError } from '../../../shared/errors';
import { chooseDatabaseUrl, DATABASE_ENV } from '../db/choose';
import type { Database } from '../db/database';
import { openPostgres } from '../db/postgres/database';
import { createAccount, firstAdmin, namedIn } from '../services/accounts/accounts';
import { hashPassword } from '../services/accounts/password-hash';
import { IMPORT_WORKSTATION_USAGE, runImportWorkstation } from './import-workstation-command';

/**
 * `earmark team …`: setting up a team server's PostgreSQL from a shell.
 *
 *   earmark team init --database URL --admin-name NAME --admin-password-stdin [--username U]
 *   earmark team user add --username U --role ROLE --password-stdin [--name N] [--agent NAME] [--team NAME]…
 *   earmark team import-workstation --data DIR --database URL [--map PROFILE=USERNAME]… [--notes-stdin]
 *
 * Passwords come only from standard input: a command line is visible to every user of the machine
 * (ps, /proc) and lands in shell histories.
 */
export const TEAM_USAGE = `  team     Set up a team server on PostgreSQL (passwords only from standard input):
           earmark team init --database URL --admin-name NAME --admin-password-stdin [--username U]
             creates the schema and the first administrator (refused once there is one);
           earmark team user add --username U --role ROLE --password-stdin [--name N] [--agent NAME]
             [--team NAME]... adds an account. Roles: ${reviewerRoles.join(', ')}.
             An agent account is linked to the agent record of its name or --agent NAME; --team names
             a team a lead leads. Both take --database URL (or ${DATABASE_ENV}) and print one line,
             or JSON with --json
${IMPORT_WORKSTATION_USAGE}`;

const PASSWORD_FLAGS = /^--(admin-)?pass(word|phrase)?(=|$)/;

export async function runTeamCommand(argv: string[]): Promise<number> {
  if (argv.some((arg) => PASSWORD_FLAGS.test(arg))) {
    throw new Error(
      'Passwords are read from standard input only (--password-stdin, --admin-password-stdin, --notes-stdin), never from ' +
        'the command line, where other users of this computer can see them.',
    );
  }
  if (argv[0] === 'import-workstation') return runImportWorkstation(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      database: { type: 'string' },
      'admin-name': { type: 'string' },
      'admin-password-stdin': { type: 'boolean', default: false },
      username: { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      name: { type: 'string' },
      agent: { type: 'string' },
      team: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(`Usage: earmark team init | user add [options]\n\n${TEAM_USAGE}`);
    return 0;
  }
  const [sub, action, ...rest] = positionals;
  const init = sub === 'init' && action === undefined;
  const userAdd = sub === 'user' && action === 'add' && rest.length === 0;
  if (!init && !userAdd)
    throw new Error('team needs init, user add or import-workstation (see earmark --help).');

  const databaseUrl = chooseDatabaseUrl(values.database);
  if (!databaseUrl) {
    throw new Error(
      `team ${init ? 'init' : 'user add'} needs --database postgres://… (or ${DATABASE_ENV}): a team server keeps its data in PostgreSQL.`,
    );
  }
  const input = init ? initInput(values) : userInput(values);
  const password = await passwordFromStdin(init ? '--admin-password-stdin' : '--password-stdin');
  const checked = checkAgainstContract(input, password, init);
  // Opening migrates: `team init` on an empty database creates the schema.
  const database = await openPostgres(databaseUrl, { log: (message) => console.error(message) });
  try {
    const account = init
      ? await createFirstAdmin(database, checked, password)
      : await addUser(database, checked, password, values.agent, values.team ?? []);
    console.log(values.json ? JSON.stringify(account) : describe(account, init));
    return 0;
  } finally {
    await database.close();
  }
}

interface AccountInput {
  username: string;
  name: string;
  role: ReviewerRole;
}

function initInput(values: {
  'admin-name'?: string;
  username?: string;
  'admin-password-stdin'?: boolean;
}): AccountInput {
  const name = values['admin-name']?.trim();
  if (!name) throw new Error('team init needs --admin-name NAME (the first administrator).');
  if (!values['admin-password-stdin'])
    throw new Error(
      "team init needs --admin-password-stdin: the administrator's password, read from standard input.",
    );
  const username = values.username ?? name;
  if (
    values.username === undefined &&
    !methods['account.create'].params.shape.username.safeParse(username).success
  ) {
    throw new Error(
      `--admin-name "${name}" is not a username (letters A-Z, digits and . _ - @, no spaces): give one with --username U.`,
    );
  }
  return { username, name, role: 'admin' };
}

function userInput(values: {
  username?: string;
  role?: string;
  name?: string;
  'password-stdin'?: boolean;
  agent?: string;
}): AccountInput {
  if (!values.username) throw new Error('team user add needs --username U.');
  if (!values.role) throw new Error(`team user add needs --role ROLE (one of ${reviewerRoles.join(', ')}).`);
  const role = ReviewerRole.safeParse(values.role);
  if (!role.success)
    throw new Error(`--role: "${values.role}" is not a role; choose one of ${reviewerRoles.join(', ')}.`);
  if (!values['password-stdin'])
    throw new Error("team user add needs --password-stdin: the user's password, read from standard input.");
  if (values.agent !== undefined && role.data !== 'agent')
    throw new Error(
      `--agent links an agent account to its agent record; this account's role is ${role.data}.`,
    );
  return { username: values.username, name: values.name ?? values.username, role: role.data };
}

const FLAG_OF: Record<string, string> = { username: '--username', name: '--name', role: '--role' };

/** The same rules as account.create in the API, with the flags in the messages; the values as the API takes them. */
function checkAgainstContract(input: AccountInput, password: string, init: boolean): AccountInput {
  const parsed = methods['account.create'].params.safeParse({ ...input, password });
  if (parsed.success)
    return { username: parsed.data.username, name: parsed.data.name, role: parsed.data.role };
  const issue = parsed.error.issues[0] as z.core.$ZodIssue;
  const field = String(issue.path[0] ?? '');
  const flag =
    field === 'password'
      ? init
        ? '--admin-password-stdin'
        : '--password-stdin'
      : field === 'name' && init
        ? '--admin-name'
        : (FLAG_OF[field] ?? field);
  throw new Error(`${flag}: ${issue.message}.`);
}

async function createFirstAdmin(database: Database, input: AccountInput, password: string): Promise<Account> {
  const hash = await hashPassword(password);
  return createAccount(database, input, hash, async (trx) => {
    const existing = await firstAdmin(trx);
    if (existing !== null) {
      throw new Error(
        `This team already has an administrator (username "${existing}"); add people with earmark team user add.`,
      );
    }
  });
}

async function addUser(
  database: Database,
  input: AccountInput,
  password: string,
  agentName: string | undefined,
  teamNames: readonly string[],
): Promise<Account> {
  const q = database.query;
  let agent: number | undefined;
  if (input.role === 'agent') {
    const wanted = agentName ?? input.name;
    const record = await namedIn(q, 'agents', wanted);
    if (!record) {
      throw new Error(
        agentName !== undefined
          ? `--agent: there is no agent named "${wanted}".`
          : `--agent: there is no agent named "${wanted}" (the account's name); name the agent record with --agent NAME.`,
      );
    }
    agent = record.id;
  }
  const teams: number[] = [];
  for (const teamName of teamNames) {
    const team = await namedIn(q, 'teams', teamName);
    if (!team) throw new Error(`--team: there is no team named "${teamName}".`);
    teams.push(team.id);
  }
  const hash = await hashPassword(password);
  try {
    return await createAccount(database, { ...input, agent, teams }, hash);
  } catch (error) {
    // The service names the API's fields; the person at the shell typed flags.
    if (error instanceof EarmarkError)
      throw new Error(
        error.message.replace(/^(username|name|teams|agent): /, (_, field: string) => `${flagName(field)}: `),
        { cause: error },
      );
    throw error;
  }
}

const flagName = (field: string) => (field === 'teams' ? '--team' : `--${field}`);

async function passwordFromStdin(flag: string): Promise<string> {
  if (process.stdin.isTTY) {
    throw new Error(
      `${flag} reads the password from a pipe, e.g. printf '%s\\n' "$PASSWORD" | earmark team …; it is never taken from the command line.`,
    );
  }
  const limit = MAX_PASSWORD_CHARS * 4 + 2;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit) throw new Error(`${flag}: a password is at most ${MAX_PASSWORD_CHARS} characters.`);
    chunks.push(buffer);
  }
  // One line: the newline `echo` or `printf '%s\n'` ends it with is not part of the password.
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (text.length === 0) throw new Error(`${flag}: standard input held no password.`);
  return text;
}

const roleWords: Record<ReviewerRole, string> = {
  admin: 'administrator',
  qa_manager: 'QA manager',
  qa_supervisor: 'QA supervisor',
  team_lead: 'team lead',
  mystery_shopper: 'mystery shopper',
  agent: 'agent',
};

function describe(account: Account, init: boolean): string {
  const links = [
    account.agent ? `agent record ${account.agent.name}` : null,
    account.teams.length > 0 ? `leads ${account.teams.map((team) => team.name).join(', ')}` : null,
  ].filter((part) => part !== null);
  const extra = links.length > 0 ? `; ${links.join('; ')}` : '';
  const verb = init ? 'Created the first' : 'Added';
  return `${verb} ${roleWords[account.role]} ${account.name} (username ${account.username}, profile ${account.profileId}${extra}).`;
}
