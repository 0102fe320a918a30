import type { MysteryReport } from '../../../../shared/api/methods/mystery';
import type { ParsedParams } from '../../../../shared/api';
import type { EvaluationAnswers } from '../../../../shared/rubric/answers';
import { scoreEvaluation } from '../../../../shared/rubric/scoring';
import { sql, type SqlBool } from 'kysely';
import type { Query } from '../../db/schema';
import { loadVersion, type VersionContent } from '../rubrics/version-cache';
import type { Viewer } from '../../context';
import { agentSight, shopVisible } from '../viewer';

/** The checklist item whose answers show how the provocative question was handled (built-in checklist). */
export const PROVOCATIVE_ITEM = 'provocative-question';

interface ReportRow {
  shop_id: string;
  wave: string;
  occurred_at: string;
  team: string;
  scenario: string;
  rubric_version_id: number;
  answers: string;
  percent: number | null;
  passed: 0 | 1;
}

interface Tally {
  shops: number;
  sum: number;
  scored: number;
  passed: number;
}

const emptyTally = (): Tally => ({ shops: 0, sum: 0, scored: 0, passed: 0 });

function add(tally: Tally, row: ReportRow): void {
  tally.shops += 1;
  tally.passed += row.passed;
  if (row.percent !== null) {
    tally.sum += row.percent;
    tally.scored += 1;
  }
}

const figures = ({ shops, sum, scored, passed }: Tally) => ({
  shops,
  meanPercent: scored === 0 ? null : Math.round((sum / scored) * 10) / 10,
  passed,
});

function tallyBy<K extends string>(rows: readonly ReportRow[], keyOf: (row: ReportRow) => K): Map<K, Tally> {
  const tallies = new Map<K, Tally>();
  for (const row of rows) {
    const key = keyOf(row);
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = emptyTally()));
    add(tally, row);
  }
  return tallies;
}

/**
 * Results per team or per scenario over time. Only shops that stand as results count (submitted,
 * queried, confirmed): a draft is unfinished and never counts. Agents are not named here at all; the
 * domain wants teams and scenarios compared, never people ranked.
 */
export async function mysteryReport(
  q: Query,
  params: ParsedParams<'mystery.report'>,
  viewer?: Viewer,
): Promise<MysteryReport> {
  const sight = agentSight(viewer);
  let select = q
    .selectFrom('mystery_shops as s')
    .leftJoin('mystery_scenarios as sc', 'sc.id', 's.scenario_id')
    .select([
      's.shop_id',
      's.wave',
      's.occurred_at',
      's.team',
      sql<string>`coalesce(sc.title, s.scenario_text)`.as('scenario'),
      's.rubric_version_id',
      's.answers',
      's.percent',
      sql<0 | 1>`CASE WHEN s.result = 'pass' AND s.outcome = 'pass' THEN 1 ELSE 0 END`.as('passed'),
    ])
    .where('s.status', '<>', 'draft');
  if (params.from !== undefined)
    select = select.where(sql<SqlBool>`substr(s.occurred_at, 1, 10) >= ${params.from}`);
  if (params.to !== undefined)
    select = select.where(sql<SqlBool>`substr(s.occurred_at, 1, 10) <= ${params.to}`);
  if (params.wave !== undefined) select = select.where('s.wave', '=', params.wave);
  // A team lead's report covers the teams they lead (services/viewer.ts).
  if (sight !== null) select = select.where(shopVisible(sight));
  const rows: ReportRow[] = await select.orderBy('s.occurred_at').orderBy('s.shop_id').execute();
  const versions = new Map<number, VersionContent>();
  for (const row of rows) {
    if (!versions.has(row.rubric_version_id))
      versions.set(row.rubric_version_id, await loadVersion(q, row.rubric_version_id));
  }

  const groupOf = (row: ReportRow) => (params.by === 'team' ? row.team : row.scenario);
  const groups = [...tallyBy(rows, groupOf)]
    .map(([key, tally]) => ({ key, ...figures(tally) }))
    .sort((a, b) => b.shops - a.shops || a.key.localeCompare(b.key));

  const all = emptyTally();
  for (const row of rows) add(all, row);

  const shown = params.key === undefined ? rows : rows.filter((row) => groupOf(row) === params.key);
  const periodOf = (row: ReportRow) => (params.per === 'wave' ? row.wave : row.occurred_at.slice(0, 7));
  // Waves in the order they happened: the first shop of each decides, as rows come oldest first.
  const trend = [...tallyBy(shown, periodOf)].map(([period, tally]) => ({ period, ...figures(tally) }));
  if (params.per === 'month') trend.sort((a, b) => a.period.localeCompare(b.period));

  return {
    by: params.by,
    per: params.per,
    all: figures(all),
    groups,
    trend,
    ...checklistFigures(
      versions,
      shown,
      periodOf,
      trend.map((t) => t.period),
    ),
  };
}

/**
 * Per item: how many shops answered it (n.a. and unanswered left out) and how many earned its full
 * points. The provocative question's chosen options per period. Titles and options come from the
 * latest shop that has the item, so a renamed item shows its current name.
 */
function checklistFigures(
  versions: ReadonlyMap<number, VersionContent>,
  rows: readonly ReportRow[],
  periodOf: (row: ReportRow) => string,
  periods: readonly string[],
): Pick<MysteryReport, 'items' | 'provocative'> {
  const items = new Map<string, { title: string; answered: number; passed: number; order: number }>();
  let provocative: NonNullable<MysteryReport['provocative']> | null = null;
  const counts = new Map<string, Record<string, number>>();
  for (const row of [...rows].reverse()) {
    const version = versions.get(row.rubric_version_id)!;
    const answers = JSON.parse(row.answers) as EvaluationAnswers;
    const { items: scored } = scoreEvaluation(version.rubric, answers);
    for (const score of scored) {
      if (score.status !== 'counted' || score.possible <= 0) continue;
      let tally = items.get(score.itemId);
      if (!tally) {
        const order = version.itemOrder.get(score.itemId) ?? Number.MAX_SAFE_INTEGER;
        items.set(score.itemId, (tally = { title: score.title, answered: 0, passed: 0, order }));
      }
      tally.answered += 1;
      if (score.earned >= score.possible) tally.passed += 1;
    }
    const item = version.items.get(PROVOCATIVE_ITEM)?.item;
    const answer = answers.find((a) => a.itemId === PROVOCATIVE_ITEM)?.value;
    if (item?.type !== 'choice' || answer?.kind !== 'choice') continue;
    provocative ??= {
      title: item.title,
      options: item.options.map((o) => ({ id: o.id, label: o.label, fail: o.fail })),
      periods: [],
    };
    const period = periodOf(row);
    const tally = counts.get(period) ?? {};
    tally[answer.optionId] = (tally[answer.optionId] ?? 0) + 1;
    counts.set(period, tally);
  }
  if (provocative) {
    // The trend's periods, in its order, so the two charts line up (a period without answers: no counts).
    provocative.periods = periods.map((period) => ({ period, counts: counts.get(period) ?? {} }));
  }
  return {
    items: [...items]
      .sort(([, a], [, b]) => a.order - b.order)
      .map(([itemId, { title, answered, passed }]) => ({ itemId, title, answered, passed })),
    provocative,
  };
}
