import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { backfillStoredScores } from '../../../electron/backend/services/evaluations/stored-score';
import type { LibraryItem } from '../../../shared/api';
import type { EvaluationDetail } from '../../../shared/api/methods/evaluations';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import type { RubricDetail } from '../../../shared/api/methods/rubrics';
import { call, callAs } from '../../support/backend';
import { describeEachEngine, freshPostgresUrl, testEngine } from '../../support/engines';
import { resourcesDir, tempDir } from '../../support/paths';
import { createProfile, publishSmallRubric, refused, seedCall } from '../evaluations/fixture';

/**
 * One data folder (and database) for the file; each test has calls of its own agent, and lists are
 * filtered to that agent, so a test sees only what it made. The scored library: Top (100 %), Good
 * (75 %), Middling (50 %) and Weak (25 %) calls, one Unreviewed, and a Reopened call whose first
 * evaluation (100 %) was reopened and submitted again, then evaluated anew by Jussi at 25 %: its latest
 * submitted evaluation.
 */
let data: ReturnType<typeof tempDir>;
let databaseUrl: string | undefined;
let backend: Backend;
let maria: ReviewerProfile;
let jussi: ReviewerProfile;
let rubric: RubricDetail;
let ids: Record<string, number>;
let agentId: number;
let agentNo = 0;
/** Maria's first evaluation of the Reopened call, reopened and submitted again. */
let reopened: EvaluationDetail;
const open = () =>
  createBackend({
    dataDir: data.dir,
    resourcesDir,
    version: '0.0.0-test',
    log: () => {},
    ...(databaseUrl ? { databaseUrl } : {}),
  });

beforeAll(async () => {
  data = tempDir();
  databaseUrl = testEngine() === 'postgres' ? await freshPostgresUrl() : undefined;
  backend = await open();
  maria = await createProfile(backend, 'Maria Lind');
  jussi = await createProfile(backend, 'Jussi Koski', 'team_lead');
  rubric = await publishSmallRubric(backend, maria.id);
});
afterAll(async () => {
  await backend.close();
  data.cleanup();
});
beforeEach(() => {
  ids = {};
  agentNo++;
});

/** Calls of this test's own agent. */
async function seedCalls(...titles: string[]): Promise<void> {
  for (const title of titles) ids[title] = await seedCall(backend, title, `Agent ${agentNo}`);
  const { agent_id } = await backend.database.query
    .selectFrom('interactions')
    .select('agent_id')
    .where('id', '=', ids[titles[0]!]!)
    .executeTakeFirstOrThrow();
  agentId = agent_id!;
}

/** The calls and evaluations described above. */
async function scoredLibrary(): Promise<void> {
  await seedCalls('Top call', 'Good call', 'Middling call', 'Weak call', 'Unreviewed call', 'Reopened call');
  await evaluate(ids['Top call']!, 100);
  await evaluate(ids['Good call']!, 75);
  await evaluate(ids['Middling call']!, 50);
  await evaluate(ids['Weak call']!, 25);
  reopened = await evaluate(ids['Reopened call']!, 100);
  await callAs(backend, maria.id, 'evaluation.reopen', { id: reopened.id, reason: 'Listened again' });
  await callAs(backend, maria.id, 'evaluation.submit', { id: reopened.id });
  await evaluate(ids['Reopened call']!, 25, jussi);
}

type Page = { total: number; items: LibraryItem[] };
type View = { filters?: object; [key: string]: unknown };
/** The view narrowed to the test's own agent. */
const own = ({ filters, ...rest }: View) => ({ ...rest, filters: { ...filters, agentIds: [agentId] } });
const list = (params: View) => call<Page>(backend, 'library.list', own(params));
const titles = (page: Page) => page.items.map((item) => item.title);

/** The small rubric's answers for a given overall score: greeting 1 point, polite 1, knowledge 2. */
const ANSWERS = {
  100: { greeting: 'yes', knowledge: 2 },
  75: { greeting: 'no', knowledge: 2 },
  50: { greeting: 'no', knowledge: 1 },
  25: { greeting: 'no', knowledge: 0 },
} as const;

