import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import { seedBuiltInRubrics } from '../../../electron/backend/services/rubrics/seed';
import type { EvaluationDetail } from '../../../shared/api/methods/evaluations';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import { draftFromRubric } from '../../../shared/api/methods/rubric-draft';
import type { RubricDetail, RubricSummary, RubricVersion } from '../../../shared/api/methods/rubrics';
import { defaultRubric } from '../../../shared/rubric/defaults';
import { serializeRubric } from '../../../shared/rubric/json';
import { call, callAs } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { createProfile, draftItem, refused, refusedAs, seedCall, smallDraft } from '../evaluations/fixture';

/** Each test on its own fresh database of the engine under test, with Maria as the author. */
let backend: Backend;
let cleanup: () => Promise<void>;
let maria: ReviewerProfile;

beforeEach(async () => {
  ({ backend, cleanup } = await engineBackend());
  maria = await createProfile(backend, 'Maria Lind');
});
afterEach(() => cleanup());

/** A new rubric, "Billing calls", still only a draft. */
const draftRubric = () =>
  callAs<RubricDetail>(backend, maria.id, 'rubric.create', { name: 'Billing calls', language: 'en' });
/** "Billing calls" published as version 1 from the small draft. */
const publishedRubric = async () =>
  callAs<RubricDetail>(backend, maria.id, 'rubric.publish', {
    id: (await draftRubric()).id,
    draft: smallDraft(),
    note: 'First version',
  });

