import { createHash } from 'node:crypto';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import type { Database } from '../../../electron/backend/db/database';
import { openPostgres } from '../../../electron/backend/db/postgres/database';
import {
  createAccount,
  findLogin,
  updateAccount,
} from '../../../electron/backend/services/accounts/accounts';
import { hashPassword } from '../../../electron/backend/services/accounts/password-hash';
import { nothingAdded } from '../../../electron/backend/team-import/copy-history';
import {
  importWorkstation,
  type WorkstationImportOptions,
} from '../../../electron/backend/team-import/import-workstation';
import type { CoachingNote, CoachingSession } from '../../../shared/api/methods/coaching';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import type { QueueDraw } from '../../../shared/api/methods/queue';
import { asProfile, call, callAs } from '../../support/backend';
import { runEarmark as earmark } from '../../support/cli';
import { freshPostgresUrl } from '../../support/engines';
import { distinctivePhrase } from '../../support/leaks';
import { audioData, resourcesDir, sharedData, tempDir } from '../../support/paths';
import { addTeamAgent, CHEAP } from '../accounts/team-fixture';
import {
  checklistAnswers,
  mysteryChecklistId,
  recordingOf,
  shopFields,
  submitShop,
} from '../mystery/fixture';
import { everyCell, submittedEvaluation } from '../privacy-proof/fixture';
import { call as callServer, cookieFrom, rendererFolder, send, teamProcess } from './team-host-fixture';

/**
 * `earmark team import-workstation` (issue 14, point 10) on real data: a workstation made by the backend
 * imports a real call and real chats, scores one, marks a moment and coaches an agent with a shared and
 * a private note; its history then joins a team database. Profiles go to accounts by name or --map; the
 * private note moves only with its author's passphrase and team password and is then hers on the team
 * server; a second run adds nothing.
 */

const PASSPHRASE = 'lena on the workstation';
const LENA_PW = 'lena on the team server';
const SAM_PW = 'sam on the team server';
const secretWord = distinctivePhrase('quillwort');
const sharedWord = distinctivePhrase('heliotrope');

const workstation = tempDir('earmark-workstation-');
const source = tempDir('earmark-workstation-calls-');
const copies = tempDir('earmark-team-recordings-');
let url: string;
let target: Database;
let counts: { interactions: number; segments: number; recordings: number };
let wsSession: CoachingSession;

