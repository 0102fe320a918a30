import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CoachingNote, CoachingSession } from '../../../shared/api/methods/coaching';
import type { EvaluationDetail } from '../../../shared/api/methods/evaluations';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import type { RubricDetail } from '../../../shared/api/methods/rubrics';
import { writeCurrentProfile } from '../../../electron/backend/services/profiles/profiles';
import { call } from '../../support/backend';
import { describeEachEngine } from '../../support/engines';
import { publishSmallRubric, refused, seedCall } from '../evaluations/fixture';
import {
  ANNA_PASSPHRASE,
  BOB_PASSPHRASE,
  create,
  select,
  setPassphrase,
  workstation,
  type Workstation,
} from './fixture';

/**
 * Who acts is found in one statement before every call (the autosave's hot path), never remembered from
 * one call to the next: a lock, a switch of profile or a new passphrase counts from the very next call,
 * with nothing read in between.
 */

let ws: Workstation;
let anna: ReviewerProfile;
let bob: ReviewerProfile;
let rubric: RubricDetail;
let draft: EvaluationDetail;

// Anna current and unlocked, with a draft on a call; Bob without a passphrase.
beforeEach(async () => {
  ws = await workstation();
  bob = await create(ws.backend, 'Bob Quality', 'qa_supervisor');
  anna = await create(ws.backend, 'Anna Lead');
  await setPassphrase(ws.backend, anna.id, ANNA_PASSPHRASE);
  rubric = await publishSmallRubric(ws.backend, anna.id);
  draft = await start('Refund refused twice');
});
afterEach(() => ws.close());

const start = async (title: string) =>
  call<EvaluationDetail>(ws.backend, 'evaluation.start', {
    interactionId: await seedCall(ws.backend, title),
    rubricId: rubric.id,
  });
const save = (comment: string) =>
  ws.backend.dispatch('evaluation.saveDraft', {
    id: draft.id,
    answers: [{ itemId: 'greeting', comment }],
  });

describeEachEngine('who acts, found for every call', () => {
  it('is nobody from the call right after a lock: the next autosave and private note are refused', async () => {
    const sessionId = (
      await call<CoachingSession>(ws.backend, 'coaching.create', { agentId: 1, heldOn: '2026-11-02' })
    ).id;
    expect(await save('Gave her name')).toMatchObject({ ok: true, value: { revision: 1 } });
    await call(ws.backend, 'profile.lock');
    expect(await refused(ws.backend, 'evaluation.saveDraft', { id: draft.id, answers: [] })).toEqual({
      code: 'locked',
      message: 'Profile Anna Lead is locked: enter its passphrase.',
    });
    expect(
      (await refused(ws.backend, 'coaching.noteAdd', { sessionId, body: 'Too quiet', private: true })).code,
    ).toBe('locked');
    // Nothing was counted while locked; unlocked, the very next save counts on.
    await select(ws.backend, anna.id, ANNA_PASSPHRASE);
    expect(await save('Gave her name.')).toMatchObject({ ok: true, value: { revision: 2 } });
    const note = await call<CoachingNote>(ws.backend, 'coaching.noteAdd', {
      sessionId,
      body: 'Too quiet',
      private: true,
    });
    expect(note).toMatchObject({ private: true, body: 'Too quiet', author: { id: anna.id } });
  });

  it('is the profile just switched to, from the next call on', async () => {
    await select(ws.backend, bob.id);
    expect((await start('Address change')).reviewer.id).toBe(bob.id);
    await select(ws.backend, anna.id, ANNA_PASSPHRASE);
    expect((await start('Late delivery')).reviewer.id).toBe(anna.id);
    expect((await save('Gave her name')).ok).toBe(true);
  });

  it('needs the passphrase set a moment ago once locked, naming the profile', async () => {
    await select(ws.backend, bob.id);
    await setPassphrase(ws.backend, bob.id, BOB_PASSPHRASE);
    expect((await start('Address change')).reviewer.id).toBe(bob.id);
    await call(ws.backend, 'profile.lock');
    expect(await refused(ws.backend, 'evaluation.start', { interactionId: 1, rubricId: rubric.id })).toEqual({
      code: 'locked',
      message: 'Profile Bob Quality is locked: enter its passphrase.',
    });
  });

  it('follows the saved current profile, however it changed, and is nobody when none is chosen', async () => {
    // Written past the session (as the tests' asProfile does): nothing may hold on to the last answer.
    await writeCurrentProfile(ws.backend.database.query, bob.id);
    expect((await start('Address change')).reviewer.id).toBe(bob.id);
    await writeCurrentProfile(ws.backend.database.query, 0);
    expect(await refused(ws.backend, 'evaluation.start', { interactionId: 1, rubricId: rubric.id })).toEqual({
      code: 'not_allowed',
      message: 'Choose or create your reviewer profile first.',
    });
    await writeCurrentProfile(ws.backend.database.query, anna.id);
    expect((await save('Gave her name')).ok).toBe(true);
  });
});
