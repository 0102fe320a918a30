import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type {
  DraftSaved,
  EvaluationDetail,
  EvaluationSummary,
} from '../../../shared/api/methods/evaluations';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import type { RubricDetail, RubricSummary } from '../../../shared/api/methods/rubrics';
import { asProfile, call, callAs } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { countEngineQueries } from '../../support/query-count';
import { createProfile, refused, refusedAs, publishSmallRubric, seedCall } from './fixture';

let backend: Backend;
let cleanup: () => Promise<void>;
let maria: ReviewerProfile;
let jussi: ReviewerProfile;
let rubric: RubricDetail;
let interactionId: number;
let evaluation: EvaluationDetail;

const save = (answers: unknown[], extra: Record<string, unknown> = {}) =>
  callAs<DraftSaved>(backend, maria.id, 'evaluation.saveDraft', {
    id: evaluation.id,
    answers,
    ...extra,
  });
const reload = async () =>
  (evaluation = await call<EvaluationDetail>(backend, 'evaluation.get', { id: evaluation.id }));

/** Each test on a fresh database of the engine under test, with Maria's draft of the call just started. */
beforeEach(async () => {
  ({ backend, cleanup } = await engineBackend());
  maria = await createProfile(backend, 'Maria Lind');
  jussi = await createProfile(backend, 'Jussi Koski', 'team_lead');
  rubric = await publishSmallRubric(backend, maria.id);
  interactionId = await seedCall(backend, 'Double charge on invoice');
  evaluation = await callAs<EvaluationDetail>(backend, maria.id, 'evaluation.start', {
    interactionId,
    rubricId: rubric.id,
  });
});
afterEach(() => cleanup());

/** Maria's evaluation filled in and submitted: a friendly greeting, but a rude remark (a critical fail). */
async function submittedCriticalFail(): Promise<void> {
  await save(
    [
      { itemId: 'greeting', value: { kind: 'yes' }, comment: 'Gave her name' },
      { itemId: 'polite', value: { kind: 'no' }, comment: '"As I told you twice already…"' },
      { itemId: 'knowledge', value: { kind: 'scale', value: 2 } },
    ],
    { overallComment: 'Friendly call.' },
  );
  evaluation = await callAs<EvaluationDetail>(backend, maria.id, 'evaluation.submit', { id: evaluation.id });
}

