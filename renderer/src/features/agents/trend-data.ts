import type { TrendPoint } from '../../../../shared/api/methods/agents';
import type { Outcome } from '../../../../shared/rubric/outcome';

/** The windows a team lead picks from: a quick look, the usual, the quarter, the long view. */
export const AGENT_WINDOWS = [5, 10, 20, 50] as const;

/** `?window=20` → 20; anything not offered falls back to the default, so a stale URL still opens. */
export function windowFromSearch(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return (AGENT_WINDOWS as readonly number[]).includes(parsed) ? parsed : fallback;
}

/** One evaluation on the chart: its place in time, the overall figure and each section's. */
export interface TrendRow {
  evaluationId: number;
  interactionId: number;
  interactionTitle: string;
  rubricName: string;
  /** When the interaction took place, else when the evaluation was submitted. */
  at: string;
  result: TrendPoint['result'];
  passMark: number;
  overall: number | null;
  sections: Record<string, number | null>;
}

export interface TrendSection {
  sectionId: string;
  title: string;
}

/** The time a point stands for: the call or chat itself, which is what a coach talks about. */
export const pointTime = (point: TrendPoint) => point.startedAt ?? point.submittedAt;

/**
 * The last `window` evaluations as chart rows, oldest first by the time of the interaction, and the
 * sections that occur in them (in the order the rubric lists them, titled as most recently scored).
 */
export function trendChartData(
  trend: readonly TrendPoint[],
  window: number,
): { rows: TrendRow[]; sections: TrendSection[] } {
  const recent = trend.slice(Math.max(0, trend.length - window));
  const rows = recent
    .map((point, index) => ({ point, index }))
    .sort((a, b) => compareTime(pointTime(a.point), pointTime(b.point)) || a.index - b.index)
    .map(({ point }) => ({
      evaluationId: point.evaluationId,
      interactionId: point.interactionId,
      interactionTitle: point.interactionTitle,
      rubricName: point.rubricName,
      at: pointTime(point),
      result: point.result,
      passMark: point.passMark,
      overall: point.percent,
      sections: Object.fromEntries(point.sections.map((section) => [section.sectionId, section.percent])),
    }));
  const titles = new Map<string, string>();
  for (const point of recent)
    for (const section of point.sections) titles.set(section.sectionId, section.title);
  return { rows, sections: [...titles].map(([sectionId, title]) => ({ sectionId, title })) };
}

function compareTime(a: string, b: string): number {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return 0;
  return ta - tb;
}

/** The mean overall score over the rows that have one (a failed critical counts as its 0); null without any. */
export function meanOverall(rows: readonly TrendRow[]): number | null {
  const values = rows.map((row) => row.overall).filter((value): value is number => value !== null);
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * How many evaluations in the window passed, fell below their pass mark, or failed on a critical item
 * (a coaching topic by itself). Submitted evaluations are complete, so each has one of the three.
 */
export function outcomeCounts(rows: readonly TrendRow[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { pass: 0, belowTarget: 0, criticalFail: 0 };
  for (const row of rows) if (row.result !== 'incomplete') counts[row.result]++;
  return counts;
}

/** The pass mark to draw across the chart: only when every evaluation shown was held against the same one. */
export function sharedPassMark(rows: readonly TrendRow[]): number | null {
  const marks = new Set(rows.map((row) => row.passMark));
  return marks.size === 1 ? [...marks][0]! : null;
}
