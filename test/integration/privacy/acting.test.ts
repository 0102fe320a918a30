import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationDetail } from '../../../shared/api/methods/evaluations';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import type { RubricDetail } from '../../../shared/api/methods/rubrics';
import { defaultRubric } from '../../../shared/rubric/defaults';
import { serializeRubric } from '../../../shared/rubric/json';
import { call } from '../../support/backend';
import { refused, seedInteraction, smallDraft } from '../evaluations/fixture';
import { ANNA_PASSPHRASE, create, select, setPassphrase, workstation, type Workstation } from './fixture';

/**
 * Nobody acts as a locked profile: every write that names a reviewer is refused (`locked`) for a
 * passphrase profile unless it is the unlocked current one. Profiles without a passphrase work as before.
 */

let ws: Workstation;
let anna: ReviewerProfile;
let bob: ReviewerProfile;
let rubric: RubricDetail;
let interactionId: number;
let draft: EvaluationDetail;

beforeAll(async () => {
  ws = await workstation();
  bob = await create(ws.backend, 'Bob Quality', 'qa_supervisor');
  anna = await create(ws.backend, 'Anna Lead');
  await setPassphrase(ws.backend, anna.id, ANNA_PASSPHRASE);
  interactionId = seedInteraction(ws.backend.db, 'Refund refused twice');
  rubric = await call<RubricDetail>(ws.backend, 'rubric.create', {
    reviewerId: anna.id,
    name: 'Billing',
    language: 'en',
  });
  rubric = await call<RubricDetail>(ws.backend, 'rubric.publish', {
    id: rubric.id,
    reviewerId: anna.id,
    draft: smallDraft(),
  });
  draft = await call<EvaluationDetail>(ws.backend, 'evaluation.start', {
    interactionId,
    rubricId: rubric.id,
    reviewerId: anna.id,
  });
});
afterAll(() => ws.close());

/** Every write naming Anna as the reviewer, each valid apart from who makes it. */
const writesAsAnna = (): [string, Record<string, unknown>][] => [
  ['evaluation.start', { interactionId, rubricId: rubric.id, reviewerId: anna.id }],
  [
    'evaluation.saveDraft',
    { id: draft.id, reviewerId: anna.id, answers: [{ itemId: 'greeting', value: { kind: 'yes' } }] },
  ],
  ['evaluation.submit', { id: draft.id, reviewerId: anna.id }],
  ['evaluation.discard', { id: draft.id, reviewerId: anna.id }],
  ['rubric.create', { reviewerId: anna.id, name: 'Mystery', language: 'en' }],
  ['rubric.publish', { id: rubric.id, reviewerId: anna.id, draft: smallDraft('Billing v2') }],
  [
    'rubric.import',
    { reviewerId: anna.id, json: serializeRubric({ ...defaultRubric('en'), id: 'imported' }) },
  ],
];

describe('a locked profile', () => {
  it('cannot be written as, by any method that names a reviewer', async () => {
    await call(ws.backend, 'profile.lock');
    for (const [method, params] of writesAsAnna()) {
      expect(await refused(ws.backend, method, params), method).toEqual({
        code: 'locked',
        message: 'Profile Anna Lead is locked: enter its passphrase.',
      });
    }
    // A submitted evaluation cannot be reopened as her either.
    ws.backend.db
      .prepare(`UPDATE evaluations SET state = 'submitted', submitted_at = updated_at WHERE id = ?`)
      .run(draft.id);
    const reopen = await refused(ws.backend, 'evaluation.reopen', {
      id: draft.id,
      reviewerId: anna.id,
      reason: 'typo',
    });
    expect(reopen.code).toBe('locked');
    ws.backend.db
      .prepare(`UPDATE evaluations SET state = 'draft', submitted_at = NULL WHERE id = ?`)
      .run(draft.id);
    // Nothing was written on her behalf.
    expect((await call<EvaluationDetail>(ws.backend, 'evaluation.get', { id: draft.id })).revision).toBe(
      draft.revision,
    );
  });

  it('cannot be written as while another profile is current, even a profile without a passphrase', async () => {
    await select(ws.backend, bob.id);
    expect((await refused(ws.backend, 'evaluation.start', writesAsAnna()[0]![1])).code).toBe('locked');
    // Bob himself (no passphrase) works as before.
    const bobs = await call<EvaluationDetail>(ws.backend, 'evaluation.start', {
      interactionId,
      rubricId: rubric.id,
      reviewerId: bob.id,
    });
    await call(ws.backend, 'evaluation.saveDraft', { id: bobs.id, reviewerId: bob.id, answers: [] });
  });

  it('can be written as once unlocked', async () => {
    await select(ws.backend, anna.id, ANNA_PASSPHRASE);
    const saved = await call<{ revision: number }>(ws.backend, 'evaluation.saveDraft', writesAsAnna()[1]![1]);
    expect(saved.revision).toBe(draft.revision + 1);
    await call(ws.backend, 'rubric.create', { reviewerId: anna.id, name: 'Mystery', language: 'en' });
    // A profile without a passphrase may still be named by anyone (as before passphrases existed).
    await call(ws.backend, 'evaluation.start', { interactionId, rubricId: rubric.id, reviewerId: bob.id });
  });
});
