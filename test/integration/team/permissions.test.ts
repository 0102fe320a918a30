import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import { methodNames, type MethodName } from '../../../shared/api';
import { reviewerRoles, type ReviewerRole } from '../../../shared/api/methods/profiles';
import type { Reply } from '../../../shared/errors';
import { permissions, refusalText } from '../../../shared/permissions/roles';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { tempDir } from '../../support/paths';
import { asProfile } from '../../support/backend';
import { addAccount, Browser, teamServer } from '../accounts/team-fixture';
import { smallDraft } from '../evaluations/fixture';

/**
 * Every method of the contract called as every role on a team server (issue 14, point 3): refused with
 * the role table's words exactly when the table says so, and otherwise let through to its handler
 * (which may still answer not_found for the ids below, or a row rule). The payloads are valid, so no
 * answer is a schema refusal. A method added to the contract without a payload here does not compile, nor without a row
 * in the table.
 */

const PW = 'a good long password';
const MISSING = 999_999;
const files = tempDir('earmark-team-permissions-');
let serial = 0;
const fresh = (what: string) => `${what} ${++serial}`;

const draftOf = () => smallDraft(fresh('Rubric'));
const shopFields = { shopId: 'W1-001', occurredAt: '2026-11-02T10:00', channel: 'call' };
const mapping = { rubric: MISSING, columns: {} };

