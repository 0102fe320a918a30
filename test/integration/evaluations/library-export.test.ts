import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { Facets } from '../../../shared/api';
import type { CoachingSession } from '../../../shared/api/methods/coaching';
import type { EvaluationDetail } from '../../../shared/api/methods/evaluations';
import type { RubricDetail, RubricSummary } from '../../../shared/api/methods/rubrics';
import type { Answer, AnswerValue } from '../../../shared/rubric/answers';
import type { RubricItem } from '../../../shared/rubric/schema';
import { call, callAs } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import {
  ANNA_CALL,
  ANNA_CHAT,
  buildWorld,
  JONAS_CALL,
  MIKKO_CALL,
  submitEvaluation,
  type World,
} from '../coaching/fixture';
import { refused } from './fixture';

/**
 * "Export evaluations" from the library: the submitted evaluations of the interactions the library
 * shows for a filter, within a date range, as CSV and XLSX with the per-rubric CSV's columns.
 *
 * The demo calls and chats: Anna Berg (call 2 Nov, chat 3 Nov), Jonas Keller (call 2 Nov, chat 5 Nov),
 * Mikko Laine (call 4 Nov, chat 6 Nov); Anna and Mikko in Customer Care, Jonas in Technical Support.
 */

let backend: Backend;
let cleanup: () => Promise<void>;
let world: World;
const ids: Record<string, number> = {};
const SECRET = 'Marmalade-7731';
const SHARED_COMMENT = 'Warm greeting, clear next steps.';
const JONAS_CHAT = 'Slow speeds after upgrade';
const MIKKO_CHAT = 'Question about cover and excess';
/** The German built-in rubric's name and its first item's title, for its column headers. */
let germanHeading = '';

type Export = { fileName: string; format: 'csv' | 'xlsx'; content: string; rows: number };
const exportLibrary = (params: Record<string, unknown>) =>
  call<Export>(backend, 'evaluation.exportLibrary', { format: 'csv', ...params });

/** The CSV as objects by header (English headers, ',' as the delimiter). */
function csvRows(content: string): { header: string[]; rows: Record<string, string>[] } {
  expect(content.startsWith('\uFEFF')).toBe(true);
  const [header, ...data] = Papa.parse<string[]>(content.slice(1).trimEnd(), { delimiter: ',' }).data;
  return {
    header: header!,
    rows: data.map((values) => Object.fromEntries(header!.map((name, i) => [name, values[i] ?? '']))),
  };
}

const interactionId = (title: string) => world.interactions[title]!.id;
const agentId = (name: string) => world.agents[name]!.id;

/** Every item of a rubric answered with its best answer (the built-in rubric, in German). */
function bestAnswers(items: readonly RubricItem[]): Answer[] {
  return items.map((item) => {
    const value: AnswerValue =
      item.type === 'yesNo'
        ? { kind: 'yes' }
        : item.type === 'scale'
          ? { kind: 'scale', value: item.max }
          : { kind: 'choice', optionId: [...item.options].sort((a, b) => b.points - a.points)[0]!.id };
    return { itemId: item.id, value };
  });
}

beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  world = await buildWorld(backend, { demo: 'seed' });
  const maria = world.maria.id;
  // Billing calls rubric: 4 points; pass mark 80 %.
  ids.annaCall = await submitEvaluation(world, interactionId(ANNA_CALL), {
    greeting: true,
    polite: true,
    knowledge: 2,
  });
  ids.annaCallAgain = await submitEvaluation(
    world,
    interactionId(ANNA_CALL),
    { greeting: false, polite: true, knowledge: 2 },
    { reviewerId: world.pekka.id },
  );
  ids.annaChat = await submitEvaluation(world, interactionId(ANNA_CHAT), {
    greeting: false,
    polite: true,
    knowledge: 1,
  });
  ids.jonasCall = await submitEvaluation(world, interactionId(JONAS_CALL), {
    greeting: true,
    polite: false,
    knowledge: 2,
  });
  ids.mikkoCall = await submitEvaluation(world, interactionId(MIKKO_CALL), {
    greeting: false,
    polite: true,
    knowledge: 2,
  });
  ids.jonasDraft = await submitEvaluation(
    world,
    interactionId(JONAS_CHAT),
    { greeting: true, polite: true, knowledge: 2 },
    { submit: false },
  );
  // Mikko's chat on the built-in rubric in German: another rubric family in the same export.
  const german = (await call<RubricSummary[]>(backend, 'rubric.list')).find(
    (r) => r.builtin === 'courtesy-competence' && r.language === 'de',
  )!;
  const germanDetail = await call<RubricDetail>(backend, 'rubric.get', { id: german.id });
  germanHeading = `${germanDetail.latest!.name}: ${germanDetail.latest!.sections[0]!.items[0]!.title}`;
  const draft = await callAs<EvaluationDetail>(backend, maria, 'evaluation.start', {
    interactionId: interactionId(MIKKO_CHAT),
    rubricId: german.id,
  });
  await callAs(backend, maria, 'evaluation.saveDraft', {
    id: draft.id,
    answers: bestAnswers(germanDetail.latest!.sections.flatMap((s) => s.items)),
    overallComment: SHARED_COMMENT,
  });
  ids.mikkoChat = (await callAs<EvaluationDetail>(backend, maria, 'evaluation.submit', { id: draft.id })).id;

  // Submit days for the evaluation-date range (the submit itself stamps today).
  const submitted = (at: string, id: number | undefined) =>
    backend.database.query
      .updateTable('evaluations')
      .set({ submitted_at: at })
      .where('id', '=', id!)
      .execute();
  await submitted('2026-11-10T08:00:00.000Z', ids.annaCall);
  await submitted('2026-11-20T08:00:00.000Z', ids.annaCallAgain);
  await submitted('2026-11-10T15:00:00.000Z', ids.annaChat);
  await submitted('2026-11-11T08:00:00.000Z', ids.jonasCall);
  await submitted('2026-11-12T08:00:00.000Z', ids.mikkoCall);
  await submitted('2026-11-30T08:00:00.000Z', ids.mikkoChat);

  // A private coaching note about Anna's evaluation, which no export may carry.
  await call(backend, 'profile.setPassphrase', { id: world.lena.id, newPassphrase: 'lena keeps her notes' });
  await call(backend, 'profile.select', { id: world.lena.id, passphrase: 'lena keeps her notes' });
  const session = await call<CoachingSession>(backend, 'coaching.create', {
    agentId: agentId('Anna Berg'),
    heldOn: '2026-11-21',
    evaluationIds: [ids.annaCall],
  });
  await call(backend, 'coaching.noteAdd', {
    sessionId: session.id,
    body: `Anna told me ${SECRET}.`,
    private: true,
  });
}, 60_000);
afterAll(() => cleanup());