async function evaluate(interactionId: number, percent: keyof typeof ANSWERS, reviewer = maria) {
  const { greeting, knowledge } = ANSWERS[percent];
  const draft = await callAs<EvaluationDetail>(backend, reviewer.id, 'evaluation.start', {
    interactionId,
    rubricId: rubric.id,
  });
  await callAs(backend, reviewer.id, 'evaluation.saveDraft', {
    id: draft.id,
    answers: [
      { itemId: 'greeting', value: { kind: greeting } },
      { itemId: 'polite', value: { kind: 'yes' } },
      { itemId: 'knowledge', value: { kind: 'scale', value: knowledge } },
    ],
  });
  return callAs<EvaluationDetail>(backend, reviewer.id, 'evaluation.submit', { id: draft.id });
}

const stored = (evaluationId: number) =>
  backend.database.query
    .selectFrom('evaluations')
    .select(['score_percent as percent', 'score_outcome as outcome'])
    .where('id', '=', evaluationId)
    .executeTakeFirstOrThrow();

describeEachEngine('the score kept on a submitted evaluation', () => {
  it('is written when the evaluation is submitted, as the evaluation scores it', async () => {
    await seedCalls('Top call', 'Good call', 'Unreviewed call');
    const top = await evaluate(ids['Top call']!, 100);
    expect(top.score).toMatchObject({ percent: 100, result: 'pass' });
    expect(await stored(top.id)).toEqual({ percent: 100, outcome: 'pass' });
    await evaluate(ids['Good call']!, 75);
    const page = await list({ limit: 100 });
    const scoreOf = (title: string) => page.items.find((item) => item.title === title)!.score;
    // 75 % is under the small rubric's pass mark of 80 %.
    expect(scoreOf('Good call')).toEqual({ percent: 75, outcome: 'belowTarget' });
    expect(scoreOf('Unreviewed call')).toBeNull();
  });

  it('is cleared when the evaluation is reopened, and written again at the next submit', async () => {
    await seedCalls('Reopened call');
    reopened = await evaluate(ids['Reopened call']!, 100);
    await callAs(backend, maria.id, 'evaluation.reopen', {
      id: reopened.id,
      reason: 'Listened again',
    });
    expect(await stored(reopened.id)).toEqual({ percent: null, outcome: null });
    const page = await list({ filters: { scoreMin: 0 }, limit: 100 });
    expect(titles(page)).not.toContain('Reopened call');
    await callAs(backend, maria.id, 'evaluation.submit', { id: reopened.id });
    expect(await stored(reopened.id)).toEqual({ percent: 100, outcome: 'pass' });
  });

  it("follows the interaction's latest submitted evaluation", async () => {
    await scoredLibrary();
    const page = await list({ filters: { scoreMax: 25 }, limit: 100 });
    expect(titles(page).sort()).toEqual(['Reopened call', 'Weak call']);
    expect(page.items.find((item) => item.title === 'Reopened call')!.score).toEqual({
      percent: 25,
      outcome: 'belowTarget',
    });
  });

  it('is filled in at start for evaluations submitted before scores were kept, once', async () => {
    await scoredLibrary();
    // As an older version left them: submitted, no score kept.
    await backend.database.query
      .updateTable('evaluations')
      .set({ score_percent: null, score_outcome: null })
      .where('interaction_id', 'in', Object.values(ids))
      .execute();
    await backend.close();
    backend = await open();
    const { rows } = await sql<{ n: number }>`
      SELECT count(*) AS n FROM evaluations WHERE state = 'submitted' AND score_outcome IS NULL`.execute(
      backend.database.query,
    );
    expect(Number(rows[0]!.n)).toBe(0);
    expect(await stored(reopened.id)).toEqual({ percent: 100, outcome: 'pass' });
    expect(await backfillStoredScores(backend.database)).toBe(0);
  });
});