/** A valid payload for every method; ids point nowhere, so an allowed write changes nothing. */
const payloads: Record<MethodName, () => Record<string, unknown>> = {
  'app.info': () => ({}),
  'settings.get': () => ({}),
  'settings.update': () => ({}),
  'demo.status': () => ({}),
  'demo.load': () => ({}),
  'demo.decline': () => ({}),
  'library.list': () => ({}),
  'library.facets': () => ({}),
  'interaction.get': () => ({ id: MISSING }),
  'recording.peaks': () => ({ recordingId: MISSING }),
  'interaction.updateDetails': () => ({ id: MISSING, details: {} }),
  'library.assignAgent': () => ({ ids: [MISSING], agentName: 'Nobody Here' }),
  // A missing manifest is refused before a worker or a batch exists: the handler ran, cheaply.
  'import.preview': () => ({ paths: [files.dir], manifest: { path: join(files.dir, 'missing.xlsx') } }),
  'import.start': () => ({ paths: [files.dir], manifest: { path: join(files.dir, 'missing.xlsx') } }),
  'import.cancel': () => ({ batchId: MISSING }),
  'import.status': () => ({ batchId: MISSING }),
  'import.serverFiles': () => ({}),
  'import.browse': () => ({ path: null }),
  'moment.list': () => ({ interactionId: MISSING }),
  'moment.create': () => ({ interactionId: MISSING, startMs: 0 }),
  'moment.update': () => ({ id: MISSING }),
  'moment.delete': () => ({ id: MISSING }),
  'moment.restore': () => ({ id: MISSING }),
  'tag.list': () => ({}),
  'tag.create': () => ({ name: fresh('tag') }),
  'playback.get': () => ({ interactionId: MISSING }),
  'playback.save': () => ({ interactionId: MISSING, positionMs: 0 }),
  'library.neighbours': () => ({ id: MISSING }),
  'recording.peaksWindow': () => ({ recordingId: MISSING, fromMs: 0, toMs: 1000, targetPeaks: 10 }),
  'shortcuts.get': () => ({}),
  'shortcuts.update': () => ({ bindings: {} }),
  'shortcuts.reset': () => ({}),
  'recording.encodedAudio': () => ({ recordingId: MISSING, fromPacket: 0 }),
  'recording.savePeaks': () => ({
    recordingId: MISSING,
    samplesPerPeak: 256,
    firstPeak: 0,
    channels: ['AAAA'],
    last: true,
  }),
  'profile.list': () => ({}),
  'profile.create': () => ({ name: fresh('Profile'), role: 'qa_supervisor' }),
  'profile.update': () => ({ id: MISSING }),
  'profile.select': () => ({ id: MISSING }),
  'profile.lock': () => ({}),
  'profile.setPassphrase': () => ({ id: MISSING, newPassphrase: 'a passphrase' }),
  'rubric.list': () => ({}),
  'rubric.get': () => ({ id: MISSING }),
  'rubric.version': () => ({ versionId: MISSING }),
  'rubric.create': () => ({ name: fresh('Rubric'), language: 'en' }),
  'rubric.saveDraft': () => ({ id: MISSING, version: 1, draft: draftOf() }),
  'rubric.discardDraft': () => ({ id: MISSING }),
  'rubric.publish': () => ({ id: MISSING, draft: draftOf() }),
  'rubric.previewRescore': () => ({ id: MISSING, draft: draftOf() }),
  'rubric.import': () => ({ json: '{}' }),
  'evaluation.start': () => ({ interactionId: MISSING, rubricId: MISSING }),
  'evaluation.get': () => ({ id: MISSING }),
  'evaluation.list': () => ({}),
  'evaluation.saveDraft': () => ({ id: MISSING }),
  'evaluation.submit': () => ({ id: MISSING }),
  'evaluation.reopen': () => ({ id: MISSING, reason: 'a typo' }),
  'evaluation.acknowledge': () => ({ id: MISSING }),
  'evaluation.dispute': () => ({ id: MISSING, reason: 'I was not on shift' }),
  'evaluation.discard': () => ({ id: MISSING }),
  'evaluation.exportCsv': () => ({ rubricId: MISSING }),
  'evaluation.exportLibrary': () => ({ format: 'csv' }),
  'agent.list': () => ({}),
  'agent.overview': () => ({ agentId: MISSING }),
  'coaching.list': () => ({}),
  'coaching.create': () => ({ agentId: MISSING, heldOn: '2026-11-20' }),
  'coaching.get': () => ({ id: MISSING }),
  'coaching.update': () => ({ id: MISSING, version: 1 }),
  'coaching.close': () => ({ id: MISSING }),
  'coaching.reopen': () => ({ id: MISSING }),
  'coaching.actionAdd': () => ({ sessionId: MISSING, text: 'Practise', owner: 'agent', dueOn: '2026-11-30' }),
  'coaching.actionUpdate': () => ({ id: MISSING }),
  'coaching.actionDelete': () => ({ id: MISSING }),
  'coaching.openActions': () => ({}),
  'coaching.notes': () => ({ sessionId: MISSING }),
  'coaching.noteGet': () => ({ id: MISSING }),
  'coaching.noteAdd': () => ({ sessionId: MISSING, body: 'A note', private: false }),
  'coaching.noteUpdate': () => ({ id: MISSING, body: 'A note' }),
  'coaching.noteDelete': () => ({ id: MISSING }),
  'reel.candidates': () => ({}),
  'reel.list': () => ({}),
  'reel.get': () => ({ id: MISSING }),
  'reel.create': () => ({ title: fresh('Reel'), momentIds: [] }),
  'reel.update': () => ({ id: MISSING }),
  'reel.delete': () => ({ id: MISSING }),
  'mystery.list': () => ({}),
  'mystery.report': () => ({ by: 'team' }),
  'mystery.get': () => ({ id: MISSING }),
  'mystery.saveDraft': () => ({ fields: { ...shopFields, rubricId: MISSING } }),
  'mystery.submit': () => ({ id: MISSING }),
  'mystery.query': () => ({ id: MISSING, reason: 'The agent was on a break.' }),
  'mystery.confirm': () => ({ id: MISSING }),
  'mystery.correct': () => ({ id: MISSING, fields: shopFields, reason: 'Typo in the shop id' }),
  'scenario.list': () => ({}),
  'scenario.save': () => ({ title: fresh('Scenario') }),
  'mysteryImport.preview': () => ({ path: join(files.dir, 'missing.csv') }),
  'mysteryImport.dryRun': () => ({ path: join(files.dir, 'missing.csv'), mapping }),
  'mysteryImport.run': () => ({ path: join(files.dir, 'missing.csv'), mapping }),
  'mysteryImport.loadMapping': () => ({ path: join(files.dir, 'missing.json') }),
  'mysteryImport.saveMapping': () => ({ path: join(files.dir, `${fresh('mapping')}.json`), mapping }),
  'mysteryImport.forgetSheet': () => ({ path: join(files.dir, 'missing.csv') }),
  'mysteryImport.loadMappingText': () => ({ fileName: 'mapping.json', text: JSON.stringify(mapping) }),
  'mystery.agentShops': () => ({ agentId: MISSING }),
  'mystery.teamFigures': () => ({}),
  'queue.plans': () => ({}),
  'queue.options': () => ({}),
  'queue.savePlan': () => ({
    name: fresh('Plan'),
    filters: {},
    per: 'agent',
    count: 2,
    reviewerIds: [MISSING],
  }),
  'queue.draw': () => ({ planId: MISSING, week: '2026-W45' }),
  'queue.topUp': () => ({ planId: MISSING, week: '2026-W45' }),
  'queue.progress': () => ({ planId: MISSING, week: '2026-W45' }),
  'queue.mine': () => ({ week: '2026-W45' }),
  'queue.replace': () => ({ itemId: MISSING, reason: 'Silent recording' }),
  'queue.why': () => ({ interactionId: MISSING }),
  'calibration.list': () => ({}),
  'calibration.options': () => ({}),
  'calibration.create': () => ({
    name: fresh('Calibration'),
    rubricId: MISSING,
    interactionIds: [MISSING],
    participantIds: [MISSING, MISSING - 1],
  }),
  'calibration.get': () => ({ id: MISSING }),
  'calibration.saveAnswers': () => ({ sessionId: MISSING, interactionId: MISSING, answers: [] }),
  'calibration.submit': () => ({ id: MISSING }),
  'calibration.reveal': () => ({ id: MISSING }),
  'calibration.results': () => ({ id: MISSING }),
  'calibration.agree': () => ({
    sessionId: MISSING,
    interactionId: MISSING,
    itemId: 'greeting',
    value: null,
  }),
  'session.login': () => ({ username: 'nobody', password: 'not the password' }),
  'session.logout': () => ({}),
  'session.me': () => ({}),
  'session.changePassword': () => ({ current: 'not the password', next: 'another good long password' }),
  'account.list': () => ({}),
  'account.create': () => ({
    username: fresh('user').replace(' ', '-'),
    name: fresh('Person'),
    role: 'qa_supervisor',
    password: PW,
  }),
  'account.update': () => ({ id: MISSING }),
  'account.resetPassword': () => ({ id: MISSING, password: PW }),
};

