import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { Query } from '../../../electron/backend/db/schema';
import type { Facets, LibraryItem } from '../../../shared/api';
import { describeEachEngine, engineBackend } from '../../support/engines';

/**
 * The library's filters, sorts and facets, and editing details, give the same rows on SQLite and
 * PostgreSQL: missing values sort as the smallest (first going up, last going down) except scores,
 * which come last either way; names compare without case; the latest submitted evaluation scores.
 */
let backend: Backend;
let cleanup: () => Promise<void>;
const id: Record<'A' | 'B' | 'C' | 'D' | 'E', number> = { A: 0, B: 0, C: 0, D: 0, E: 0 };
const agent: Record<'anna' | 'Bert' | 'carl', number> = { anna: 0, Bert: 0, carl: 0 };
const team: Record<'North' | 'south', number> = { North: 0, south: 0 };

async function seed(q: Query) {
  for (const name of ['North', 'south'] as const)
    team[name] = (await q.insertInto('teams').values({ name }).returning('id').executeTakeFirstOrThrow()).id;
  for (const [name, teamId] of [
    ['anna', team.North],
    ['Bert', team.North],
    ['carl', team.south],
  ] as const) {
    agent[name] = (
      await q.insertInto('agents').values({ name, team_id: teamId }).returning('id').executeTakeFirstOrThrow()
    ).id;
  }
  const rows = [
    ['A', 'alpha call', agent.anna, '2026-03-01T10:00:00.000Z', 3000],
    ['B', 'Beta chat', agent.Bert, null, null],
    ['C', 'gamma', agent.carl, '2026-03-02T09:00:00.000Z', 1000],
    ['D', 'delta', null, '2026-02-28T23:30:00.000Z', 2000],
    ['E', 'Echo', agent.anna, null, 500],
  ] as const;
  for (const [key, title, agentId, startedAt, durationMs] of rows) {
    id[key] = (
      await q
        .insertInto('interactions')
        .values({
          kind: 'chat',
          title,
          source: 'test',
          agent_id: agentId,
          started_at: startedAt,
          duration_ms: durationMs,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  const at = '2026-03-03T12:00:00.000Z';
  const reviewer = await q
    .insertInto('reviewer_profiles')
    .values({ name: 'Maria Lind', role: 'qa_supervisor', created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rubric = await q
    .insertInto('rubrics')
    .values({ key: 'test', name: 'Test', kind: 'evaluation', language: 'en', created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const version = await q
    .insertInto('rubric_versions')
    .values({ rubric_id: rubric.id, version: 1, content: '{}', sha256: 'x', published_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const evaluation = (
    interactionId: number,
    submittedAt: string | null,
    percent: number | null,
    outcome: 'pass' | 'belowTarget' | 'criticalFail' | null,
  ) =>
    q
      .insertInto('evaluations')
      .values({
        interaction_id: interactionId,
        rubric_version_id: version.id,
        reviewer_id: reviewer.id,
        state: submittedAt ? 'submitted' : 'draft',
        created_at: at,
        updated_at: at,
        submitted_at: submittedAt,
        score_percent: percent,
        score_outcome: outcome,
      })
      .execute();
  await evaluation(id.A, '2026-03-03T10:00:00.000Z', 90, 'pass');
  await evaluation(id.C, '2026-03-03T10:00:00.000Z', 40, 'belowTarget');
  await evaluation(id.C, '2026-03-03T11:00:00.000Z', 75, 'criticalFail'); // the latest one counts
  await evaluation(id.D, '2026-03-03T10:00:00.000Z', 60, 'belowTarget');
  await evaluation(id.B, null, null, null); // a draft scores nothing
}

beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  await backend.database.transaction(seed);
});
afterAll(() => cleanup());

async function call<T>(method: string, params: object): Promise<T> {
  const reply = await backend.dispatch(method as never, params as never);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
}
const listed = async (params: object) =>
  (await call<{ total: number; items: LibraryItem[] }>('library.list', { limit: 50, ...params })).items.map(
    (item) => Object.entries(id).find(([, value]) => value === item.id)![0],
  );

describeEachEngine('library lists on either engine', () => {
  it.each([
    ['startedAt', 'asc', 'BEDAC'],
    ['startedAt', 'desc', 'CADEB'],
    ['duration', 'asc', 'BECDA'],
    ['duration', 'desc', 'ADCEB'],
    ['agent', 'asc', 'DAEBC'],
    ['agent', 'desc', 'CBEAD'],
    ['title', 'asc', 'ABDEC'],
    ['title', 'desc', 'CEDBA'],
    ['score', 'desc', 'ACDEB'],
    ['score', 'asc', 'DCABE'],
  ])('sorts by %s %s with missing values where SQLite puts them', async (sort, order, expected) => {
    expect((await listed({ sort, order })).join('')).toBe(expected);
  });

  it.each([
    [{ scoreMin: 70 }, 'CA'],
    [{ scoreMax: 65 }, 'D'],
    [{ outcomes: ['criticalFail'] }, 'C'],
    [{ outcomes: ['belowTarget'] }, 'D'],
    [{ outcomes: ['pass', 'belowTarget'] }, 'AD'],
    [{ reviewed: true }, 'CAD'],
    [{ reviewed: false }, 'EB'],
    [{ from: '2026-03-01', to: '2026-03-01' }, 'A'],
    [{ to: '2026-02-28' }, 'D'],
    [{ kind: 'call' }, ''],
  ])('filters %j', async (filters, expected) => {
    expect((await listed({ filters })).join('')).toBe(expected);
  });

  it('filters by agent and team', async () => {
    expect((await listed({ filters: { agentIds: [agent.anna] } })).join('')).toBe('AE');
    expect((await listed({ filters: { teamIds: [team.North] } })).join('')).toBe('AEB');
  });

  it('shows the latest submitted score with its outcome', async () => {
    const items = (await call<{ items: LibraryItem[] }>('library.list', { sort: 'score', order: 'desc' }))
      .items;
    expect(items.map((item) => item.score)).toEqual([
      { percent: 90, outcome: 'pass' },
      { percent: 75, outcome: 'criticalFail' },
      { percent: 60, outcome: 'belowTarget' },
      null,
      null,
    ]);
  });

  it('offers agents and teams by name, case ignored', async () => {
    const facets = await call<Facets>('library.facets', {});
    expect(facets.agents.map((a) => [a.name, a.teamName])).toEqual([
      ['anna', 'North'],
      ['Bert', 'North'],
      ['carl', 'south'],
    ]);
    expect(facets.teams.map((t) => t.name)).toEqual(['North', 'south']);
  });
});

describeEachEngine('editing details on either engine', () => {
  it('finds an agent and team by name whatever their case', async () => {
    const details = await call<{ agentName: string; teamName: string; changed: boolean }>(
      'interaction.updateDetails',
      { id: id.D, details: { agentName: 'ANNA', teamName: 'north', startedAt: '2026-02-27T08:00:00+02:00' } },
    );
    expect(details).toMatchObject({ agentName: 'anna', teamName: 'North', changed: true });
    expect((await listed({ filters: { agentIds: [agent.anna] } })).join('')).toBe('ADE');
    expect(await listed({ filters: { from: '2026-02-27', to: '2026-02-27' } })).toEqual(['D']);
  });

  it('assigns many at once and removes agents and teams nothing refers to any more', async () => {
    const moved = await call<{ changed: number; total: number }>('library.assignAgent', {
      ids: [id.B, id.C, id.B],
      agentName: 'Dora',
      teamName: 'East',
    });
    expect(moved).toEqual({ changed: 2, total: 2 });
    const facets = await call<Facets>('library.facets', {});
    expect(facets.agents.map((a) => a.name)).toEqual(['anna', 'Dora']);
    expect(facets.teams.map((t) => t.name)).toEqual(['East', 'North']);
    const again = await call<{ changed: number }>('library.assignAgent', {
      ids: [id.B, id.C],
      agentName: 'dora',
      teamName: 'EAST',
    });
    expect(again.changed).toBe(0);
  });

  it('changes nothing when one interaction is missing', async () => {
    const reply = await backend.dispatch('library.assignAgent', {
      ids: [id.A, 999_999],
      agentName: 'Zed',
      teamName: null,
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await listed({ filters: { agentIds: [agent.anna] } })).join('')).toBe('ADE');
    const facets = await call<Facets>('library.facets', {});
    expect(facets.agents.map((a) => a.name)).not.toContain('Zed');
  });
});
