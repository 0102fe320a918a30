import type { AgentOverview, SectionAverage, TrendPoint } from '../../../../shared/api/methods/agents';
import type { AgentRef } from '../../../../shared/api/methods/coaching';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { SELECT_MOMENT_ROWS, toAgentMoment, type MomentRow } from '../coaching/moment-rows';
import { itemStats, strongestItems, weakestItems } from './item-stats';
import { submittedEvaluationsOfAgent, type ScoredEvaluation } from './scored-evaluations';

const MAX_TREND_POINTS = 500;
const MAX_MOMENTS = 200;

export function agentRef(db: Db, agentId: number, field = 'agentId'): AgentRef {
  const row = db
    .prepare(
      'SELECT a.id, a.name, t.name AS teamName FROM agents a LEFT JOIN teams t ON t.id = a.team_id WHERE a.id = ?',
    )
    .get(agentId) as AgentRef | undefined;
  if (!row) throw new EarmarkError('not_found', `${field}: there is no agent with id ${agentId}.`);
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
export function agentOverview(
  db: Db,
  params: { agentId: number; window: number; itemCount: number },
): AgentOverview {
  const agent = agentRef(db, params.agentId);
  const evaluations = submittedEvaluationsOfAgent(db, agent.id, MAX_TREND_POINTS);
  const window = evaluations.slice(-params.window);
  const stats = itemStats(window);
  const moments = db
    .prepare(
      `${SELECT_MOMENT_ROWS}
       WHERE i.agent_id = ? AND EXISTS (SELECT 1 FROM moment_tags x WHERE x.moment_id = m.id)
       ORDER BY m.created_at DESC, m.id DESC LIMIT ?`,
    )
    .all(agent.id, MAX_MOMENTS) as MomentRow[];
  return {
    agent,
    window: params.window,
    trend: evaluations.map(trendPoint),
    sections: sectionAverages(window),
    weakest: weakestItems(stats, params.itemCount),
    strongest: strongestItems(stats, params.itemCount),
    moments: moments.map(toAgentMoment),
  };
}