/** Calls that end the browser's own session: made from a login of their own. */
const endsSession = new Set<MethodName>(['session.logout', 'session.changePassword']);

const isRoleRefusal = (reply: Reply<unknown>, role: ReviewerRole, method: MethodName) =>
  !reply.ok && reply.error.code === 'not_allowed' && reply.error.message === refusalText(role, method);

describeEachEngine('every method as every role on a team server', () => {
  let backend: Backend;
  let cleanup: () => Promise<void>;
  const browsers = {} as Record<ReviewerRole, Browser>;
  const usernames = {} as Record<ReviewerRole, string>;

  beforeAll(async () => {
    ({ backend, cleanup } = await teamServer());
    const q = backend.database.query;
    const team = await q
      .insertInto('teams')
      .values({ name: 'Sales' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const agent = await q
      .insertInto('agents')
      .values({ name: 'Pekka Virtanen', team_id: team.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const role of reviewerRoles) {
      usernames[role] = role.replace('_', '.');
      await addAccount(backend, usernames[role], role, PW, {
        ...(role === 'agent' ? { name: 'Pekka Virtanen', agent: agent.id } : {}),
        ...(role === 'team_lead' ? { teams: [team.id] } : {}),
      });
      browsers[role] = new Browser(backend);
      await browsers[role].login(usernames[role], PW);
    }
  });
  afterAll(async () => {
    await cleanup();
    files.cleanup();
  });

  it('has a payload here and a row in the role table for every method of the contract', () => {
    expect(Object.keys(payloads).sort()).toEqual([...methodNames].sort());
    expect(Object.keys(permissions).sort()).toEqual([...methodNames].sort());
  });

  for (const method of methodNames) {
    it(`${method}: refused exactly to the roles the table leaves out`, async () => {
      for (const role of reviewerRoles) {
        let browser = browsers[role];
        if (endsSession.has(method)) {
          browser = new Browser(backend);
          await browser.login(usernames[role], PW);
        }
        const reply = await browser.send(method, payloads[method]());
        const allowed = permissions[method].roles.includes(role);
        const summary = `${method} as ${role}: ${JSON.stringify(reply).slice(0, 300)}`;
        // The payload passes the contract's schema (a handler may still refuse it: a missing file, say).
        if (!reply.ok) expect(reply.error.message, summary).not.toMatch(/^Invalid parameters for/);
        expect(isRoleRefusal(reply, role, method), summary).toBe(!allowed);
      }
    });
  }

  it('keeps the rules the domain sets, whatever the table says (written out here)', () => {
    const allowed = (method: MethodName) => [...permissions[method].roles].sort();
    expect(allowed('rubric.publish')).toEqual(['admin', 'qa_manager']);
    expect(allowed('rubric.import')).toEqual(['admin', 'qa_manager']);
    expect(allowed('rubric.saveDraft')).toEqual(['admin', 'qa_manager', 'qa_supervisor']);
    expect(allowed('account.create')).toEqual(['admin']);
    expect(allowed('evaluation.acknowledge')).toEqual(['agent']);
    expect(allowed('evaluation.dispute')).toEqual(['agent']);
    expect(allowed('evaluation.submit')).toEqual(['admin', 'qa_manager', 'qa_supervisor']);
    expect(allowed('evaluation.get')).toEqual(['admin', 'agent', 'qa_manager', 'qa_supervisor', 'team_lead']);
    expect(allowed('coaching.create')).toEqual(['admin', 'qa_manager', 'team_lead']);
    expect(allowed('mystery.submit')).toEqual(['admin', 'mystery_shopper', 'qa_manager', 'qa_supervisor']);
    expect(allowed('mystery.query')).toEqual(['team_lead']);
    // An agent reads their own evaluations and agent page, and nothing of the library or coaching.
    const agentMay = methodNames.filter((m) => permissions[m].roles.includes('agent')).sort();
    expect(agentMay.filter((m) => !/^(app|settings|demo|shortcuts|profile|session)\./.test(m))).toEqual([
      'agent.list',
      'agent.overview',
      'evaluation.acknowledge',
      'evaluation.dispute',
      'evaluation.get',
      'evaluation.list',
    ]);
  });

  it('names the role and the action in a refusal', async () => {
    const reply = await browsers.qa_supervisor.send('rubric.publish', payloads['rubric.publish']());
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'not_allowed',
        message:
          'A QA supervisor (role qa_supervisor) may not publish rubrics (rubric.publish); that is for a QA manager or an administrator.',
      },
    });
  });

  it('follows a role change at the next call', async () => {
    const q = backend.database.query;
    const lead = await q
      .selectFrom('accounts')
      .select('profile_id')
      .where('username', '=', usernames.team_lead)
      .executeTakeFirstOrThrow();
    await q
      .updateTable('reviewer_profiles')
      .set({ role: 'qa_manager' })
      .where('id', '=', lead.profile_id)
      .execute();
    try {
      const reply = await browsers.team_lead.send('rubric.publish', payloads['rubric.publish']());
      expect(isRoleRefusal(reply, 'team_lead', 'rubric.publish')).toBe(false);
      expect(reply).toMatchObject({ ok: false, error: { code: 'not_found' } });
    } finally {
      await q
        .updateTable('reviewer_profiles')
        .set({ role: 'team_lead' })
        .where('id', '=', lead.profile_id)
        .execute();
    }
  });
});

