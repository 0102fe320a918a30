import type { ScoreFigures } from '../../../../shared/api/methods/rubrics';
import type { Answer } from '../../../../shared/rubric/answers';
import { isFailAnswer } from '../../../../shared/rubric/items';
import { scoreEvaluation, type ItemScore, type ScoreBreakdown } from '../../../../shared/rubric/scoring';
import type { Outcome } from '../../../../shared/rubric/outcome';
import { sql, type RawBuilder } from 'kysely';
import type { Engine } from '../../db/database';
import type { Db } from '../../db/open';
import { loadAnswersOf } from '../evaluations/answers';
import { shownFigures, storedScoreOf } from '../evaluations/score';
import { versionContent, type VersionContent } from '../rubrics/version-cache';

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

/** Columns of EvaluationRow, from `e` (the evaluation) and `i` (its interaction). */
export const EVALUATION_COLUMNS = `e.id, e.interaction_id, i.title AS interaction_title,
    i.started_at AS interaction_started_at, i.agent_id, e.state, e.submitted_at, e.rubric_version_id,
    e.score_percent, e.score_outcome,
    EXISTS (SELECT 1 FROM evaluation_audit au WHERE au.evaluation_id = e.id AND au.action = 'submitted') AS ever_submitted`;
export const EVALUATIONS_FROM = 'evaluations e JOIN interactions i ON i.id = e.interaction_id';
const SELECT_EVALUATIONS = `SELECT ${EVALUATION_COLUMNS} FROM ${EVALUATIONS_FROM}`;

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

/** Scores evaluation rows read with SELECT_EVALUATIONS' columns, reading all their answers in one query. */
export function scoreRows(db: Db, rows: readonly EvaluationRow[]): ScoredEvaluation[] {
  const versions = rows.map((row) => ({ id: row.id, version: versionContent(db, row.rubric_version_id) }));
  const answersOf = loadAnswersOf(db, versions);
  return versions.map(({ id, version }, n) => score(rows[n]!, version, answersOf.get(id) ?? []));
}

/** The evaluations with these ids, in the order given; ids that do not exist are left out. */
export function scoredEvaluationsByIds(db: Db, ids: readonly number[]): ScoredEvaluation[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(`${SELECT_EVALUATIONS} WHERE e.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as EvaluationRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return scoreRows(
    db,
    ids.flatMap((id) => byId.get(id) ?? []),
  );
}

/**
 * How evaluations of one agent are ordered in time: by when the call took place (the trend chart's time
 * axis), or by the submit time when that is unknown, so a call reviewed late still shows how the agent
 * worked back then. julianday() reads the stored ISO times with or without a zone offset.
 */
export const EVALUATION_TIME = 'julianday(coalesce(i.started_at, e.submitted_at))';
export const LATEST_FIRST = `${EVALUATION_TIME} DESC, e.submitted_at DESC, e.id DESC`;

/**
 * EVALUATION_TIME on either engine, as raw SQL over `i` and `e`. PostgreSQL reads a time without a
 * zone as UTC, as julianday() does, instead of in the session's zone.
 */
export function evaluationTime(engine: Engine): RawBuilder<unknown> {
  if (engine === 'sqlite') return sql.raw(EVALUATION_TIME);
  const at = sql`coalesce(i.started_at, e.submitted_at)`;
  return sql`(CASE WHEN ${at} ~ '([zZ]|[+-][0-9]{2}(:?[0-9]{2})?)$' THEN (${at})::timestamptz
    ELSE (${at} || '+00:00')::timestamptz END)`;
}

/** LATEST_FIRST on either engine. */
export const latestFirst = (engine: Engine): RawBuilder<unknown> =>
  sql`${evaluationTime(engine)} DESC, e.submitted_at DESC, e.id DESC`;

/** The latest `limit` submitted evaluations of an agent's calls and chats, oldest first. */
export function submittedEvaluationsOfAgent(db: Db, agentId: number, limit: number): ScoredEvaluation[] {
  const rows = db
    .prepare(
      `${SELECT_EVALUATIONS} WHERE i.agent_id = ? AND e.state = 'submitted' ORDER BY ${LATEST_FIRST} LIMIT ?`,
    )
    .all(agentId, limit) as EvaluationRow[];
  return scoreRows(db, rows.reverse());
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
