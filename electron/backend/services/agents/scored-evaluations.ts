import type { ScoreFigures } from '../../../../shared/api/methods/rubrics';
import type { Answer } from '../../../../shared/rubric/answers';
import { isFailAnswer } from '../../../../shared/rubric/items';
import { scoreEvaluation, type ItemScore, type ScoreBreakdown } from '../../../../shared/rubric/scoring';
import type { Outcome } from '../../../../shared/rubric/outcome';
import { sql, type RawBuilder } from 'kysely';
import type { Database, Engine } from '../../db/database';
import type { Query } from '../../db/schema';
import { answersOf } from '../evaluations/answers';
import { shownFigures, storedScoreOf } from '../evaluations/score';
import { loadVersion, type VersionContent } from '../rubrics/version-cache';

/**
 * Evaluations as the agent page and coaching show them. The overall figure is `figures`, the same the
 * library and the evaluation screens show (see shownFigures: stored at submit for a submitted one);
 * the breakdown, scored from the answers with the evaluation's own rubric version, gives what is not
 * stored: section percents and item points. A page's answers are read in one query.
 */
export interface ScoredEvaluation {
  id: number;
  interactionId: number;
  interactionTitle: string;
  interactionStartedAt: string | null;
  agentId: number | null;
  state: 'draft' | 'submitted';
  submittedAt: string | null;
  /** Submitted once at least: a draft that never was can be discarded, so nothing may point at it. */
  everSubmitted: boolean;
  version: VersionContent;
  answers: Answer[];
  breakdown: ScoreBreakdown;
  /** Overall percent, result and pass mark as every screen shows them; sections from the breakdown. */
  figures: ScoreFigures;
}

export interface EvaluationRow {
  id: number;
  interaction_id: number;
  interaction_title: string;
  interaction_started_at: string | null;
  agent_id: number | null;
  state: 'draft' | 'submitted';
  submitted_at: string | null;
  ever_submitted: 0 | 1;
  rubric_version_id: number;
  score_percent: number | null;
  score_outcome: Outcome | null;
}

function score(row: EvaluationRow, version: VersionContent, answers: Answer[]): ScoredEvaluation {
  const breakdown = scoreEvaluation(version.rubric, answers);
  return {
    id: row.id,
    interactionId: row.interaction_id,
    interactionTitle: row.interaction_title,
    interactionStartedAt: row.interaction_started_at,
    agentId: row.agent_id,
    state: row.state,
    submittedAt: row.submitted_at,
    everSubmitted: row.ever_submitted === 1,
    version,
    answers,
    breakdown,
    figures: shownFigures(breakdown, storedScoreOf(row)),
  };
}

/** Scores evaluation rows, reading their versions (cached) and all their answers in one query. */
export async function scoreRows(q: Query, rows: readonly EvaluationRow[]): Promise<ScoredEvaluation[]> {
  const versions: { id: number; version: VersionContent }[] = [];
  for (const row of rows) versions.push({ id: row.id, version: await loadVersion(q, row.rubric_version_id) });
  const answers = await answersOf(q, versions);
  return versions.map(({ id, version }, n) => score(rows[n]!, version, answers.get(id) ?? []));
}

/** Evaluation rows (`e`) with their interaction (`i`), on either engine; callers add WHERE / ORDER BY. */
export const selectEvaluations = (q: Query) =>
  q
    .selectFrom('evaluations as e')
    .innerJoin('interactions as i', 'i.id', 'e.interaction_id')
    .select([
      'e.id',
      'e.interaction_id',
      'i.title as interaction_title',
      'i.started_at as interaction_started_at',
      'i.agent_id',
      'e.state',
      'e.submitted_at',
      'e.rubric_version_id',
      'e.score_percent',
      'e.score_outcome',
      sql<0 | 1>`CASE WHEN EXISTS (SELECT 1 FROM evaluation_audit au
        WHERE au.evaluation_id = e.id AND au.action = 'submitted') THEN 1 ELSE 0 END`.as('ever_submitted'),
    ]);

/** Ids per statement: far below either engine's parameter limit. */
const CHUNK = 1000;

