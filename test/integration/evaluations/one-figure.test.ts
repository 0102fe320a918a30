import { beforeEach, afterEach, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { LibraryItem } from '../../../shared/api';
import type { AgentListEntry, AgentOverview } from '../../../shared/api/methods/agents';
import type { CoachingSession } from '../../../shared/api/methods/coaching';
import type { EvaluationDetail, EvaluationSummary } from '../../../shared/api/methods/evaluations';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { call, callAs } from '../../support/backend';
import { TestClock } from '../../support/clock';
import { countEngineQueries } from '../../support/query-count';
import { ANNA_CALL, ANNA_CHAT, buildWorld, submitEvaluation, type World } from '../coaching/fixture';

/**
 * One source for each figure: an evaluation's overall percent and result are the same in the library,
 * on the agent page (trend and the agents list), in a coaching session and in the evaluation list and
 * screen. The truth is the score stored when it was submitted (services/evaluations/score.ts); answers
 * are read only where item and section figures need them, one query per page.
 */
let backend: Backend;
let cleanup: () => Promise<void>;
let world: World;
let answerReads: ReturnType<typeof countEngineQueries>;
let clock: TestClock;

beforeEach(async () => {
  clock = new TestClock('2026-11-20T09:00:00Z');
  ({ backend, cleanup } = await engineBackend({ clock }));
  // As the query layer writes it: `from "evaluation_answers"`.
  answerReads = countEngineQueries(backend, /\bfrom "?evaluation_answers\b/i);
  world = await buildWorld(backend);
});
afterEach(() => cleanup());

const anna = () => world.agents['Anna Berg']!;
const callId = () => world.interactions[ANNA_CALL]!.id;

interface Figure {
  percent: number | null;
  result: string;
}

/** The evaluation's overall figure wherever it is shown. */
async function figuresEverywhere(evaluationId: number, sessionId: number): Promise<Record<string, Figure>> {
  const library = await call<{ items: LibraryItem[] }>(backend, 'library.list', { limit: 100 });
  const row = library.items.find((item) => item.id === callId())!;
  const page = await call<AgentOverview>(backend, 'agent.overview', { agentId: anna().id });
  const point = page.trend.find((p) => p.evaluationId === evaluationId)!;
  const session = await call<CoachingSession>(backend, 'coaching.get', { id: sessionId });
  const linked = session.evaluations.find((e) => e.id === evaluationId)!;
  const list = await call<{ items: EvaluationSummary[] }>(backend, 'evaluation.list', {
    agentId: anna().id,
  });
  const summary = list.items.find((e) => e.id === evaluationId)!;
  const detail = await call<EvaluationDetail>(backend, 'evaluation.get', { id: evaluationId });
  const agents = await call<AgentListEntry[]>(backend, 'agent.list', {});
  return {
    library: { percent: row.score!.percent, result: row.score!.outcome },
    agentPage: { percent: point.percent, result: point.result },
    agentList: { percent: agents.find((a) => a.id === anna().id)!.recentPercent, result: point.result },
    coaching: { percent: linked.percent, result: linked.result },
    evaluationList: { percent: summary.score.percent, result: summary.score.result },
    evaluation: { percent: detail.score.percent, result: detail.score.result },
  };
}

const allOf = (figure: Figure) =>
  Object.fromEntries(
    ['library', 'agentPage', 'agentList', 'coaching', 'evaluationList', 'evaluation'].map((place) => [
      place,
      figure,
    ]),
  );

async function evaluatedAndCoached() {
  const evaluationId = await submitEvaluation(world, callId(), {
    greeting: false,
    polite: true,
    knowledge: 2,
  });
  const session = await call<CoachingSession>(backend, 'coaching.create', {
    agentId: anna().id,
    heldOn: '2026-11-20',
    evaluationIds: [evaluationId],
  });
  return { evaluationId, sessionId: session.id };
}

describeEachEngine('an evaluation’s overall figure', () => {
  it('is the same in the library, on the agent page, in coaching and in the evaluation list', async () => {
    const { evaluationId, sessionId } = await evaluatedAndCoached();
    // Greeting missed (1 of 4 points): 75 %, under the pass mark of 80.
    expect(await figuresEverywhere(evaluationId, sessionId)).toEqual(
      allOf({ percent: 75, result: 'belowTarget' }),
    );
  });

  it('moves everywhere at once when the evaluation is reopened, changed and submitted again', async () => {
    const { evaluationId, sessionId } = await evaluatedAndCoached();
    await callAs(backend, world.maria.id, 'evaluation.reopen', { id: evaluationId, reason: 'Heard it' });
    await callAs(backend, world.maria.id, 'evaluation.saveDraft', {
      id: evaluationId,
      answers: [{ itemId: 'greeting', value: { kind: 'yes' } }],
    });
    await callAs(backend, world.maria.id, 'evaluation.submit', { id: evaluationId });
    expect(await figuresEverywhere(evaluationId, sessionId)).toEqual(allOf({ percent: 100, result: 'pass' }));
  });

  it('is the one stored at submit, also where scoring from the answers today would say otherwise', async () => {
    const { evaluationId, sessionId } = await evaluatedAndCoached();
    // As if the scoring rules had changed since: the figure the reviewer submitted stays the figure.
    await backend.database.query
      .updateTable('evaluations')
      .set({ score_percent: 62.5, score_outcome: 'belowTarget' })
      .where('id', '=', evaluationId)
      .execute();
    expect(await figuresEverywhere(evaluationId, sessionId)).toEqual(
      allOf({ percent: 62.5, result: 'belowTarget' }),
    );
  });
});

describeEachEngine('answers', () => {
  it('are read in one query per page, however many evaluations it shows', async () => {
    const evaluationIds: number[] = [];
    for (let n = 0; n < 6; n++) {
      clock.advance();
      const interaction = n % 2 ? ANNA_CHAT : ANNA_CALL;
      const knowledge = (n % 3) as 0 | 1 | 2;
      evaluationIds.push(
        await submitEvaluation(world, world.interactions[interaction]!.id, {
          greeting: true,
          polite: true,
          knowledge,
        }),
      );
    }
    const session = await call<CoachingSession>(backend, 'coaching.create', {
      agentId: anna().id,
      heldOn: '2026-11-20',
      evaluationIds,
    });
    const reads = async (method: string, params: unknown) => {
      answerReads.reset();
      await call(backend, method, params);
      return answerReads.count;
    };
    expect(await reads('agent.overview', { agentId: anna().id })).toBe(1);
    expect(await reads('coaching.get', { id: session.id })).toBe(1);
    expect(await reads('evaluation.list', { agentId: anna().id })).toBe(1);
    // The overall figures alone need no answers at all.
    expect(await reads('agent.list', {})).toBe(0);
    expect(await reads('library.list', { limit: 100 })).toBe(0);
  });
});
