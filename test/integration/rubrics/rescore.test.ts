import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { EvaluationDetail } from '../../../shared/api/methods/evaluations';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import type { RescorePreview, RubricDetail } from '../../../shared/api/methods/rubrics';
import type { AnswerValue } from '../../../shared/rubric/answers';
import { call, callAs } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import {
  createProfile,
  draftItem,
  refused,
  seedCall,
  smallDraft,
  publishSmallRubric,
} from '../evaluations/fixture';

let backend: Backend;
let cleanup: () => Promise<void>;
let maria: ReviewerProfile;
let rubric: RubricDetail;

const yes: AnswerValue = { kind: 'yes' };
const no: AnswerValue = { kind: 'no' };
const scale = (value: number): AnswerValue => ({ kind: 'scale', value });

/** Scores a new call on the rubric and submits it. */
async function submitted(title: string, greeting: AnswerValue, polite: AnswerValue, knowledge: AnswerValue) {
  const interactionId = await seedCall(backend, title);
  const evaluation = await callAs<EvaluationDetail>(backend, maria.id, 'evaluation.start', {
    interactionId,
    rubricId: rubric.id,
  });
  await callAs(backend, maria.id, 'evaluation.saveDraft', {
    id: evaluation.id,
    answers: [
      { itemId: 'greeting', value: greeting },
      { itemId: 'polite', value: polite, comment: polite.kind === 'no' ? 'Sarcastic remark at 1:02' : '' },
      { itemId: 'knowledge', value: knowledge },
    ],
  });
  return callAs<EvaluationDetail>(backend, maria.id, 'evaluation.submit', { id: evaluation.id });
}

/** Three submitted evaluations, set up once: the previews only read them. */
beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  maria = await createProfile(backend, 'Maria Lind');
  rubric = await publishSmallRubric(backend, maria.id);
  await submitted('First', yes, yes, scale(2)); // 4/4 = 100 %
  await submitted('Second', no, yes, scale(1)); // 2/4 = 50 %
  await submitted('Third', yes, no, scale(2)); // critical fail
});
afterAll(() => cleanup());

describeEachEngine('previewing how a change re-scores the latest evaluations', () => {
  it('shows old and new scores side by side, newest first, answers carried over by item id', async () => {
    const draft = smallDraft();
    // Greeting goes, knowledge becomes a 0-1 scale (a 2 no longer fits), a new item arrives unanswered.
    draft.sections[0]!.items.shift();
    draft.sections[1]!.items[0]!.max = 1;
    draft.sections[1]!.items.push(draftItem('documentation', 'Documentation'));
    const preview = await call<RescorePreview>(backend, 'rubric.previewRescore', {
      id: rubric.id,
      draft,
      limit: 2,
    });
    expect(preview.total).toBe(3);
    expect(preview.evaluations.map((e) => e.interactionTitle)).toEqual(['Third', 'Second']);

    const [third, second] = preview.evaluations;
    expect(third!.before).toMatchObject({ result: 'criticalFail', percent: 0 });
    expect(third!.after).toMatchObject({ result: 'criticalFail', percent: 0 });
    expect(third!).toMatchObject({ carried: 1, dropped: 2 });

    expect(second!.before).toMatchObject({ result: 'belowTarget', percent: 50, passMark: 80 });
    // Polite (yes) and knowledge 1 carry over: 2 of 2 points; the rest is unanswered now.
    expect(second!.after.percent).toBe(100);
    expect(second!.after.result).toBe('incomplete');
    expect(second!).toMatchObject({ carried: 2, dropped: 1 });
    expect(second!.after.sections.map((s) => [s.sectionId, s.percent])).toEqual([
      ['courtesy', 100],
      ['competence', 100],
    ]);
  });

  it('changes nothing when the draft only reweights, apart from the figures', async () => {
    const draft = smallDraft();
    draft.sections[0]!.items[0]!.weight = 3;
    const preview = await call<RescorePreview>(backend, 'rubric.previewRescore', { id: rubric.id, draft });
    const second = preview.evaluations.find((e) => e.interactionTitle === 'Second')!;
    // Greeting (no) now weighs 3: (0 + 1 + 1) of (3 + 1 + 2) points.
    expect(second.after.percent).toBe(33.3);
    expect(second.before.percent).toBe(50);
    expect(second.dropped).toBe(0);
  });

  it('shows the outcomes a new pass mark would change, a critical fail staying one', async () => {
    const draft = { ...smallDraft(), passMark: 50 };
    const preview = await call<RescorePreview>(backend, 'rubric.previewRescore', { id: rubric.id, draft });
    const outcome = (title: string) => {
      const row = preview.evaluations.find((e) => e.interactionTitle === title)!;
      return [row.before.result, row.after.result, row.after.passMark];
    };
    expect(outcome('First')).toEqual(['pass', 'pass', 50]);
    expect(outcome('Second')).toEqual(['belowTarget', 'pass', 50]); // exactly 50 % passes 50
    expect(outcome('Third')).toEqual(['criticalFail', 'criticalFail', 50]);
    const stricter = await call<RescorePreview>(backend, 'rubric.previewRescore', {
      id: rubric.id,
      draft: { ...smallDraft(), passMark: 100 },
    });
    expect(stricter.evaluations.find((e) => e.interactionTitle === 'First')!.after.result).toBe('pass');
  });

  it('refuses to preview an invalid draft, saying why', async () => {
    const draft = smallDraft();
    draft.sections[0]!.items[0]!.type = 'choice';
    const error = await refused(backend, 'rubric.previewRescore', { id: rubric.id, draft });
    expect(error).toMatchObject({
      code: 'invalid_params',
      message: expect.stringMatching(/options must have at least 2/),
    });
  });
});