/** A moment pinned on a call, written through the query layer (moments are another area's service). */
async function pinMoment(onInteraction: number): Promise<number> {
  const at = '2026-11-02T10:00:00.000Z';
  const { id } = await backend.database.query
    .insertInto('moments')
    .values({
      interaction_id: onInteraction,
      start_ms: 1000,
      author_id: maria.id,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The database's refusal of a statement, as text ('' when it ran). */
async function refusal(statement: ReturnType<typeof sql>): Promise<string> {
  try {
    await statement.execute(backend.database.query);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

describeEachEngine('evaluations', (engine) => {
  describe('starting an evaluation', () => {
    it('starts a draft on the latest version, with the reviewer and an audit entry', () => {
      expect(evaluation).toMatchObject({
        state: 'draft',
        revision: 0,
        interactionTitle: 'Double charge on invoice',
        agentName: 'Anna Berg',
        rubricName: 'Billing calls',
        rubricVersion: 1,
        reviewer: { name: 'Maria Lind', role: 'qa_supervisor' },
        answers: [],
        score: { result: 'incomplete', percent: null },
      });
      expect(evaluation.audit.map((a) => [a.action, a.reviewer.name])).toEqual([['started', 'Maria Lind']]);
    });

    it('gives back the draft as evaluation.get reads it', async () => {
      expect(evaluation).toEqual(
        await call<EvaluationDetail>(backend, 'evaluation.get', { id: evaluation.id }),
      );
    });

    it.runIf(engine === 'postgres')(
      'starts in four round trips on PostgreSQL: who acts, the checks, the draft with its audit row, the draft read back',
      async () => {
        const another = await seedCall(backend, 'Refund not received');
        const sent = await asProfile(backend, maria.id, async () => {
          const statements = countEngineQueries(backend, /[\s\S]/);
          await call(backend, 'evaluation.start', { interactionId: another, rubricId: rubric.id });
          const fresh = statements.count;
          statements.reset();
          await call(backend, 'evaluation.start', { interactionId: another, rubricId: rubric.id });
          return { fresh, again: statements.count };
        });
        // Was 14 and 12 (a transaction of four checks and two inserts, and five reads back).
        expect(sent).toEqual({ fresh: 4, again: 7 });
      },
    );

    it("gives the reviewer's open draft back instead of starting a second one", async () => {
      const again = await callAs<EvaluationDetail>(backend, maria.id, 'evaluation.start', {
        interactionId,
        rubricId: rubric.id,
      });
      expect(again.id).toBe(evaluation.id);
    });

    it('refuses a call or rubric that is not there, naming it', async () => {
      expect(
        await refusedAs(backend, maria.id, 'evaluation.start', { interactionId: 9999, rubricId: rubric.id }),
      ).toMatchObject({ code: 'not_found', message: expect.stringMatching(/^interactionId: /) });
      expect(
        await refusedAs(backend, maria.id, 'evaluation.start', { interactionId, rubricId: 9999 }),
      ).toMatchObject({ code: 'not_found', message: expect.stringMatching(/^rubricId: /) });
    });
  });

  describe('autosaving a draft', () => {
    it('saves partial changes, keeping what a change leaves out', async () => {
      expect(await save([{ itemId: 'greeting', comment: 'Gave her n' }])).toMatchObject({ revision: 1 });
      expect(await save([{ itemId: 'greeting', comment: 'Gave her name' }])).toMatchObject({ revision: 2 });
      await save([{ itemId: 'greeting', value: { kind: 'yes' } }], { overallComment: 'Friendly call.' });
      await reload();
      expect(evaluation.answers).toEqual([
        { itemId: 'greeting', value: { kind: 'yes' }, comment: 'Gave her name', momentIds: [] },
      ]);
      expect(evaluation).toMatchObject({ revision: 3, overallComment: 'Friendly call.' });
      await save([{ itemId: 'greeting', value: null }]);
      expect((await reload()).answers[0]).toMatchObject({ value: null, comment: 'Gave her name' });
    });

    it('writes answers saved together in one statement per shape, each keeping what its change leaves out', async () => {
      // Counting from before the first save: statements prepared once are counted on every run.
      const upserts = countEngineQueries(backend, /insert into "?evaluation_answers\b/i);
      await save([
        { itemId: 'greeting', value: { kind: 'yes' }, comment: 'Gave her name' },
        { itemId: 'knowledge', value: { kind: 'scale', value: 1 } },
      ]);
      upserts.reset();
      await save([
        { itemId: 'greeting', comment: 'Gave her full name' },
        { itemId: 'polite', value: { kind: 'yes' }, comment: 'Calm throughout' },
        { itemId: 'knowledge', value: { kind: 'scale', value: 2 }, comment: 'Knew the tariff' },
      ]);
      // Two shapes (a comment alone; a value with a comment): two statements, not one per answer.
      expect(upserts.count).toBe(2);
      expect((await reload()).answers).toEqual([
        { itemId: 'greeting', value: { kind: 'yes' }, comment: 'Gave her full name', momentIds: [] },
        { itemId: 'polite', value: { kind: 'yes' }, comment: 'Calm throughout', momentIds: [] },
        {
          itemId: 'knowledge',
          value: { kind: 'scale', value: 2 },
          comment: 'Knew the tariff',
          momentIds: [],
        },
      ]);
    });

    it('counts every save of several at once, losing none', async () => {
      const revisions = await asProfile(backend, maria.id, () =>
        Promise.all(
          Array.from({ length: 12 }, (_, n) =>
            call<DraftSaved>(backend, 'evaluation.saveDraft', {
              id: evaluation.id,
              answers: [{ itemId: 'greeting', comment: `Note ${n}` }],
            }),
          ),
        ),
      );
      expect(revisions.map((saved) => saved.revision).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 12 }, (_, n) => n + 1),
      );
      expect((await reload()).revision).toBe(12);
    });

    it('refuses answers the rubric version cannot take, and writes nothing of that save', async () => {
      await save([{ itemId: 'greeting', value: { kind: 'no' } }]);
      const before = (await reload()).revision;
      const cases: [unknown[], RegExp][] = [
        [[{ itemId: 'closing', value: { kind: 'yes' } }], /has no item 'closing'/],
        [[{ itemId: 'greeting', value: { kind: 'scale', value: 1 } }], /a yes\/no item takes yes or no/],
        [[{ itemId: 'knowledge', value: { kind: 'scale', value: 3 } }], /above the item's maximum 2/],
        [[{ itemId: 'polite', value: { kind: 'na' } }], /n\.a\. is not allowed/],
        [
          [
            { itemId: 'greeting', value: { kind: 'yes' } },
            { itemId: 'knowledge', value: { kind: 'stars' } },
          ],
          /unknown answer kind 'stars'/,
        ],
      ];
      for (const [answers, message] of cases) {
        const error = await refusedAs(backend, maria.id, 'evaluation.saveDraft', {
          id: evaluation.id,
          answers,
        });
        expect(error.code).toBe('invalid_params');
        expect(error.message).toMatch(message);
      }
      expect((await reload()).revision).toBe(before);
      expect(evaluation.answers).toEqual([
        { itemId: 'greeting', value: { kind: 'no' }, comment: '', momentIds: [] },
      ]);
    });

    it("links answers to this interaction's moments only; a deleted moment drops out", async () => {
      const moment = await pinMoment(interactionId);
      const second = await pinMoment(interactionId);
      const elsewhere = await pinMoment(await seedCall(backend, 'Another call'));
      const error = await refusedAs(backend, maria.id, 'evaluation.saveDraft', {
        id: evaluation.id,
        answers: [{ itemId: 'polite', momentIds: [moment, elsewhere] }],
      });
      expect(error.message).toMatch(/this interaction's moments/);
      await save([{ itemId: 'polite', momentIds: [second, moment] }]);
      expect((await reload()).answers.find((a) => a.itemId === 'polite')!.momentIds).toEqual([
        moment,
        second,
      ]);
      await backend.database.query.deleteFrom('moments').where('id', '=', moment).execute();
      expect((await reload()).answers.find((a) => a.itemId === 'polite')!.momentIds).toEqual([second]);
      await save([{ itemId: 'polite', momentIds: [] }]);
      expect((await reload()).answers.find((a) => a.itemId === 'polite')!.momentIds).toEqual([]);
    });

    it('saves as the acting profile: a payload naming a reviewer is refused, naming the field', async () => {
      const error = await refused(backend, 'evaluation.saveDraft', {
        id: evaluation.id,
        reviewerId: maria.id,
        answers: [],
      });
      expect(error.code).toBe('invalid_params');
      expect(error.message).toMatch(/reviewerId/);
    });
  });

  describe('submitting, reopening and the audit trail', () => {
    it('refuses an incomplete evaluation, saying what is missing', async () => {
      await save([
        { itemId: 'greeting', value: { kind: 'yes' } },
        { itemId: 'polite', value: { kind: 'no' } },
      ]);
      const first = await refusedAs(backend, maria.id, 'evaluation.submit', { id: evaluation.id });
      expect(first.code).toBe('conflict');
      expect(first.message).toContain('1 item is not answered (Product knowledge)');
      expect(first.message).toContain('a comment is required where these items fail: Polite tone');
      // A critical fail is a result, but not a complete evaluation: the comment is still owed.
      expect((await reload()).score.result).toBe('criticalFail');
      await save([{ itemId: 'knowledge', value: { kind: 'scale', value: 2 } }]);
      const second = await refusedAs(backend, maria.id, 'evaluation.submit', { id: evaluation.id });
      expect(second.message).not.toContain('not answered');
      expect(second.message).toContain('Polite tone');
    });

    it('submits a complete evaluation: a critical fail gives 0 %, the section figures stay', async () => {
      await save([
        { itemId: 'greeting', value: { kind: 'yes' } },
        { itemId: 'polite', value: { kind: 'no' } },
        { itemId: 'knowledge', value: { kind: 'scale', value: 2 } },
      ]);
      await save([{ itemId: 'polite', comment: '"As I told you twice already…"' }]);
      evaluation = await callAs<EvaluationDetail>(backend, maria.id, 'evaluation.submit', {
        id: evaluation.id,
      });
      expect(evaluation.state).toBe('submitted');
      expect(evaluation.submittedAt).not.toBeNull();
      expect(evaluation.score).toEqual({
        result: 'criticalFail',
        passMark: 80,
        percent: 0,
        sections: [
          { sectionId: 'courtesy', title: 'Courtesy', percent: 50 },
          { sectionId: 'competence', title: 'Competence', percent: 100 },
        ],
      });
      const stored = await backend.database.query
        .selectFrom('evaluations')
        .select(['score_percent', 'score_outcome'])
        .where('id', '=', evaluation.id)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ score_percent: 0, score_outcome: 'criticalFail' });
    });

    it('locks a submitted evaluation, also against SQL', async () => {
      await submittedCriticalFail();
      const error = await refusedAs(backend, maria.id, 'evaluation.saveDraft', {
        id: evaluation.id,
        answers: [{ itemId: 'greeting', value: { kind: 'no' } }],
      });
      expect(error).toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(/submitted and locked/),
      });
      expect(
        await refusal(
          sql`UPDATE evaluation_answers SET value = '{"kind":"no"}' WHERE evaluation_id = ${evaluation.id}`,
        ),
      ).toMatch(/locked/);
      expect((await refusedAs(backend, maria.id, 'evaluation.submit', { id: evaluation.id })).code).toBe(
        'conflict',
      );
    });

    it('reopens only with a reason, and records who and why', async () => {
      await submittedCriticalFail();
      const noReason = await refusedAs(backend, jussi.id, 'evaluation.reopen', {
        id: evaluation.id,
        reason: '  ',
      });
      expect(noReason).toMatchObject({ code: 'invalid_params', message: expect.stringMatching(/say why/) });
      evaluation = await callAs<EvaluationDetail>(backend, jussi.id, 'evaluation.reopen', {
        id: evaluation.id,
        reason: 'Agent disputes the tone rating',
      });
      expect(evaluation.state).toBe('draft');
      expect(evaluation.audit.at(-1)).toMatchObject({
        action: 'reopened',
        reason: 'Agent disputes the tone rating',
        reviewer: { name: 'Jussi Koski', role: 'team_lead' },
        changes: [],
      });
      expect(
        (
          await refusedAs(backend, jussi.id, 'evaluation.reopen', {
            id: evaluation.id,
            reason: 'Again',
          })
        ).code,
      ).toBe('conflict');
    });

    it('records the old and new value of every changed item on the next submit', async () => {
      await submittedCriticalFail();
      await callAs(backend, jussi.id, 'evaluation.reopen', {
        id: evaluation.id,
        reason: 'Agent disputes the tone rating',
      });
      await callAs(backend, jussi.id, 'evaluation.saveDraft', {
        id: evaluation.id,
        answers: [
          { itemId: 'polite', value: { kind: 'yes' }, comment: 'Firm, not rude, on a second listen.' },
        ],
        overallComment: 'Re-scored after the dispute.',
      });
      evaluation = await callAs<EvaluationDetail>(backend, jussi.id, 'evaluation.submit', {
        id: evaluation.id,
      });
      expect(evaluation.score).toMatchObject({ result: 'pass', percent: 100 });
      const resubmit = evaluation.audit.at(-1)!;
      expect(resubmit).toMatchObject({ action: 'submitted', reviewer: { name: 'Jussi Koski' } });
      expect(resubmit.changes).toEqual([
        {
          itemId: 'polite',
          before: { value: { kind: 'no' }, comment: '"As I told you twice already…"', momentIds: [] },
          after: { value: { kind: 'yes' }, comment: 'Firm, not rude, on a second listen.', momentIds: [] },
        },
        {
          itemId: null,
          before: null,
          after: null,
          commentBefore: 'Friendly call.',
          commentAfter: 'Re-scored after the dispute.',
        },
      ]);
      expect(evaluation.audit.map((a) => a.action)).toEqual([
        'started',
        'submitted',
        'reopened',
        'submitted',
      ]);
      expect(await refusal(sql`UPDATE evaluation_audit SET reason = 'edited'`)).toMatch(/append-only/);
      const trail = await call<EvaluationDetail>(backend, 'evaluation.get', { id: evaluation.id });
      expect(trail.audit.map((a) => a.reason)).toEqual([null, null, 'Agent disputes the tone rating', null]);
    });

    it('discards a draft never submitted, but never one with a submit in its trail', async () => {
      await submittedCriticalFail();
      const scratch = await callAs<EvaluationDetail>(backend, jussi.id, 'evaluation.start', {
        interactionId,
        rubricId: rubric.id,
      });
      expect(await callAs(backend, jussi.id, 'evaluation.discard', { id: scratch.id })).toEqual({
        id: scratch.id,
      });
      expect((await refused(backend, 'evaluation.get', { id: scratch.id })).code).toBe('not_found');
      await callAs(backend, maria.id, 'evaluation.reopen', {
        id: evaluation.id,
        reason: 'Typo in a comment',
      });
      const kept = await refusedAs(backend, maria.id, 'evaluation.discard', { id: evaluation.id });
      expect(kept).toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(/kept with its audit trail/),
      });
    });
  });

  describe('listing evaluations', () => {
    it('filters by interaction, rubric, reviewer and state, newest first', async () => {
      await submittedCriticalFail();
      const builtIn = (await call<RubricSummary[]>(backend, 'rubric.list')).find(
        (r) => r.key === 'builtin.courtesy-competence.de',
      )!;
      const other = await callAs<EvaluationDetail>(backend, jussi.id, 'evaluation.start', {
        interactionId,
        rubricId: builtIn.id,
      });
      const all = await call<{ total: number; items: EvaluationSummary[] }>(backend, 'evaluation.list', {
        interactionId,
      });
      expect(all.items.map((e) => e.id)).toEqual([other.id, evaluation.id]);
      expect(all.items[0]).toMatchObject({ rubricName: 'Freundlichkeit und Kompetenz', state: 'draft' });
      expect(all.items[1]!.score).toMatchObject({ result: 'criticalFail', percent: 0 });
      const byRubric = await call<{ total: number }>(backend, 'evaluation.list', { rubricId: builtIn.id });
      const drafts = await call<{ total: number }>(backend, 'evaluation.list', {
        state: 'draft',
        reviewerId: jussi.id,
      });
      const submitted = await call<{ total: number }>(backend, 'evaluation.list', { state: 'submitted' });
      expect([byRubric.total, drafts.total, submitted.total]).toEqual([1, 1, 1]);
    });

    it("filters by the interaction's agent", async () => {
      await callAs(backend, jussi.id, 'evaluation.start', { interactionId, rubricId: rubric.id });
      const otherCall = await seedCall(backend, 'Address change', 'Jonas Weber');
      await callAs(backend, maria.id, 'evaluation.start', {
        interactionId: otherCall,
        rubricId: rubric.id,
      });
      const agentOf = async (id: number) =>
        (
          await backend.database.query
            .selectFrom('interactions')
            .select('agent_id')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).agent_id!;
      const anna = await call<{ items: EvaluationSummary[] }>(backend, 'evaluation.list', {
        agentId: await agentOf(interactionId),
      });
      const jonas = await call<{ items: EvaluationSummary[] }>(backend, 'evaluation.list', {
        agentId: await agentOf(otherCall),
      });
      expect(anna.items.map((e) => e.agentName)).toEqual(['Anna Berg', 'Anna Berg']);
      expect(jonas.items.map((e) => e.interactionTitle)).toEqual(['Address change']);
    });
  });
});