describeEachEngine('the score filter', () => {
  beforeEach(scoredLibrary);
  it('keeps scores within the range, both ends included', async () => {
    expect(titles(await list({ filters: { scoreMin: 75 }, sort: 'title', order: 'asc' }))).toEqual([
      'Good call',
      'Top call',
    ]);
    expect(titles(await list({ filters: { scoreMax: 50 }, sort: 'title', order: 'asc' }))).toEqual([
      'Middling call',
      'Reopened call',
      'Weak call',
    ]);
    const between = await list({ filters: { scoreMin: 50, scoreMax: 75 }, sort: 'title', order: 'asc' });
    expect(titles(between)).toEqual(['Good call', 'Middling call']);
    expect(between.total).toBe(2);
  });

  it('leaves out interactions without a submitted evaluation whenever a bound is set', async () => {
    expect(titles(await list({ limit: 100 }))).toContain('Unreviewed call');
    for (const filters of [{ scoreMin: 0 }, { scoreMax: 100 }, { scoreMin: 0, scoreMax: 100 }]) {
      const page = await list({ filters, limit: 100 });
      expect(titles(page)).not.toContain('Unreviewed call');
      expect(page.total).toBe(5);
    }
  });

  it('sorts by score, unscored interactions last either way', async () => {
    const desc = titles(await list({ sort: 'score', order: 'desc', limit: 100 }));
    expect(desc.slice(0, 3)).toEqual(['Top call', 'Good call', 'Middling call']);
    expect(desc.at(-1)).toBe('Unreviewed call');
    const asc = titles(await list({ sort: 'score', order: 'asc', limit: 100 }));
    expect(asc.slice(-2)).toEqual(['Top call', 'Unreviewed call']);
    expect(asc.indexOf('Middling call')).toBeLessThan(asc.indexOf('Good call'));
  });

  it('gives next and previous in score order too', async () => {
    const view = { sort: 'score', order: 'desc', filters: { scoreMin: 50 } };
    const { items } = await list({ ...view, limit: 100 });
    const around = await call<{
      position: number;
      previous: { id: number } | null;
      next: { id: number } | null;
    }>(backend, 'library.neighbours', { id: items[1]!.id, ...own(view) });
    expect(around).toMatchObject({ position: 2, previous: { id: items[0]!.id }, next: { id: items[2]!.id } });
  });

  it('refuses bounds outside 0-100 or the wrong way round', async () => {
    for (const filters of [{ scoreMin: -1 }, { scoreMax: 100.5 }, { scoreMin: 80, scoreMax: 60 }]) {
      expect((await refused(backend, 'library.list', own({ filters }))).code).toBe('invalid_params');
    }
  });
});

describeEachEngine('the outcome filter', () => {
  beforeEach(scoredLibrary);
  it('keeps interactions whose latest submitted evaluation came to one of the outcomes', async () => {
    ids['Rude call'] = await seedCall(backend, 'Rude call', `Agent ${agentNo}`);
    const draft = await callAs<EvaluationDetail>(backend, maria.id, 'evaluation.start', {
      interactionId: ids['Rude call'],
      rubricId: rubric.id,
    });
    await callAs(backend, maria.id, 'evaluation.saveDraft', {
      id: draft.id,
      answers: [
        { itemId: 'greeting', value: { kind: 'yes' } },
        { itemId: 'polite', value: { kind: 'no' }, comment: 'Called the customer lazy' },
        { itemId: 'knowledge', value: { kind: 'scale', value: 2 } },
      ],
    });
    await callAs(backend, maria.id, 'evaluation.submit', { id: draft.id });
    const byOutcome = async (outcomes: string[]) =>
      titles(await list({ filters: { outcomes }, sort: 'title', order: 'asc', limit: 100 }));
    expect(await byOutcome(['pass'])).toEqual(['Top call']);
    expect(await byOutcome(['criticalFail'])).toEqual(['Rude call']);
    expect(await byOutcome(['belowTarget'])).toEqual([
      'Good call',
      'Middling call',
      'Reopened call',
      'Weak call',
    ]);
    expect(await byOutcome(['pass', 'criticalFail'])).toEqual(['Rude call', 'Top call']);
    const rude = (await list({ filters: { outcomes: ['criticalFail'] } })).items[0]!;
    expect(rude.score).toEqual({ percent: 0, outcome: 'criticalFail' });
  });

  it('combines with the score range and refuses unknown outcomes', async () => {
    const page = await list({
      filters: { outcomes: ['belowTarget'], scoreMin: 50 },
      sort: 'title',
      order: 'asc',
    });
    expect(titles(page)).toEqual(['Good call', 'Middling call']);
    for (const filters of [{ outcomes: ['fail'] }, { outcomes: [] }]) {
      expect((await refused(backend, 'library.list', own({ filters }))).code).toBe('invalid_params');
    }
  });
});
