import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { EvaluationDetail } from '../../../shared/api/methods/evaluations';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import type { Moment } from '../../../shared/api/methods/review';
import type { RubricDetail, RubricSummary } from '../../../shared/api/methods/rubrics';
import { draftFromRubric } from '../../../shared/api/methods/rubric-draft';
import { defaultRubric } from '../../../shared/rubric/defaults';
import { serializeRubric } from '../../../shared/rubric/json';
import { call } from '../../support/backend';
import { describeEachEngine } from '../../support/engines';
import { refused, seedCall, smallDraft } from '../evaluations/fixture';
import {
  ANNA_PASSPHRASE,
  create,
  list,
  select,
  setPassphrase,
  workstation,
  type Workstation,
} from './fixture';

/**
 * One way to know who is acting: the current profile (unlocked when it has a passphrase), found by the
 * dispatch for every call. A payload never names who acts; writes need somebody acting; a moment is
 * changed by its author only; and calls the renderer makes on its own keep no profile unlocked.
 */

let ws: Workstation;
let anna: ReviewerProfile;
let bob: ReviewerProfile;
let rubric: RubricDetail;
let interactionId: number;
let annasDraft: EvaluationDetail;
let n = 0;

// One workstation for the file; each test gets its own Anna (current and unlocked, with a draft on her
// own rubric and call) and Bob without a passphrase. The two tests about a workstation where nobody
// was ever chosen open one of their own.
beforeAll(async () => {
  ws = await workstation();
});
afterAll(() => ws.close());
beforeEach(async () => {
  n++;
  bob = await create(ws.backend, `Bob Quality ${n}`, 'qa_supervisor');
  anna = await create(ws.backend, `Anna Lead ${n}`);
  await setPassphrase(ws.backend, anna.id, ANNA_PASSPHRASE);
  interactionId = await seedCall(ws.backend, `Refund refused twice ${n}`);
  rubric = await call<RubricDetail>(ws.backend, 'rubric.create', { name: `Billing ${n}`, language: 'en' });
  rubric = await call<RubricDetail>(ws.backend, 'rubric.publish', {
    id: rubric.id,
    draft: smallDraft(`Billing ${n}`),
  });
  annasDraft = await call<EvaluationDetail>(ws.backend, 'evaluation.start', {
    interactionId,
    rubricId: rubric.id,
  });
});

const revisionOf = async (id: number) =>
  (await call<EvaluationDetail>(ws.backend, 'evaluation.get', { id })).revision;