beforeAll(async () => {
  const ws = await createBackend({
    dataDir: workstation.dir,
    resourcesDir,
    version: '0.0.0-test',
    log: () => {},
  });
  try {
    const call1 = join(source.dir, 'sample.wav');
    cpSync(join(audioData, 'pyannote__pyannote-audio', 'sample.wav'), call1);
    cpSync(join(audioData, 'pyannote__pyannote-audio', 'sample.rttm'), join(source.dir, 'sample.rttm'));
    const chats = join(source.dir, 'abcd_sample.json');
    cpSync(join(sharedData, 'chats', 'asappresearch__abcd', 'abcd_sample.json'), chats);
    const { batchId } = await ws.imports.start({
      paths: [call1, join(source.dir, 'sample.rttm'), chats],
      pairLegs: true,
      roles: {},
      copyRecordings: false,
    });
    await ws.imports.wait(batchId);
    const q = ws.database.query;
    const { agentId: anna } = await addTeamAgent(q, 'Sales', 'Anna Berg');
    await q.updateTable('interactions').set({ agent_id: anna }).execute();
    const theCall = await q
      .selectFrom('interactions')
      .select('id')
      .where('kind', '=', 'call')
      .executeTakeFirstOrThrow();
    counts = {
      interactions: await countOf(ws.database, 'interactions'),
      segments: await countOf(ws.database, 'segments'),
      recordings: await countOf(ws.database, 'recordings'),
    };
    expect(counts.interactions, 'one call and three chats').toBe(4);

    const sam = await call<ReviewerProfile>(ws, 'profile.create', {
      name: 'Sam Quality',
      role: 'qa_supervisor',
    });
    const tags = await call<{ id: number; builtin: string | null }[]>(ws, 'tag.list');
    await call(ws, 'moment.create', {
      interactionId: theCall.id,
      startMs: 3_000,
      endMs: 6_000,
      comment: 'Warm greeting',
      // Exemplary: a wow reel takes it.
      tagIds: [tags.find((tag) => tag.builtin === 'exemplary')!.id],
    });
    const { evaluationId } = await submittedEvaluation(ws, sam.id, theCall.id, 'Greeting was missing.');
    const moment = (await call<{ id: number }[]>(ws, 'moment.list', { interactionId: theCall.id }))[0]!;
    await call(ws, 'playback.save', { interactionId: theCall.id, positionMs: 12_345 });
    await callAs(ws, sam.id, 'reel.create', { title: 'Best greetings', momentIds: [moment.id] });
    // A mystery shop on the call's recording, an answer pinning its moment, corrected once.
    const scenario = await callAs<{ id: number }>(ws, sam.id, 'scenario.save', {
      title: 'Early cancellation',
    });
    const checklist = await mysteryChecklistId(ws);
    const fields = shopFields(checklist, {
      shopId: 'W7-042',
      agentId: anna,
      scenarioId: scenario.id,
      scenarioText: '',
      recordingId: await recordingOf(ws, theCall.id),
      answers: checklistAnswers().map((answer) =>
        answer.itemId === 'greeting' ? { ...answer, momentIds: [moment.id] } : answer,
      ),
    });
    const shop = await asProfile(ws, sam.id, () => submitShop(ws, fields));
    const { rubricId: _rubric, ...corrected } = fields;
    await callAs(ws, sam.id, 'mystery.correct', {
      id: shop.id,
      fields: { ...corrected, answers: checklistAnswers({ knowledge: 1 }) },
      reason: 'The agency sent a corrected sheet.',
    });
    // The review queue: a manager's plan for the Sales team, drawn for a week, one item replaced.
    const hanna = await call<ReviewerProfile>(ws, 'profile.create', {
      name: 'Hanna Koch',
      role: 'qa_manager',
    });
    const sales = await q.selectFrom('teams').select('id').executeTakeFirstOrThrow();
    await q.updateTable('interactions').set({ started_at: '2026-11-04T10:00:00.000Z' }).execute();
    const weekly = {
      name: 'Weekly sales sample',
      filters: { teamIds: [sales.id] },
      per: 'agent',
      count: 1,
      reviewerIds: [sam.id],
    };
    const plan = await callAs<{ id: number }>(ws, hanna.id, 'queue.savePlan', weekly);
    const draw = await callAs<QueueDraw>(ws, hanna.id, 'queue.draw', { planId: plan.id, week: '2026-W46' });
    await callAs(ws, sam.id, 'queue.replace', { itemId: draw.items[0]!.id, reason: 'Silent recording' });
    // Mid-week the manager asks for two a week: "Draw more" adds the one missing.
    await callAs(ws, hanna.id, 'queue.savePlan', { ...weekly, id: plan.id, count: 2 });
    await callAs(ws, hanna.id, 'queue.topUp', { planId: plan.id, week: '2026-W46' });
    await callAs(ws, hanna.id, 'queue.savePlan', {
      name: 'Chats only',
      filters: { channels: ['chat'] },
      per: 'reviewer',
      count: 1,
      reviewerIds: [sam.id],
    });
    const lena = await call<ReviewerProfile>(ws, 'profile.create', { name: 'Lena Lead', role: 'team_lead' });
    await call(ws, 'profile.setPassphrase', { id: lena.id, newPassphrase: PASSPHRASE });
    wsSession = await call<CoachingSession>(ws, 'coaching.create', {
      agentId: anna,
      heldOn: '2026-11-20',
      evaluationIds: [evaluationId],
      mysteryShopIds: [shop.id],
    });
    await call(ws, 'coaching.actionAdd', {
      sessionId: wsSession.id,
      text: 'Greet every caller by name',
      owner: 'agent',
      dueOn: '2026-12-01',
    });
    await call(ws, 'coaching.noteAdd', {
      sessionId: wsSession.id,
      body: `Agreed: ${sharedWord}.`,
      private: false,
    });
    await call(ws, 'coaching.noteAdd', {
      sessionId: wsSession.id,
      body: `Anna told me ${secretWord}; between us.`,
      private: true,
    });
  } finally {
    await ws.close();
  }
  url = await freshPostgresUrl();
  target = await openPostgres(url);
  await createAccount(
    target,
    { username: 'lena', name: 'Lena Lead', role: 'team_lead' },
    await hashPassword(LENA_PW, CHEAP),
  );
  await createAccount(
    target,
    { username: 'sam.q', name: 'Samuel Q', role: 'qa_supervisor' },
    await hashPassword(SAM_PW, CHEAP),
  );
  await createAccount(
    target,
    { username: 'hanna', name: 'Hanna Koch', role: 'qa_manager' },
    await hashPassword(SAM_PW, CHEAP),
  );
  // A plan the team made itself under a name the workstation also used: not the workstation's plan.
  await target.query
    .insertInto('queue_plans')
    .values({
      name: 'Chats Only',
      filters: '{}',
      quota_per: 'agent',
      quota_count: 1,
      created_by: null,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    })
    .execute();
}, 120_000);

