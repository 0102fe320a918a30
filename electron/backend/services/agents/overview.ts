import type { AgentOverview, SectionAverage, TrendPoint } from '../../../../shared/api/methods/agents';
import type { AgentRef } from '../../../../shared/api/methods/coaching';
import type { Viewer } from '../../context';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';
import { momentRows, tagged, toAgentMoment } from '../coaching/moment-rows';
import { agentSight, agentVisible, notFound, readsOwnOnly } from '../viewer';
import { itemLists, itemStats } from './item-stats';
import { submittedEvaluationsOfAgent, type ScoredEvaluation } from './scored-evaluations';

const MAX_TREND_POINTS = 500;
const MAX_MOMENTS = 200;

/**
 * The agent `agentId`, if `viewer` may see them (row rules, services/viewer.ts): an agent outside the
 * viewer's sight is `not_found`, in the words of a missing one.
 */
export async function agentRef(
  q: Query,
  agentId: number,
  field = 'agentId',
  viewer?: Viewer,
): Promise<AgentRef> {
  const sight = agentSight(viewer);
  let select = q
    .selectFrom('agents as a')
    .leftJoin('teams as t', 't.id', 'a.team_id')
    .select(['a.id', 'a.name', 't.name as teamName'])
    .where('a.id', '=', agentId);
  if (sight !== null) select = select.where(agentVisible('a.id', sight));
  const row = await select.executeTakeFirst();
  if (!row) throw notFound(`${field}: there is no agent with id ${agentId}.`);
  return row;
}

/** Percents are kept to one decimal everywhere; a mean of them is rounded the same way. */
export function meanPercent(percents: readonly (number | null)[]): number | null {
  const counted = percents.filter((p): p is number => p !== null);
  if (counted.length === 0) return null;
  const tenths = counted.reduce((sum, p) => sum + Math.round(p * 10), 0);
  return Math.round(tenths / counted.length) / 10;
}

function trendPoint(evaluation: ScoredEvaluation): TrendPoint {
  const { figures } = evaluation;
  return {
    evaluationId: evaluation.id,
    interactionId: evaluation.interactionId,
    interactionTitle: evaluation.interactionTitle,
    startedAt: evaluation.interactionStartedAt,
    // Only submitted evaluations are on the page, and those always have a submit time.
    submittedAt: evaluation.submittedAt ?? '',
    rubricName: evaluation.version.rubric.name,
    percent: figures.percent,
    result: figures.result,
    passMark: figures.passMark,
    sections: figures.sections,
  };
}

/**
 * Each section's mean percent over the window, matched by section id across languages and versions
 * (courtesy and competence in the default rubric; the mystery-call checklist brings its own). Titles
 * and order follow the latest evaluation that has the section.
 */
function sectionAverages(window: readonly ScoredEvaluation[]): SectionAverage[] {
  const sections = new Map<string, { title: string; percents: number[] }>();
  for (const evaluation of [...window].reverse()) {
    for (const section of evaluation.breakdown.sections) {
      let entry = sections.get(section.sectionId);
      if (!entry) sections.set(section.sectionId, (entry = { title: section.title, percents: [] }));
      if (section.percent !== null) entry.percents.push(section.percent);
    }
  }
  return [...sections].map(([sectionId, { title, percents }]) => ({
    sectionId,
    title,
    percent: meanPercent(percents),
    evaluationCount: percents.length,
  }));
}

/** The agent page: trend, section means and items over the last `window` submitted evaluations, tagged moments. */
export async function agentOverview(
  database: Database,
  params: { agentId: number; window: number; itemCount: number },
  viewer?: Viewer,
): Promise<AgentOverview> {
  const q = database.query;
  const agent = await agentRef(q, params.agentId, 'agentId', viewer);
  const evaluations = await submittedEvaluationsOfAgent(database, q, agent.id, MAX_TREND_POINTS);
  const window = evaluations.slice(-params.window);
  const stats = itemStats(window);
  const moments = await momentRows(q, (m) =>
    m
      .where('i.agent_id', '=', agent.id)
      .where(tagged)
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(MAX_MOMENTS),
  );
  return {
    agent,
    window: params.window,
    trend: evaluations.map(trendPoint),
    sections: sectionAverages(window),
    ...itemLists(stats, params.itemCount),
    // Moments are reviewers' working pins (drafts' included): an agent reads the submitted evaluations.
    moments: readsOwnOnly(viewer) ? [] : moments.map(toAgentMoment),
  };
}