describeEachEngine('who acts', () => {
  it('is the current profile, recorded on what it writes', () => {
    expect(annasDraft.reviewer).toMatchObject({ id: anna.id, name: anna.name });
    expect(rubric.latestVersion?.publishedBy).toMatchObject({ id: anna.id });
  });

  it('is never taken from the payload: a field naming a reviewer is refused, naming it', async () => {
    // Anna is current and unlocked; Bob has no passphrase, which used to let anybody name him.
    const namingBob: [string, Record<string, unknown>][] = [
      ['evaluation.start', { interactionId, rubricId: rubric.id, reviewerId: bob.id }],
      ['evaluation.saveDraft', { id: annasDraft.id, reviewerId: bob.id, answers: [] }],
      ['evaluation.submit', { id: annasDraft.id, reviewerId: bob.id }],
      ['evaluation.discard', { id: annasDraft.id, reviewerId: bob.id }],
      ['evaluation.reopen', { id: annasDraft.id, reviewerId: bob.id, reason: 'typo in a comment' }],
      ['rubric.create', { reviewerId: bob.id, name: 'Mystery', language: 'en' }],
      ['rubric.publish', { id: rubric.id, reviewerId: bob.id, draft: smallDraft(`Billing ${n} v2`) }],
      ['rubric.import', { reviewerId: bob.id, json: serializeRubric({ ...defaultRubric('en'), id: 'x' }) }],
      ['moment.create', { interactionId, startMs: 1000, authorId: bob.id }],
      ['coaching.create', { agentId: 1, heldOn: '2026-11-02', coachId: bob.id }],
    ];
    for (const [method, params] of namingBob) {
      const error = await refused(ws.backend, method, params);
      expect(error.code, method).toBe('invalid_params');
      expect(error.message, method).toMatch(/reviewerId|authorId|coachId/);
    }
    const asBob = await ws.backend.database.query
      .selectFrom('evaluation_audit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('reviewer_id', '=', bob.id)
      .executeTakeFirstOrThrow();
    expect(Number(asBob.n)).toBe(0);
    expect(await revisionOf(annasDraft.id)).toBe(annasDraft.revision);
  });

  it('is nobody while the current profile is locked: every write in someone’s name waits for the passphrase', async () => {
    await call(ws.backend, 'profile.lock');
    const draft = draftFromRubric(rubric.latest!);
    const writes: [string, Record<string, unknown>][] = [
      ['evaluation.start', { interactionId, rubricId: rubric.id }],
      [
        'evaluation.saveDraft',
        { id: annasDraft.id, answers: [{ itemId: 'greeting', value: { kind: 'yes' } }] },
      ],
      ['evaluation.submit', { id: annasDraft.id }],
      ['evaluation.discard', { id: annasDraft.id }],
      ['rubric.create', { name: 'Mystery', language: 'en' }],
      [
        'rubric.saveDraft',
        { id: rubric.id, version: rubric.draftVersion, draft: { ...draft, name: 'Renamed while locked' } },
      ],
      ['rubric.discardDraft', { id: rubric.id }],
      ['rubric.publish', { id: rubric.id, draft: smallDraft(`Billing ${n} v2`) }],
      ['rubric.import', { json: serializeRubric({ ...defaultRubric('en'), id: 'imported' }) }],
      ['moment.create', { interactionId, startMs: 1000 }],
      ['coaching.create', { agentId: 1, heldOn: '2026-11-02' }],
      ['reel.create', { title: 'Best of', momentIds: [] }],
      ['mystery.query', { id: 1, reason: 'Was this really Berlin?' }],
    ];
    for (const [method, params] of writes) {
      expect(await refused(ws.backend, method, params), method).toEqual({
        code: 'locked',
        message: `Profile ${anna.name} is locked: enter its passphrase.`,
      });
    }
    expect(await revisionOf(annasDraft.id)).toBe(annasDraft.revision);
    expect((await call<RubricDetail>(ws.backend, 'rubric.get', { id: rubric.id })).draft).toBeNull();
    await select(ws.backend, anna.id, ANNA_PASSPHRASE);
  });

  it('is nobody before a profile is chosen: a rubric draft is neither saved nor discarded', async () => {
    const fresh = await workstation();
    try {
      const [builtIn] = await call<RubricSummary[]>(fresh.backend, 'rubric.list');
      const detail = await call<RubricDetail>(fresh.backend, 'rubric.get', { id: builtIn!.id });
      const draft = { ...draftFromRubric(detail.latest!), name: 'Edited by nobody' };
      const nobody = { code: 'not_allowed', message: 'Choose or create your reviewer profile first.' };
      expect(
        await refused(fresh.backend, 'rubric.saveDraft', { id: builtIn!.id, draft, version: 0 }),
      ).toEqual(nobody);
      expect(await refused(fresh.backend, 'rubric.discardDraft', { id: builtIn!.id })).toEqual(nobody);
      expect((await call<RubricDetail>(fresh.backend, 'rubric.get', { id: builtIn!.id })).draft).toBeNull();
    } finally {
      await fresh.close();
    }
  });
});

describeEachEngine('a moment', () => {
  it('is changed, deleted and brought back by its author only', async () => {
    const annas = await call<Moment>(ws.backend, 'moment.create', {
      interactionId,
      startMs: 2000,
      comment: 'Greets by name',
    });
    expect(annas.authorId).toBe(anna.id);
    await select(ws.backend, bob.id);
    const notBobs = {
      code: 'not_allowed',
      message: `Moment ${annas.id} was pinned by ${anna.name}: only they can change or delete it.`,
    };
    expect(await refused(ws.backend, 'moment.update', { id: annas.id, comment: 'Rewritten' })).toEqual(
      notBobs,
    );
    expect(await refused(ws.backend, 'moment.delete', { id: annas.id })).toEqual(notBobs);
    // Bob's own moment is his to change.
    const bobs = await call<Moment>(ws.backend, 'moment.create', { interactionId, startMs: 3000 });
    expect(bobs.authorId).toBe(bob.id);
    await call(ws.backend, 'moment.update', { id: bobs.id, comment: 'Mine' });

    // Anna deletes hers; Bob cannot bring it back, she can.
    await select(ws.backend, anna.id, ANNA_PASSPHRASE);
    await call(ws.backend, 'moment.delete', { id: annas.id });
    await select(ws.backend, bob.id);
    expect(await refused(ws.backend, 'moment.restore', { id: annas.id })).toEqual(notBobs);
    await select(ws.backend, anna.id, ANNA_PASSPHRASE);
    const back = await call<Moment>(ws.backend, 'moment.restore', { id: annas.id });
    expect(back).toMatchObject({ id: annas.id, comment: 'Greets by name', authorId: anna.id });
  });

  it('is not changed as its locked author', async () => {
    const annas = await call<Moment>(ws.backend, 'moment.create', { interactionId, startMs: 4000 });
    await call(ws.backend, 'profile.lock');
    const error = await refused(ws.backend, 'moment.update', { id: annas.id, comment: 'Anyone?' });
    expect(error.code).toBe('locked');
    await select(ws.backend, anna.id, ANNA_PASSPHRASE);
  });

  it('pinned before any profile was chosen is anybody’s; one pinned by a profile is not', async () => {
    const fresh = await workstation();
    try {
      const id = await seedCall(fresh.backend, 'Before profiles');
      const nobodys = await call<Moment>(fresh.backend, 'moment.create', { interactionId: id, startMs: 500 });
      expect(nobodys.authorId).toBeNull();
      await call(fresh.backend, 'moment.update', { id: nobodys.id, comment: 'Still without a profile' });
      const carl = await create(fresh.backend, 'Carl Team');
      const edited = await call<Moment>(fresh.backend, 'moment.update', { id: nobodys.id, comment: 'Carl' });
      expect(edited).toMatchObject({ comment: 'Carl', authorId: null });
      const carls = await call<Moment>(fresh.backend, 'moment.create', { interactionId: id, startMs: 900 });
      expect(carls.authorId).toBe(carl.id);
      await create(fresh.backend, 'Dora Team');
      expect((await refused(fresh.backend, 'moment.delete', { id: carls.id })).code).toBe('not_allowed');
    } finally {
      await fresh.close();
    }
  });
});

describeEachEngine('the idle lock', () => {
  it('is not held off by the playback position the player saves every 5 seconds', async () => {
    await select(ws.backend, anna.id, ANNA_PASSPHRASE);
    await call(ws.backend, 'rubric.list'); // the last thing the person did
    for (let second = 5; second < 15 * 60; second += 5) {
      ws.advance(5000);
      await call(ws.backend, 'playback.save', { interactionId, positionMs: second * 1000 });
    }
    expect((await list(ws.backend)).currentLocked).toBe(false);
    ws.advance(5000); // 15 minutes since rubric.list
    await call(ws.backend, 'playback.save', { interactionId, positionMs: 900_000 });
    expect(await list(ws.backend)).toMatchObject({ currentId: anna.id, currentLocked: true });
  });
});