afterAll(async () => {
  await target?.close();
  for (const folder of [workstation, source, copies]) folder.cleanup();
});

const run = (extra: Partial<WorkstationImportOptions> = {}) =>
  importWorkstation({
    dataDir: workstation.dir,
    target,
    map: new Map([['Sam Quality', 'sam.q']]),
    copyRecordingsTo: copies.dir,
    passwordCost: CHEAP,
    log: () => {},
    ...extra,
  });

async function countOf(
  database: Database,
  table: 'interactions' | 'segments' | 'recordings' | 'coaching_notes',
) {
  const row = await database.query
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('importing a workstation into a team', () => {
  it('stops before writing anything when a profile has no account, naming it', async () => {
    await expect(run({ map: new Map() })).rejects.toThrow(
      /These workstation profiles have no team account: Sam Quality\. .*--map "PROFILE=USERNAME"; nothing was copied/,
    );
    await expect(run({ map: new Map([['Sam Q', 'sam.q']]) })).rejects.toThrow(/no profile named "Sam Q"/);
    await expect(run({ map: new Map([['Sam Quality', 'nobody']]) })).rejects.toThrow(/no account "nobody"/);
    expect(await countOf(target, 'interactions')).toBe(0);
  });

  it('refuses a wrong passphrase or team password before writing anything', async () => {
    const wrongPassphrase = run({
      credentials: [{ profile: 'Lena Lead', passphrase: 'guess', password: LENA_PW }],
    });
    await expect(wrongPassphrase).rejects.toThrow(/workstation passphrase of Lena Lead is not right/);
    const wrongPassword = run({
      credentials: [{ profile: 'Lena Lead', passphrase: PASSPHRASE, password: 'guess' }],
    });
    await expect(wrongPassword).rejects.toThrow(/team password of lena is not right/);
    expect(await countOf(target, 'interactions')).toBe(0);
  });

  it('copies the history; a private note without its author’s secrets is left out, and said so', async () => {
    const first = await run();
    expect(first.profiles).toEqual([
      { workstation: 'Sam Quality', team: 'sam.q' },
      { workstation: 'Hanna Koch', team: 'hanna' },
      { workstation: 'Lena Lead', team: 'lena' },
    ]);
    expect(first.added).toMatchObject({
      teams: 1,
      agents: 1,
      interactions: counts.interactions,
      recordings: counts.recordings,
      moments: 1,
      rubrics: 1,
      rubricVersions: 1,
      evaluations: 1,
      coachingSessions: 1,
      notes: 1,
      privateNotes: 0,
      reels: 1,
      mysteryScenarios: 1,
      mysteryShops: 1,
      queuePlans: 1,
      queueDraws: 1,
      playbackPositions: 1,
    });
    expect(first.privateNotesLeftOut).toEqual([{ profile: 'Lena Lead', count: 1 }]);
    expect(first.notCopied).toEqual([
      {
        what: 'review-queue plans',
        count: 1,
        why: 'the team has a different plan of the same name ("Chats only"); rename one of the two and run the import again',
      },
    ]);
    expect(await countOf(target, 'segments')).toBe(counts.segments);
    // The recording now lies in the team server's folder, the same bytes.
    const recording = await target.query
      .selectFrom('recordings')
      .select(['path', 'sha256'])
      .executeTakeFirstOrThrow();
    expect(recording.path.startsWith(copies.dir)).toBe(true);
    expect(createHash('sha256').update(readFileSync(recording.path)).digest('hex')).toBe(recording.sha256);
  });

  it('copies wow reels, mystery shops, queue plans with their draws and playback positions, naming the team’s rows', async () => {
    const tq = target.query;
    const profileOf = async (username: string) => (await findLogin(tq, username))!.profileId;
    const sam = await profileOf('sam.q');
    const hanna = await profileOf('hanna');
    const theCall = await tq
      .selectFrom('interactions')
      .select('id')
      .where('kind', '=', 'call')
      .executeTakeFirstOrThrow();
    const moment = await tq.selectFrom('moments').select('id').executeTakeFirstOrThrow();
    const anna = await tq.selectFrom('agents').select(['id', 'team_id']).executeTakeFirstOrThrow();

    const reel = await tq.selectFrom('reels').selectAll().executeTakeFirstOrThrow();
    expect(reel).toMatchObject({ title: 'Best greetings', created_by: sam });
    expect(await tq.selectFrom('reel_moments').select(['reel_id', 'moment_id']).execute()).toEqual([
      { reel_id: reel.id, moment_id: moment.id },
    ]);

    const shop = await tq.selectFrom('mystery_shops').selectAll().executeTakeFirstOrThrow();
    const scenario = await tq.selectFrom('mystery_scenarios').selectAll().executeTakeFirstOrThrow();
    const recording = await tq.selectFrom('recordings').select('id').executeTakeFirstOrThrow();
    expect(shop).toMatchObject({
      shop_id: 'W7-042',
      agent_id: anna.id,
      scenario_id: scenario.id,
      recording_id: recording.id,
      status: 'confirmed',
    });
    expect(scenario.title).toBe('Early cancellation');
    const audit = await tq
      .selectFrom('mystery_shop_audit')
      .select(['action', 'profile_id', 'changes'])
      .where('shop_row_id', '=', shop.id)
      .orderBy('id')
      .execute();
    // Every step of its trail by Sam's account; the correction last.
    expect(new Set(audit.map((row) => row.profile_id))).toEqual(new Set([sam]));
    expect(audit.map((row) => row.action)).toContain('submitted');
    expect(audit.at(-1)!.action).toBe('corrected');
    // The moment the answer pinned, before the correction, is the team's moment.
    const before = (JSON.parse(audit.at(-1)!.changes) as { field: string; before: unknown }[]).find(
      (change) => change.field === 'answers',
    )!.before as { itemId: string; momentIds?: number[] }[];
    expect(before.find((answer) => answer.itemId === 'greeting')!.momentIds).toEqual([moment.id]);
    expect(await tq.selectFrom('coaching_mystery_shops').select('shop_row_id').execute()).toEqual([
      { shop_row_id: shop.id },
    ]);

    const plans = await tq.selectFrom('queue_plans').selectAll().orderBy('id').execute();
    expect(plans.map((plan) => plan.name)).toEqual(['Chats Only', 'Weekly sales sample']);
    const plan = plans[1]!;
    expect(plan.created_by).toBe(hanna);
    expect(JSON.parse(plan.filters)).toMatchObject({ teamIds: [anna.team_id] });
    expect(
      await tq
        .selectFrom('queue_plan_reviewers')
        .select('profile_id')
        .where('plan_id', '=', plan.id)
        .execute(),
    ).toEqual([{ profile_id: sam }]);
    const draw = await tq.selectFrom('queue_draws').selectAll().executeTakeFirstOrThrow();
    expect(draw).toMatchObject({ plan_id: plan.id, week: '2026-W46', drawn_by: hanna });
    expect(JSON.parse(draw.plan_snapshot)).toMatchObject({
      reviewerIds: [sam],
      filters: { teamIds: [anna.team_id] },
    });
    const items = await tq.selectFrom('queue_items').selectAll().orderBy('id').execute();
    expect(items.length).toBe(3);
    const interactionIds = new Set(
      (await tq.selectFrom('interactions').select('id').execute()).map((row) => row.id),
    );
    for (const item of items) {
      expect(interactionIds.has(item.interaction_id)).toBe(true);
      expect(item).toMatchObject({ draw_id: draw.id, agent_id: anna.id, reviewer_id: sam });
    }
    expect(items[0]).toMatchObject({ replaced_by: sam, replaced_reason: 'Silent recording' });
    expect(items[1]!.replaces_id).toBe(items[0]!.id);
    const topUp = await tq.selectFrom('queue_top_ups').selectAll().executeTakeFirstOrThrow();
    expect(topUp).toMatchObject({ draw_id: draw.id, drawn_by: hanna });
    expect(JSON.parse(topUp.plan_snapshot)).toMatchObject({ count: 2, reviewerIds: [sam] });
    expect(items.map((item) => item.top_up_id)).toEqual([null, null, topUp.id]);

    expect(
      await tq.selectFrom('playback_positions').select(['interaction_id', 'position_ms']).execute(),
    ).toEqual([{ interaction_id: theCall.id, position_ms: 12_345 }]);
  });

  it('a second run with her passphrase and team password adds her private note and nothing else; a third adds nothing', async () => {
    const credentials = [{ profile: 'Lena Lead', passphrase: PASSPHRASE, password: LENA_PW }];
    // Someone on the team listened on since: a later run does not put the workstation's position back.
    await target.query.updateTable('playback_positions').set({ position_ms: 54_321 }).execute();
    const second = await run({ credentials });
    expect(second.added).toEqual({ ...nothingAdded(), privateNotes: 1 });
    expect(second.privateNotesLeftOut).toEqual([]);
    const third = await run({ credentials });
    expect(third.added).toEqual(nothingAdded());
    expect(await countOf(target, 'interactions')).toBe(counts.interactions);
    expect(await countOf(target, 'coaching_notes')).toBe(2);
    const { position_ms } = await target.query
      .selectFrom('playback_positions')
      .select('position_ms')
      .executeTakeFirstOrThrow();
    expect(position_ms).toBe(54_321);
  });

  it('the private note is ciphertext in the team database, in no cell as text', async () => {
    const cells = await everyCell({ database: target } as Backend);
    expect([...cells].filter(([, text]) => text.includes(sharedWord)).map(([table]) => table)).toEqual([
      'coaching_notes',
    ]);
    for (const [table, text] of cells) expect(text.includes(secretWord), table).toBe(false);
  });

  it('on the team server, she reads her private note after logging in with her team password; Sam sees the rest', async () => {
    const renderer = rendererFolder();
    const server = await teamProcess(url, renderer.dir);
    try {
      const login = async (username: string, password: string) => {
        const answer = await callServer(server.server, 'session.login', { username, password });
        expect(answer.status, answer.text()).toBe(200);
        return cookieFrom(answer);
      };
      const ok = async <T>(cookie: string, method: string, payload: unknown) => {
        const reply = (await callServer(server.server, method, payload, { cookie })).json();
        if (!reply.ok) throw new Error(`${method}: ${reply.error?.code}: ${reply.error?.message}`);
        return reply.value as T;
      };
      const { id: sessionId } = await target.query
        .selectFrom('coaching_sessions')
        .select('id')
        .executeTakeFirstOrThrow();
      // The workstation does not know which teams a lead leads: the administrator says so, as for anyone.
      const sales = await target.query.selectFrom('teams').select('id').executeTakeFirstOrThrow();
      const lenaId = (await findLogin(target.query, 'lena'))!.profileId;
      await updateAccount(target, { id: lenaId, teams: [sales.id] });
      const lena = await login('lena', LENA_PW);
      const hers = await ok<CoachingNote[]>(lena, 'coaching.notes', { sessionId });
      expect(hers.map((note) => [note.private, note.author.name])).toEqual([
        [false, 'Lena Lead'],
        [true, 'Lena Lead'],
      ]);
      expect(hers[1]!.body).toBe(`Anna told me ${secretWord}; between us.`);
      const session = await ok<CoachingSession>(lena, 'coaching.get', { id: sessionId });
      expect(session.coach.name).toBe('Lena Lead');

      const sam = await login('sam.q', SAM_PW);
      const seen = await ok<CoachingNote[]>(sam, 'coaching.notes', { sessionId });
      expect(seen.map((note) => note.body)).toEqual([`Agreed: ${sharedWord}.`]);
      const evaluations = await target.query
        .selectFrom('evaluations as e')
        .innerJoin('reviewer_profiles as p', 'p.id', 'e.reviewer_id')
        .select(['e.id', 'e.state', 'p.name'])
        .execute();
      expect(evaluations.map(({ state, name }) => [state, name])).toEqual([['submitted', 'Samuel Q']]);
      const detail = await ok<{ overallComment: string }>(sam, 'evaluation.get', { id: evaluations[0]!.id });
      expect(detail.overallComment).toBe('Greeting was missing.');
      const { id: recordingId } = await target.query
        .selectFrom('recordings')
        .select('id')
        .executeTakeFirstOrThrow();
      const played = await send(server.server, `/media/recording/${recordingId}`, {
        headers: { Cookie: sam, Range: 'bytes=0-99' },
      });
      expect(played.status).toBe(206);
    } finally {
      await server.stop();
      renderer.cleanup();
    }
  });
});

describe('earmark team import-workstation', { timeout: 120_000 }, () => {
  it('runs from the shell: a run after the others adds nothing and says so; a bad --notes-stdin line is named', async () => {
    const args = [
      'team',
      'import-workstation',
      '--data',
      workstation.dir,
      '--database',
      url,
      '--map',
      'Sam Quality=sam.q',
    ];
    const [again, badLine, inArgv] = await Promise.all([
      earmark(
        [...args, '--notes-stdin'],
        `${JSON.stringify({ profile: 'Lena Lead', passphrase: PASSPHRASE, password: LENA_PW })}\n`,
      ),
      earmark([...args, '--notes-stdin'], '{"profile": "Lena Lead"}\n'),
      earmark([...args, '--passphrase', PASSPHRASE], null),
    ]);
    expect(again.stderr).not.toContain(PASSPHRASE);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Profiles: Sam Quality → sam.q, Hanna Koch → hanna, Lena Lead → lena.');
    expect(again.stdout).toContain('Added 0 calls and chats (0 recordings), 0 moments, 0 evaluations');
    expect(again.stdout).toContain(
      '0 wow reels, 0 mystery scenarios, 0 mystery shops, 0 review-queue plans with 0 weekly draws, 0 playback positions.',
    );
    expect(again.stdout).toContain(
      'Not copied: 1 review-queue plans: the team has a different plan of the same name ("Chats only")',
    );
    expect(badLine.code).toBe(1);
    expect(badLine.stderr).toMatch(
      /--notes-stdin: line 1 needs exactly "profile", "passphrase" and "password"/,
    );
    expect(inArgv.code).toBe(1);
    expect(inArgv.stderr).toMatch(/read from standard input only/);
  });
});
