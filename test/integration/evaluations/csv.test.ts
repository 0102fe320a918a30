import Papa from 'papaparse';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { EvaluationDetail } from '../../../shared/api/methods/evaluations';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import type { RubricDetail } from '../../../shared/api/methods/rubrics';
import { call, callAs } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { createProfile, draftItem, seedCall, smallDraft, publishSmallRubric } from './fixture';

let backend: Backend;
let cleanup: () => Promise<void>;
let maria: ReviewerProfile;
let rubric: RubricDetail;

type Export = { fileName: string; csv: string; rows: number };
const exportCsv = (params: Record<string, unknown> = {}) =>
  call<Export>(backend, 'evaluation.exportCsv', { rubricId: rubric.id, ...params });
const parse = (csv: string, delimiter = ';') => {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<string[]>(csv.slice(1).trimEnd(), { delimiter }).data;
};

async function scored(title: string, agent: string, answers: unknown[], overallComment = '') {
  const evaluation = await callAs<EvaluationDetail>(backend, maria.id, 'evaluation.start', {
    interactionId: await seedCall(backend, title, agent),
    rubricId: rubric.id,
  });
  await callAs(backend, maria.id, 'evaluation.saveDraft', {
    id: evaluation.id,
    answers,
    overallComment,
  });
  return evaluation;
}

/** Two submitted evaluations on two versions and a draft, set up once: the exports only read them. */
beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  maria = await createProfile(backend, 'Maria Lind');
  rubric = await publishSmallRubric(backend, maria.id);
  const first = await scored(
    'Double charge',
    'Jörg Müller',
    [
      { itemId: 'greeting', value: { kind: 'yes' } },
      { itemId: 'polite', value: { kind: 'no' }, comment: '=SUM(A1) "rude"; said twice' },
      { itemId: 'knowledge', value: { kind: 'scale', value: 1 } },
    ],
    'Needs coaching on tone.',
  );
  await callAs(backend, maria.id, 'evaluation.submit', { id: first.id });
  // Version 2 adds a choice item; the first evaluation stays on version 1.
  const v2 = smallDraft();
  v2.sections[1]!.items.push(
    draftItem('options', 'Offers options', {
      type: 'choice',
      options: [
        { id: 'several', label: 'Several options', points: 2, fail: false },
        { id: 'one', label: 'Only one', points: 0, fail: false },
      ],
    }),
  );
  rubric = await callAs<RubricDetail>(backend, maria.id, 'rubric.publish', {
    id: rubric.id,
    draft: v2,
  });
  const second = await scored('Router keeps dropping', 'Anna Berg', [
    { itemId: 'greeting', value: { kind: 'yes' } },
    { itemId: 'polite', value: { kind: 'yes' } },
    { itemId: 'knowledge', value: { kind: 'scale', value: 2 } },
    { itemId: 'options', value: { kind: 'choice', optionId: 'one' } },
  ]);
  await callAs(backend, maria.id, 'evaluation.submit', { id: second.id });
  await scored('Still a draft', 'Anna Berg', [{ itemId: 'greeting', value: { kind: 'no' } }]);
});
afterAll(() => cleanup());

describeEachEngine('CSV export of evaluations', () => {
  it('writes one row per submitted evaluation with two columns per item, for Excel', async () => {
    const result = await exportCsv();
    expect(result.fileName).toMatch(/^evaluations-billing-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(result.rows).toBe(2);
    expect(result.csv).toContain('\r\n');
    const [header, first, second] = parse(result.csv);
    expect(header).toEqual([
      'Evaluation',
      'Interaction',
      'Interaction date',
      'Agent',
      'Team',
      'Reviewer',
      'Reviewer role',
      'Rubric',
      'Rubric version',
      'State',
      'Submitted',
      'Outcome',
      'Score %',
      'Pass mark %',
      'Courtesy %',
      'Competence %',
      'Overall comment',
      'Greeting',
      'Greeting – comment',
      'Polite tone',
      'Polite tone – comment',
      'Product knowledge',
      'Product knowledge – comment',
      'Offers options',
      'Offers options – comment',
    ]);
    const row = (values: string[]) => Object.fromEntries(header!.map((name, i) => [name, values[i]]));
    expect(row(first!)).toMatchObject({
      Interaction: 'Double charge',
      Agent: 'Jörg Müller',
      Team: 'Customer Care',
      Reviewer: 'Maria Lind',
      'Reviewer role': 'QA supervisor',
      Rubric: 'Billing calls',
      'Rubric version': '1',
      State: 'submitted',
      Outcome: 'critical fail',
      'Score %': '0',
      'Pass mark %': '80',
      'Courtesy %': '50',
      'Competence %': '50',
      'Overall comment': 'Needs coaching on tone.',
      Greeting: 'yes',
      'Polite tone': 'no',
      // A comment that looks like a formula stays text in Excel.
      'Polite tone – comment': `'=SUM(A1) "rude"; said twice`,
      'Product knowledge': '1',
      'Offers options': '',
    });
    // 4 of 6 points: courtesy 2 of 2, competence 2 of 4.
    expect(row(second!)).toMatchObject({
      'Rubric version': '2',
      Outcome: 'below target',
      'Score %': '66.7',
      'Competence %': '50',
      'Offers options': 'Only one',
    });
    expect(first![2]).toMatch(/^2026-11-0[12] \d{2}:\d{2}$/);
  });

  it('includes drafts on request, and writes decimal commas and translated words', async () => {
    const result = await exportCsv({
      includeDrafts: true,
      delimiter: ',',
      decimalComma: true,
      labels: {
        columns: { agent: 'Mitarbeiter', outcome: 'Ergebnis' },
        answers: { yes: 'ja', no: 'nein' },
        results: { criticalFail: 'K.-o. nicht bestanden', incomplete: 'unvollständig' },
        states: { draft: 'Entwurf' },
        roles: { qa_supervisor: 'QA-Leitung' },
        commentSuffix: 'Kommentar',
      },
    });
    expect(result.rows).toBe(3);
    const [header, ...rows] = parse(result.csv, ',');
    expect(header).toContain('Mitarbeiter');
    expect(header).toContain('Greeting – Kommentar');
    const draft = rows.find((r) => r.includes('Still a draft'))!;
    expect(draft).toContain('Entwurf');
    expect(draft).toContain('nein');
    expect(draft).toContain('unvollständig');
    expect(rows.find((r) => r.includes('Router keeps dropping'))).toContain('66,7');
    expect(rows[0]).toContain('QA-Leitung');
  });

  it("exports from the library's view the same evaluations, held to its filters and dates", async () => {
    const fromLibrary = async (filters: Record<string, unknown>, dates?: Record<string, unknown>) => {
      const result = await call<{ content: string; rows: number }>(backend, 'evaluation.exportLibrary', {
        format: 'csv',
        filters,
        ...(dates ? { dates } : {}),
      });
      return parse(result.content)
        .slice(1)
        .map((row) => row[1]);
    };
    expect(await fromLibrary({ reviewed: true })).toEqual(['Double charge', 'Router keeps dropping']);
    expect(await fromLibrary({ outcomes: ['criticalFail'] })).toEqual(['Double charge']);
    expect(await fromLibrary({ scoreMin: 50 })).toEqual(['Router keeps dropping']);
    expect(await fromLibrary({ kind: 'chat' })).toEqual([]);
    expect(await fromLibrary({}, { of: 'interaction', from: '2026-11-02', to: '2026-11-02' })).toHaveLength(
      2,
    );
    expect(await fromLibrary({}, { of: 'evaluation', from: '2999-01-01' })).toEqual([]);
  });
});
