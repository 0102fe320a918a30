import { describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/api/methods/accounts';
import {
  changesAnything,
  createParams,
  emptyAccountForm,
  formOf,
  updateParams,
} from '../../../renderer/src/features/account/account-form';
import { passwordProblem } from '../../../renderer/src/features/account/password-rules';

const lead: Account = {
  profileId: 7,
  name: 'Tom Lead',
  username: 'tom',
  role: 'team_lead',
  agent: null,
  teams: [
    { id: 2, name: 'Billing' },
    { id: 5, name: 'Moves' },
  ],
  disabledAt: null,
  createdAt: '2031-01-01T00:00:00.000Z',
  passwordChangedAt: '2031-01-01T00:00:00.000Z',
};

describe('the Users form', () => {
  it('sends teams only for a team lead and an agent link only for an agent', () => {
    const form = { ...emptyAccountForm(), username: ' sara ', name: ' Sara QA ', teams: ['2'], agent: '9' };
    expect(createParams(form, 'twelve chars!')).toEqual({
      username: 'sara',
      name: 'Sara QA',
      role: 'qa_supervisor',
      password: 'twelve chars!',
    });
    expect(createParams({ ...form, role: 'team_lead' }, 'p'.repeat(12)).teams).toEqual([2]);
    expect(createParams({ ...form, role: 'agent' }, 'p'.repeat(12)).agent).toBe(9);
    // An agent without a chosen record: the server links the agent of the same name.
    expect(createParams({ ...form, role: 'agent', agent: '' }, 'p'.repeat(12))).not.toHaveProperty('agent');
  });

  it('starts a new account as a QA supervisor with nothing filled in', () => {
    expect(emptyAccountForm()).toEqual({
      username: '',
      name: '',
      role: 'qa_supervisor',
      teams: [],
      agent: '',
    });
  });

  it('sends only what an edit changed', () => {
    const unchanged = updateParams(lead, formOf(lead));
    expect(unchanged).toEqual({ id: 7 });
    expect(changesAnything(unchanged)).toBe(false);
    // The same teams in another order are no change.
    expect(updateParams(lead, { ...formOf(lead), teams: ['5', '2'] })).toEqual({ id: 7 });
    expect(updateParams(lead, { ...formOf(lead), name: 'Tom Leader ' })).toEqual({
      id: 7,
      name: 'Tom Leader',
    });
    expect(updateParams(lead, { ...formOf(lead), teams: ['2'] })).toEqual({ id: 7, teams: [2] });
  });

  it('drops the teams when a team lead becomes another role, and links an agent when one becomes an agent', () => {
    expect(updateParams(lead, { ...formOf(lead), role: 'qa_supervisor' })).toEqual({
      id: 7,
      role: 'qa_supervisor',
      teams: [],
    });
    expect(updateParams(lead, { ...formOf(lead), role: 'agent', agent: '4' })).toEqual({
      id: 7,
      role: 'agent',
      teams: [],
      agent: 4,
    });
    const agent: Account = { ...lead, role: 'agent', teams: [], agent: { id: 4, name: 'Tom Lead' } };
    expect(updateParams(agent, { ...formOf(agent), role: 'qa_manager' })).toEqual({
      id: 7,
      role: 'qa_manager',
      agent: null,
    });
  });
});

describe('a new password before it is sent', () => {
  it('needs the server’s length and the same text twice, spaces counting', () => {
    expect(passwordProblem('short', 'short')).toBe('short');
    expect(passwordProblem('x'.repeat(1025), 'x'.repeat(1025))).toBe('long');
    expect(passwordProblem('correct horse', 'correct horse ')).toBe('mismatch');
    expect(passwordProblem('correct horse', 'correct horse')).toBeNull();
    expect(passwordProblem(' '.repeat(12), ' '.repeat(12))).toBeNull();
  });
});