/** The evaluations with these ids, in the order given; ids that do not exist are left out. */
export async function scoredEvaluationsByIds(q: Query, ids: readonly number[]): Promise<ScoredEvaluation[]> {
  if (ids.length === 0) return [];
  const rows: EvaluationRow[] = [];
  for (let start = 0; start < ids.length; start += CHUNK) {
    rows.push(
      ...((await selectEvaluations(q)
        .where('e.id', 'in', ids.slice(start, start + CHUNK))
        .execute()) as EvaluationRow[]),
    );
  }
  const byId = new Map(rows.map((row) => [row.id, row]));
  return scoreRows(
    q,
    ids.flatMap((id) => byId.get(id) ?? []),
  );
}

/**
 * How evaluations of one agent are ordered in time: by when the call took place (the trend chart's time
 * axis), or by the submit time when that is unknown, so a call reviewed late still shows how the agent
 * worked back then. julianday() reads the stored ISO times with or without a zone offset.
 */
const EVALUATION_TIME = 'julianday(coalesce(i.started_at, e.submitted_at))';

/**
 * EVALUATION_TIME on either engine, as raw SQL over `i` and `e`. On PostgreSQL a time without a zone
 * is read as UTC, as julianday() does (not in the session's zone), and text that is no ISO time is
 * NULL there too instead of failing the query.
 */
export function evaluationTime(engine: Engine): RawBuilder<unknown> {
  if (engine === 'sqlite') return sql.raw(EVALUATION_TIME);
  const at = sql`coalesce(i.started_at, e.submitted_at)`;
  const iso =
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?([zZ]|[+-][0-9]{2}(:?[0-9]{2})?)?$';
  return sql`(CASE WHEN ${at} !~ ${iso} THEN NULL
    WHEN ${at} ~ '([zZ]|[+-][0-9]{2}(:?[0-9]{2})?)$' AND ${at} ~ 'T|:' THEN (${at})::timestamptz
    ELSE (${at} || '+00:00')::timestamptz END)`;
}

/** Latest first on either engine; what has no time comes last, as on SQLite. */
export const latestFirst = (engine: Engine): RawBuilder<unknown> =>
  engine === 'sqlite'
    ? sql.raw(`${EVALUATION_TIME} DESC, e.submitted_at DESC, e.id DESC`)
    : sql`${evaluationTime(engine)} DESC NULLS LAST, e.submitted_at DESC NULLS LAST, e.id DESC`;

/** The latest `limit` submitted evaluations of an agent's calls and chats, oldest first. */
export async function submittedEvaluationsOfAgent(
  database: Database,
  q: Query,
  agentId: number,
  limit: number,
): Promise<ScoredEvaluation[]> {
  const rows = (await selectEvaluations(q)
    .where('i.agent_id', '=', agentId)
    .where('e.state', '=', 'submitted')
    .orderBy(latestFirst(database.engine))
    .limit(limit)
    .execute()) as EvaluationRow[];
  return scoreRows(q, rows.reverse());
}

/** One item as an evaluation scored it, with whether the answer failed it (a no, a 0, a fail option). */
export interface ItemOutcome {
  score: ItemScore;
  /** Section title in the evaluation's own version and language. */
  sectionTitle: string;
  missed: boolean;
}

/**
 * The items an evaluation counted (answered, not n.a., worth something). An item worth nothing (weight
 * 0) is left out: it cannot be weak or strong.
 */
export function countedItems(evaluation: ScoredEvaluation): ItemOutcome[] {
  const answers = new Map(evaluation.answers.map((answer) => [answer.itemId, answer]));
  const sections = new Map(evaluation.version.rubric.sections.map((s) => [s.id, s.title]));
  return evaluation.breakdown.items.flatMap((score) => {
    if (score.status !== 'counted' || score.possible <= 0) return [];
    const item = evaluation.version.items.get(score.itemId)?.item;
    const value = answers.get(score.itemId)?.value ?? null;
    const failed = item !== undefined && value !== null && isFailAnswer(item, value);
    return [
      { score, sectionTitle: sections.get(score.sectionId) ?? '', missed: score.earned === 0 || failed },
    ];
  });
}

/**
 * Items are the same criterion across a rubric's languages and versions when they share their id and
 * their section's id. The section is part of the key because item ids are only unique within a rubric:
 * the mystery-call checklist has its own 'greeting' and 'product-knowledge', scored differently.
 */
export const itemKey = (sectionId: string, itemId: string) => JSON.stringify([sectionId, itemId]);
