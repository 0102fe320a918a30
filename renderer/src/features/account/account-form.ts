import type { Account } from '../../../../shared/api/methods/accounts';
import type { ReviewerRole } from '../../../../shared/api/methods/profiles';
import type { Params } from '../../../../shared/api';

/** The Users screen's create / edit form, as typed. Ids are strings, as the selects hold them. */
export interface AccountFormState {
  username: string;
  name: string;
  role: ReviewerRole;
  /** The teams a team lead leads. */
  teams: string[];
  /** An agent's agent record; '' = the agent of the account's name (on create). */
  agent: string;
}

/** The role a new account starts with: the work most accounts do. */
export function emptyAccountForm(): AccountFormState {
  return { username: '', name: '', role: 'qa_supervisor', teams: [], agent: '' };
}

export function formOf(account: Account): AccountFormState {
  return {
    username: account.username,
    name: account.name,
    role: account.role,
    teams: account.teams.map((team) => String(team.id)),
    agent: account.agent ? String(account.agent.id) : '',
  };
}

/**
 * Only a team lead has teams and only an agent an agent link (the server's rule); what the form held for
 * another role is not sent.
 */
export function createParams(form: AccountFormState, password: string): Params<'account.create'> {
  return {
    username: form.username.trim(),
    name: form.name.trim(),
    role: form.role,
    password,
    ...(form.role === 'team_lead' && { teams: form.teams.map(Number) }),
    ...(form.role === 'agent' && form.agent !== '' && { agent: Number(form.agent) }),
  };
}

/**
 * The changes an edit makes, and only those (so changing a name never touches a role the last
 * administrator must keep). Leaving the team lead role clears the teams, leaving the agent role the link.
 */
export function updateParams(account: Account, form: AccountFormState): Params<'account.update'> {
  const changes: Params<'account.update'> = { id: account.profileId };
  const name = form.name.trim();
  if (name !== account.name) changes.name = name;
  if (form.role !== account.role) changes.role = form.role;
  const teams = form.role === 'team_lead' ? form.teams.map(Number).sort((a, b) => a - b) : [];
  const hadTeams = account.teams.map((team) => team.id).sort((a, b) => a - b);
  if (teams.join(',') !== hadTeams.join(',')) changes.teams = teams;
  const agent = form.role === 'agent' && form.agent !== '' ? Number(form.agent) : null;
  if (agent !== (account.agent?.id ?? null)) changes.agent = agent;
  return changes;
}

/** Whether an edit changes anything at all. */
export const changesAnything = (changes: Params<'account.update'>): boolean =>
  Object.keys(changes).length > 1;