describeEachEngine('exporting evaluations from the library', () => {
  it("exports the submitted evaluations of the filter's interactions, each evaluation a row", async () => {
    const result = await exportLibrary({
      filters: { agentIds: [agentId('Anna Berg')] },
      dates: { from: '2026-11-02', to: '2026-11-02' },
      delimiter: ',',
    });
    expect(result.fileName).toBe('evaluations-2026-11-02-to-2026-11-02.csv');
    expect(result.rows).toBe(2);
    const { header, rows } = csvRows(result.content);
    expect(header.slice(0, 14)).toEqual([
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
    ]);
    expect(
      rows.map((r) => [r.Interaction, r.Agent, r.Reviewer, r.Outcome, r['Score %'], r['Pass mark %']]),
    ).toEqual([
      [ANNA_CALL, 'Anna Berg', 'Maria Lind', 'pass', '100', '80'],
      [ANNA_CALL, 'Anna Berg', 'Pekka Niemi', 'below target', '75', '80'],
    ]);
    expect(rows.every((r) => r.State === 'submitted' && r.Team === 'Customer Care')).toBe(true);
  });

  it('takes every submitted evaluation without filters, drafts left out, each rubric in its own columns', async () => {
    const result = await exportLibrary({ delimiter: ',' });
    const { header, rows } = csvRows(result.content);
    expect(result.rows).toBe(6);
    expect(rows.map((r) => Number(r.Evaluation)).sort((a, b) => a - b)).toEqual(
      ['annaCall', 'annaCallAgain', 'annaChat', 'jonasCall', 'mikkoCall', 'mikkoChat']
        .map((key) => ids[key]!)
        .sort((a, b) => a - b),
    );
    expect(rows.map((r) => r.Interaction)).not.toContain(JONAS_CHAT);
    // Two rubrics: item columns say which rubric they belong to.
    expect(header).toContain('Billing calls: Polite tone');
    expect(header).toContain(germanHeading);
    const mikko = rows.find((r) => r.Interaction === MIKKO_CHAT)!;
    expect(mikko).toMatchObject({ Outcome: 'pass', 'Score %': '100', 'Overall comment': SHARED_COMMENT });
    expect(mikko['Billing calls: Polite tone']).toBe('');
    expect(mikko[germanHeading]).toBe('yes');
    expect(rows.find((r) => r.Interaction === MIKKO_CALL)![germanHeading]).toBe('');
    const jonas = rows.find((r) => r.Interaction === JONAS_CALL)!;
    expect(jonas).toMatchObject({
      Outcome: 'critical fail',
      'Score %': '0',
      'Billing calls: Polite tone': 'no',
    });
  });

  it('follows a search and the outcome filter, holding each evaluation to the outcome too', async () => {
    const search = csvRows((await exportLibrary({ filters: { text: 'router' }, delimiter: ',' })).content);
    expect(search.rows.map((r) => r.Interaction).sort()).toEqual([ANNA_CHAT, JONAS_CALL].sort());

    const below = csvRows(
      (await exportLibrary({ filters: { outcomes: ['belowTarget'] }, delimiter: ',' })).content,
    );
    // Anna's call: its latest evaluation (Pekka's 75 %) is below target, Maria's earlier pass is not.
    expect(below.rows.map((r) => [r.Interaction, r.Reviewer, r.Outcome]).sort()).toEqual(
      [
        [ANNA_CALL, 'Pekka Niemi', 'below target'],
        [ANNA_CHAT, 'Maria Lind', 'below target'],
        [MIKKO_CALL, 'Maria Lind', 'below target'],
      ].sort(),
    );
    const facets = await call<Facets>(backend, 'library.facets');
    const support = facets.teams.find((team) => team.name === 'Technical Support')!.id;
    const team = csvRows((await exportLibrary({ filters: { teamIds: [support] }, delimiter: ',' })).content);
    expect(team.rows.map((r) => r.Agent)).toEqual(['Jonas Keller']);
  });

  it('uses its own dates in place of the library date filter, on the interaction or on the evaluation', async () => {
    const titles = async (dates: object, filters: object = {}) =>
      csvRows((await exportLibrary({ filters, dates, delimiter: ',' })).content).rows.map(
        (r) => r.Interaction,
      );
    // The call days 3-4 Nov: Anna's chat and Mikko's call; the library's own date filter is replaced.
    expect((await titles({ from: '2026-11-03', to: '2026-11-04' }, { from: '2026-11-06' })).sort()).toEqual(
      [ANNA_CHAT, MIKKO_CALL].sort(),
    );
    // Evaluations submitted 10-11 Nov, whenever the call was.
    expect((await titles({ from: '2026-11-10', to: '2026-11-11', of: 'evaluation' })).sort()).toEqual(
      [ANNA_CALL, ANNA_CHAT, JONAS_CALL].sort(),
    );
    // One end open.
    expect(await titles({ from: '2026-11-25', of: 'evaluation' })).toEqual([MIKKO_CHAT]);
  });

  it('writes an XLSX workbook with the same table, numbers as numbers and times as dates', async () => {
    const filters = { agentIds: [agentId('Anna Berg'), agentId('Jonas Keller')] };
    const csv = csvRows((await exportLibrary({ filters, delimiter: ',' })).content);
    const xlsx = await exportLibrary({ filters, format: 'xlsx', labels: { sheet: 'Bewertungen' } });
    expect(xlsx.fileName).toMatch(/^evaluations-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(xlsx.rows).toBe(4);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.content, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Bewertungen')!;
    expect(sheet).toBeDefined();
    const values = (row: number) => (sheet.getRow(row).values as ExcelJS.CellValue[]).slice(1);
    expect(values(1)).toEqual(csv.header);
    expect(sheet.rowCount).toBe(1 + csv.rows.length);
    const column = (name: string) => csv.header.indexOf(name) + 1;
    for (const [index, expected] of csv.rows.entries()) {
      const row = sheet.getRow(index + 2);
      expect(row.getCell(column('Interaction')).value).toBe(expected.Interaction);
      expect(row.getCell(column('Outcome')).value).toBe(expected.Outcome);
      expect(row.getCell(column('Score %')).value).toBe(Number(expected['Score %']));
      expect(row.getCell(column('Pass mark %')).value).toBe(80);
      expect(row.getCell(column('Evaluation')).value).toBe(Number(expected.Evaluation));
      expect(row.getCell(column('Submitted')).value).toBeInstanceOf(Date);
    }
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('names the XLSX sheet from any label Excel would refuse, rather than failing the export', async () => {
    const filters = { agentIds: [agentId('Anna Berg')] };
    const sheetOf = async (sheet: string) => {
      const xlsx = await exportLibrary({ filters, format: 'xlsx', labels: { sheet } });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(xlsx.content, 'base64') as unknown as ArrayBuffer);
      return workbook.worksheets.map((each) => each.name);
    };
    expect(await sheetOf("'Arviot'")).toEqual(['Arviot']);
    expect(await sheetOf('History')).toEqual(['Evaluations']);
    expect(await sheetOf("''")).toEqual(['Evaluations']);
    expect(await sheetOf('[Q1]: a/b?')).toEqual(['Q1   a b']);
    // The 31st unit is an apostrophe: cut there, it would end the name.
    expect(await sheetOf(`${'a'.repeat(30)}'b`)).toEqual(['a'.repeat(30)]);
    // 16 emoji are 32 units: the 16th would be cut in half.
    expect(await sheetOf('😀'.repeat(16))).toEqual(['😀'.repeat(15)]);
  });

  it('never carries a private coaching note, in CSV or XLSX', async () => {
    const csv = await exportLibrary({ filters: { agentIds: [agentId('Anna Berg')] } });
    expect(csv.content).not.toContain(SECRET);
    const xlsx = await exportLibrary({ filters: { agentIds: [agentId('Anna Berg')] }, format: 'xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.content, 'base64') as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))),
    );
    expect(cells.length).toBeGreaterThan(20);
    expect(cells.some((cell) => cell.includes(SECRET))).toBe(false);
  });

  it('says nothing matched with no rows, and refuses reversed dates and unknown formats', async () => {
    const none = await exportLibrary({ filters: { reviewed: false } });
    expect(none.rows).toBe(0);
    const reversed = await refused(backend, 'evaluation.exportLibrary', {
      format: 'csv',
      dates: { from: '2026-11-05', to: '2026-11-01' },
    });
    expect(reversed).toMatchObject({
      code: 'invalid_params',
      message: expect.stringMatching(/from.*must not be after/),
    });
    const format = await refused(backend, 'evaluation.exportLibrary', { format: 'pdf' });
    expect(format.code).toBe('invalid_params');
  });
});