describeEachEngine('reviewer profiles', () => {
  it('makes a new profile the current one, and switches between them', async () => {
    const list = await call<{ profiles: ReviewerProfile[]; currentId: number }>(backend, 'profile.list');
    expect(list.profiles.map((p) => p.name)).toEqual(['Jussi Koski', 'Maria Lind']);
    expect(list.currentId).toBe(jussi.id);
    expect((await call<{ currentId: number }>(backend, 'profile.select', { id: maria.id })).currentId).toBe(
      maria.id,
    );
    expect((await refused(backend, 'profile.select', { id: 999 })).code).toBe('not_found');
  });

  it('refuses a second profile of the same name, ignoring case', async () => {
    expect((await refused(backend, 'profile.create', { name: 'maria lind', role: 'team_lead' })).code).toBe(
      'conflict',
    );
    expect((await refused(backend, 'profile.create', { name: ' ', role: 'team_lead' })).code).toBe(
      'invalid_params',
    );
    expect((await refused(backend, 'profile.create', { name: 'Kim', role: 'agent' })).code).toBe(
      'invalid_params',
    );
  });

  it('renames and changes the role, shown on the evaluations they made', async () => {
    await call(backend, 'profile.update', { id: maria.id, name: 'Maria Lind-Ek', role: 'mystery_shopper' });
    const detail = await call<EvaluationDetail>(backend, 'evaluation.get', { id: evaluation.id });
    expect(detail.reviewer).toMatchObject({ name: 'Maria Lind-Ek', role: 'mystery_shopper' });
    await call(backend, 'profile.update', { id: maria.id, name: 'Maria Lind', role: 'qa_supervisor' });
  });
});
