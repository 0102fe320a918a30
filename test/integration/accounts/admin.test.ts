import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import type { TestClock } from '../../support/clock';
import { addAccount, Browser, teamServer } from './team-fixture';

const ADMIN_PW = 'administrator password';
const PW = 'a good long password';

/** Administrators manage the team's accounts; nobody else may, and a workstation has none. */
describeEachEngine('team accounts', () => {
  let backend: Backend;
  let clock: TestClock;
  let cleanup: () => Promise<void>;
  let admin: Browser;
  let sales: number;
  let support: number;
  let pekka: number;

  beforeEach(async () => {
    ({ backend, clock, cleanup } = await teamServer());
    await addAccount(backend, 'root', 'admin', ADMIN_PW, { name: 'Ada Admin' });
    const q = backend.database.query;
    sales = (await q.insertInto('teams').values({ name: 'Sales' }).returning('id').executeTakeFirstOrThrow())
      .id;
    support = (
      await q.insertInto('teams').values({ name: 'Support' }).returning('id').executeTakeFirstOrThrow()
    ).id;
    pekka = (
      await q
        .insertInto('agents')
        .values({ name: 'Pekka Virtanen', team_id: sales })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    admin = new Browser(backend);
    await admin.login('root', ADMIN_PW);
  });
  afterEach(() => cleanup());

  it('creates accounts with their profile: a team lead with teams, an agent linked by name', async () => {
    const lead = await admin.ok('account.create', {
      username: 'lena',
      name: 'Lena Lead',
      role: 'team_lead',
      password: PW,
      teams: [support, sales, sales],
    });
    expect(lead).toMatchObject({
      username: 'lena',
      role: 'team_lead',
      agent: null,
      teams: [
        { id: sales, name: 'Sales' },
        { id: support, name: 'Support' },
      ],
      disabledAt: null,
      createdAt: clock.now().toISOString(),
    });
    const profile = await backend.database.query
      .selectFrom('reviewer_profiles')
      .selectAll()
      .where('id', '=', lead.profileId)
      .executeTakeFirstOrThrow();
    expect(profile).toMatchObject({ name: 'Lena Lead', role: 'team_lead' });
    const agent = await admin.ok('account.create', {
      username: 'pekka',
      name: 'pekka virtanen',
      role: 'agent',
      password: PW,
    });
    expect(agent.agent).toEqual({ id: pekka, name: 'Pekka Virtanen' });
    const { accounts } = await admin.ok('account.list');
    expect(accounts.map((a) => a.username)).toEqual(['lena', 'pekka', 'root']);
    // The agent logs in and sees who they are.
    const pekkasBrowser = new Browser(backend);
    expect((await pekkasBrowser.login('Pekka', PW)).agent).toEqual({ id: pekka, name: 'Pekka Virtanen' });
  });

  it('names what is wrong with a new account', async () => {
    const base = { username: 'new.person', name: 'New Person', role: 'qa_supervisor', password: PW };
    expect(await admin.refused('account.create', { ...base, username: 'has space' })).toMatchObject({
      code: 'invalid_params',
      message: /username: a username uses only the letters A-Z, digits and \. _ - @/,
    });
    expect(await admin.refused('account.create', { ...base, password: 'too short' })).toMatchObject({
      code: 'invalid_params',
      message: /password: a password has at least 12 characters/,
    });
    expect(await admin.refused('account.create', { ...base, password: 'x'.repeat(1025) })).toMatchObject({
      message: /password: a password is at most 1024 characters/,
    });
    expect(await admin.refused('account.create', { ...base, username: 'ROOT' })).toEqual({
      code: 'conflict',
      message: 'username: there is already an account with the username "ROOT".',
    });
    expect(await admin.refused('account.create', { ...base, name: 'ada admin' })).toEqual({
      code: 'conflict',
      message: 'name: there is already a profile named "ada admin".',
    });
    expect(await admin.refused('account.create', { ...base, role: 'agent', name: 'Unknown Agent' })).toEqual({
      code: 'invalid_params',
      message:
        'agent: there is no agent named "Unknown Agent" to link this agent account to; choose the agent record.',
    });
    expect(await admin.refused('account.create', { ...base, agent: pekka })).toMatchObject({
      code: 'invalid_params',
      message: /^agent: only an agent account is linked to an agent record/,
    });
    expect(await admin.refused('account.create', { ...base, teams: [sales] })).toMatchObject({
      message: /^teams: only a team lead's account leads teams/,
    });
    expect(await admin.refused('account.create', { ...base, role: 'team_lead', teams: [999] })).toEqual({
      code: 'not_found',
      message: 'teams: there is no team with id 999.',
    });
    await admin.ok('account.create', {
      ...base,
      username: 'pv',
      name: 'Pekka V',
      role: 'agent',
      agent: pekka,
    });
    expect(
      await admin.refused('account.create', {
        ...base,
        username: 'pv2',
        name: 'Pekka W',
        role: 'agent',
        agent: pekka,
      }),
    ).toEqual({ code: 'conflict', message: 'agent: Pekka Virtanen already has an account (username "pv").' });
    // Nothing half-made: the refused accounts left no profiles behind.
    const profiles = await backend.database.query.selectFrom('reviewer_profiles').select('name').execute();
    expect(profiles.map((p) => p.name).sort()).toEqual(['Ada Admin', 'Pekka V']);
  });

  it('account methods are for administrators only', async () => {
    await addAccount(backend, 'lena', 'team_lead', PW, { teams: [sales] });
    const lena = new Browser(backend);
    await lena.login('lena', PW);
    expect(await lena.refused('account.list')).toEqual({
      code: 'not_allowed',
      message:
        'A team lead (role team_lead) may not see the team accounts (account.list); that is for an administrator.',
    });
    expect(
      (await lena.refused('account.create', { username: 'x', name: 'X', role: 'admin', password: PW })).code,
    ).toBe('not_allowed');
    expect((await lena.refused('account.update', { id: 1, disabled: true })).code).toBe('not_allowed');
    expect((await lena.refused('account.resetPassword', { id: 1, password: PW })).code).toBe('not_allowed');
    // …while the lead's own password is hers to change.
    await lena.ok('session.changePassword', { current: PW, next: 'lena has a new one' });
  });

  it('disabling an account refuses it at once, also the sessions it had', async () => {
    const lena = await addAccount(backend, 'lena', 'team_lead', PW);
    const browser = new Browser(backend);
    await browser.login('lena', PW);
    // Disabled behind the service's back too (another process, a script): the next call is refused.
    await backend.database.query
      .updateTable('accounts')
      .set({ disabled_at: clock.now().toISOString() })
      .where('profile_id', '=', lena.profileId)
      .execute();
    expect(await browser.refused('library.list', {})).toEqual({
      code: 'not_allowed',
      message: 'Log in again: this account has been disabled.',
    });
    await admin.ok('account.update', { id: lena.profileId, disabled: false });
    await browser.login('lena', PW);
    const disabled = await admin.ok('account.update', { id: lena.profileId, disabled: true });
    expect(disabled.disabledAt).toBe(clock.now().toISOString());
    expect((await browser.refused('library.list', {})).message).toMatch(/^Log in again/);
    expect(await browser.refused('session.login', { username: 'lena', password: PW })).toEqual({
      code: 'not_allowed',
      message: 'This account is disabled: ask an administrator of the team.',
      reason: 'account_disabled',
    });
    expect(await backend.database.query.selectFrom('team_sessions').select('profile_id').execute()).toEqual([
      { profile_id: 1 },
    ]);
  });

  it('a reset password ends the person’s sessions; the old one no longer logs in', async () => {
    const lena = await addAccount(backend, 'lena', 'team_lead', PW);
    const browser = new Browser(backend);
    await browser.login('lena', PW);
    clock.advance();
    const reset = await admin.ok('account.resetPassword', {
      id: lena.profileId,
      password: 'set by the admin',
    });
    expect(reset.passwordChangedAt).toBe(clock.now().toISOString());
    expect((await browser.refused('library.list', {})).message).toMatch(/^Log in again/);
    expect((await browser.refused('session.login', { username: 'lena', password: PW })).code).toBe(
      'not_allowed',
    );
    await browser.login('lena', 'set by the admin');
  });

  it('changes role, teams and agent link, dropping what the old role had', async () => {
    const lena = await addAccount(backend, 'lena', 'team_lead', PW, { teams: [sales] });
    expect(
      (await admin.ok('account.update', { id: lena.profileId, teams: [support] })).teams.map((t) => t.name),
    ).toEqual(['Support']);
    const supervisor = await admin.ok('account.update', {
      id: lena.profileId,
      role: 'qa_supervisor',
      name: 'Lena S',
    });
    expect(supervisor).toMatchObject({ role: 'qa_supervisor', name: 'Lena S', teams: [] });
    expect(await admin.refused('account.update', { id: lena.profileId, role: 'agent' })).toMatchObject({
      message: /^agent: there is no agent named "Lena S"/,
    });
    const agent = await admin.ok('account.update', { id: lena.profileId, role: 'agent', agent: pekka });
    expect(agent.agent).toEqual({ id: pekka, name: 'Pekka Virtanen' });
    expect(await admin.refused('account.update', { id: lena.profileId, agent: null })).toEqual({
      code: 'invalid_params',
      message: 'agent: an agent account needs its agent record.',
    });
    expect(await admin.refused('account.update', { id: 999, disabled: true })).toEqual({
      code: 'not_found',
      message: 'id: there is no team account with id 999.',
    });
  });

  it('keeps one enabled administrator', async () => {
    expect(await admin.refused('account.update', { id: 1, disabled: true })).toEqual({
      code: 'conflict',
      message: 'The team needs at least one enabled administrator: make someone else an administrator first.',
    });
    expect((await admin.refused('account.update', { id: 1, role: 'qa_manager' })).code).toBe('conflict');
    const second = await addAccount(backend, 'root2', 'admin', PW);
    await admin.ok('account.update', { id: second.profileId, disabled: true });
    expect((await admin.refused('account.update', { id: 1, disabled: true })).code).toBe('conflict');
    await admin.ok('account.update', { id: second.profileId, disabled: false });
    await admin.ok('account.update', { id: 1, role: 'qa_manager' });
  });

  it('a team server does not choose or make workstation profiles', async () => {
    expect(await admin.refused('profile.create', { name: 'Someone', role: 'qa_supervisor' })).toMatchObject({
      code: 'unavailable',
      message: /^profile\.create is for a workstation; on a team server people log in/,
    });
    expect((await admin.refused('profile.select', { id: 1 })).code).toBe('unavailable');
    expect((await admin.refused('profile.setPassphrase', { id: 1, newPassphrase: 'whatever1' })).code).toBe(
      'unavailable',
    );
  });
});

describeEachEngine('a workstation', () => {
  it('answers unavailable to team accounts and sessions, with or without a profile chosen', async () => {
    const { backend, cleanup } = await engineBackend();
    const calls = {
      'session.login': { username: 'anna', password: 'whatever it is' },
      'session.logout': {},
      'session.me': {},
      'session.changePassword': { current: 'whatever it is', next: 'something much longer' },
      'account.list': {},
      'account.create': { username: 'x', name: 'X', role: 'admin', password: 'a long password' },
      'account.update': { id: 1, disabled: true },
      'account.resetPassword': { id: 1, password: 'a long password' },
    };
    const refusal = {
      ok: false,
      error: {
        code: 'unavailable',
        message:
          'Team accounts are for a team server; this is a workstation (choose your reviewer profile instead).',
      },
    };
    try {
      for (const [method, payload] of Object.entries(calls)) {
        expect(await backend.dispatch(method, payload), method).toEqual(refusal);
      }
      // The workstation's own ways still work without any login.
      expect((await backend.dispatch('library.list', {})).ok).toBe(true);
      expect((await backend.dispatch('profile.create', { name: 'Maria', role: 'qa_supervisor' })).ok).toBe(
        true,
      );
      for (const [method, payload] of Object.entries(calls)) {
        expect(await backend.dispatch(method, payload), method).toEqual(refusal);
      }
    } finally {
      await cleanup();
    }
  });
});