describeEachEngine('the workstation control: roles are enforced only where they were', () => {
  let backend: Backend;
  let cleanup: () => Promise<void>;
  let lead: number;

  beforeAll(async () => {
    ({ backend, cleanup } = await engineBackend());
    const made = await backend.dispatch('profile.create', { name: 'Lena Lead', role: 'team_lead' });
    if (!made.ok) throw new Error(made.error.message);
    lead = (made.value as { id: number }).id;
  });
  afterAll(() => cleanup());

  it('lets a workstation team lead do what a team server refuses, and refuses mystery entry as before', async () => {
    await asProfile(backend, lead, async () => {
      // Not in a team lead's rows, but a workstation profile's role was a label: the handler runs.
      const create = await backend.dispatch('rubric.create', { name: 'Lena rubric', language: 'en' });
      expect(create.ok, JSON.stringify(create)).toBe(true);
      const start = await backend.dispatch('evaluation.start', { interactionId: MISSING, rubricId: MISSING });
      expect(start).toMatchObject({ ok: false, error: { code: 'not_found' } });
      // The mystery rows are enforced on the workstation, as they always were.
      const submit = await backend.dispatch('mystery.submit', { id: MISSING });
      expect(submit).toEqual({
        ok: false,
        error: { code: 'not_allowed', message: refusalText('team_lead', 'mystery.submit') },
      });
      // Team accounts are a team server's.
      expect(await backend.dispatch('account.list', {})).toMatchObject({
        ok: false,
        error: { code: 'unavailable' },
      });
    });
  });
});