/** The database's refusal of a statement, as text ('' when it ran). */
async function refusal(statement: ReturnType<typeof sql>): Promise<string> {
  try {
    await statement.execute(backend.database.query);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

describeEachEngine('rubrics', () => {
  describe('built-in rubrics', () => {
    it('are seeded in English, German and Finnish as version 1, once', async () => {
      const list = await call<RubricSummary[]>(backend, 'rubric.list');
      const builtIn = list.filter((r) => r.builtin !== null);
      expect(builtIn.map((r) => r.key).sort()).toEqual(
        ['courtesy-competence', 'mystery-call']
          .flatMap((k) => ['de', 'en', 'fi'].map((l) => `builtin.${k}.${l}`))
          .sort(),
      );
      expect(
        builtIn.every((r) => r.latestVersion?.version === 1 && r.latestVersion.publishedBy === null),
      ).toBe(true);
      const german = builtIn.find((r) => r.key === 'builtin.courtesy-competence.de')!;
      expect(german).toMatchObject({ language: 'de', kind: 'evaluation', builtin: 'courtesy-competence' });
      expect(builtIn.find((r) => r.key === 'builtin.mystery-call.fi')!.kind).toBe('mysteryChecklist');

      // The next start seeds nothing more.
      expect(await seedBuiltInRubrics(backend.database)).toBe(0);
      expect((await call<RubricSummary[]>(backend, 'rubric.list')).length).toBe(list.length);
    });

    it('store the shipped content exactly', async () => {
      const list = await call<RubricSummary[]>(backend, 'rubric.list');
      const english = list.find((r) => r.key === 'builtin.courtesy-competence.en')!;
      const version = await call<RubricVersion>(backend, 'rubric.version', {
        versionId: english.latestVersion!.id,
      });
      expect(serializeRubric(version.rubric)).toBe(serializeRubric(defaultRubric('en')));
    });
  });

  describe('authoring and versions', () => {
    let rubric: RubricDetail;

    it('creates a rubric as a draft that cannot be scored with yet', async () => {
      rubric = await draftRubric();
      expect(rubric).toMatchObject({
        key: 'billing-calls',
        latestVersion: null,
        hasDraft: true,
        latest: null,
      });
      expect(rubric.draft!.sections[0]!.items).toHaveLength(1);
      const interactionId = await seedCall(backend, 'Draft-only rubric call');
      const error = await refusedAs(backend, maria.id, 'evaluation.start', {
        interactionId,
        rubricId: rubric.id,
      });
      expect(error.code).toBe('conflict');
      expect(error.message).toMatch(/no published version/);
    });

    it('keeps the draft as the author types, and lists it under the name being typed', async () => {
      rubric = await draftRubric();
      const draft = { ...smallDraft(), name: 'Billing calls (short)' };
      await callAs(backend, maria.id, 'rubric.saveDraft', {
        id: rubric.id,
        draft,
        version: rubric.draftVersion,
      });
      rubric = await call<RubricDetail>(backend, 'rubric.get', { id: rubric.id });
      expect(rubric.draft).toEqual(draft);
      expect(rubric.name).toBe('Billing calls (short)');
    });

    it('refuses to publish an invalid draft, naming each problem at its place', async () => {
      rubric = await draftRubric();
      const draft = smallDraft();
      draft.sections[0]!.items[0]!.weight = -1;
      draft.sections[1]!.items[0]!.title = '  ';
      const error = await refusedAs(backend, maria.id, 'rubric.publish', { id: rubric.id, draft });
      expect(error.code).toBe('invalid_params');
      expect(error.message).toContain('sections[0].items[0].weight must not be negative (got -1)');
      expect(error.message).toContain('sections[1].items[0].title must not be empty');
      expect((await call<RubricDetail>(backend, 'rubric.get', { id: rubric.id })).versions).toEqual([]);
    });

    it('publishes version 1, then refuses a publish that changes nothing', async () => {
      rubric = await publishedRubric();
      expect(rubric.latestVersion).toMatchObject({
        version: 1,
        note: 'First version',
        publishedBy: { name: 'Maria Lind' },
      });
      expect(rubric).toMatchObject({ hasDraft: false, draft: null, name: 'Billing calls' });
      expect(rubric.latest!.sections.map((s) => s.id)).toEqual(['courtesy', 'competence']);
      const error = await refusedAs(backend, maria.id, 'rubric.publish', {
        id: rubric.id,
        draft: smallDraft(),
      });
      expect(error).toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(/same as its version 1/),
      });
    });

    it('keeps every evaluation on the version it was scored on after a new version is published', async () => {
      rubric = await publishedRubric();
      const interactionId = await seedCall(backend, 'Versioned call');
      const evaluation = await callAs<EvaluationDetail>(backend, maria.id, 'evaluation.start', {
        interactionId,
        rubricId: rubric.id,
      });
      const changed = smallDraft();
      changed.sections[0]!.items.push(draftItem('closing', 'Closing'));
      rubric = await callAs<RubricDetail>(backend, maria.id, 'rubric.publish', {
        id: rubric.id,
        draft: changed,
      });
      expect(rubric.versions.map((v) => v.version)).toEqual([2, 1]);
      expect(rubric.versions[1]!.evaluationCount).toBe(1);

      const again = await call<EvaluationDetail>(backend, 'evaluation.get', { id: evaluation.id });
      expect(again.rubricVersion).toBe(1);
      expect(again.rubric.sections[0]!.items.map((i) => i.id)).toEqual(['greeting', 'polite']);
      // New evaluations take the new version.
      const other = await createProfile(backend, 'Jussi Koski', 'team_lead');
      const fresh = await callAs<EvaluationDetail>(backend, other.id, 'evaluation.start', {
        interactionId,
        rubricId: rubric.id,
      });
      expect(fresh.rubricVersion).toBe(2);
    });

    it('cannot change or delete a published version, even with SQL', async () => {
      rubric = await publishedRubric();
      await callAs(backend, maria.id, 'evaluation.start', {
        interactionId: await seedCall(backend, 'Versioned call'),
        rubricId: rubric.id,
      });
      expect(await refusal(sql`UPDATE rubric_versions SET content = '{}'`)).toMatch(/cannot be changed/);
      expect(await refusal(sql`DELETE FROM rubric_versions`)).toMatch(/never deleted/);
      expect(await refusal(sql`UPDATE evaluations SET rubric_version_id = rubric_version_id + 1`)).toMatch(
        /keeps the rubric version/,
      );
      const versions = await backend.database.query.selectFrom('rubric_versions').select('content').execute();
      expect(versions.every((v) => v.content !== '{}')).toBe(true);
    });

    it('discards a draft back to the latest version, but not the only draft of an unpublished rubric', async () => {
      rubric = await publishedRubric();
      await callAs(backend, maria.id, 'rubric.saveDraft', {
        id: rubric.id,
        version: rubric.draftVersion,
        draft: { ...smallDraft(), name: 'Scratch' },
      });
      const discarded = await callAs<RubricDetail>(backend, maria.id, 'rubric.discardDraft', {
        id: rubric.id,
      });
      expect(discarded).toMatchObject({ hasDraft: false, draft: null, name: 'Billing calls' });
      const fresh = await callAs<RubricDetail>(backend, maria.id, 'rubric.create', {
        name: 'Billing calls',
        language: 'de',
      });
      expect(fresh.key).toBe('billing-calls-2');
      expect((await refusedAs(backend, maria.id, 'rubric.discardDraft', { id: fresh.id })).code).toBe(
        'conflict',
      );
    });

    it('clears a draft that has come back to the latest version', async () => {
      rubric = await publishedRubric();
      const latest = await call<RubricDetail>(backend, 'rubric.get', { id: rubric.id });
      await callAs(backend, maria.id, 'rubric.saveDraft', {
        id: rubric.id,
        version: latest.draftVersion,
        draft: { ...smallDraft(), name: 'Renamed' },
      });
      expect((await call<RubricDetail>(backend, 'rubric.get', { id: rubric.id })).hasDraft).toBe(true);
      await callAs(backend, maria.id, 'rubric.saveDraft', {
        id: rubric.id,
        version: latest.draftVersion + 1,
        draft: draftFromRubric(latest.latest!),
      });
      expect((await call<RubricDetail>(backend, 'rubric.get', { id: rubric.id })).hasDraft).toBe(false);
    });

    it('copies a built-in rubric into a new one to adapt', async () => {
      const list = await call<RubricSummary[]>(backend, 'rubric.list');
      const finnish = list.find((r) => r.key === 'builtin.mystery-call.fi')!;
      const copy = await callAs<RubricDetail>(backend, maria.id, 'rubric.create', {
        name: 'Oma testipuhelu',
        language: 'fi',
        kind: 'mysteryChecklist',
        copyOfVersionId: finnish.latestVersion!.id,
      });
      expect(copy.draft!.sections.flatMap((s) => s.items.map((i) => i.id))).toContain('provocative-question');
      expect(copy.draft!.name).toBe('Oma testipuhelu');
    });

    it('publishes as the acting profile: a payload naming a reviewer is refused, naming the field', async () => {
      rubric = await draftRubric();
      const error = await refused(backend, 'rubric.publish', {
        id: rubric.id,
        reviewerId: 999,
        draft: smallDraft('X'),
      });
      expect(error.code).toBe('invalid_params');
      expect(error.message).toMatch(/reviewerId/);
    });
  });
});
