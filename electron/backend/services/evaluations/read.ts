import type {
  AuditEntry,
  EvaluationDetail,
  EvaluationSummary,
} from '../../../../shared/api/methods/evaluations';
import type { ParsedParams } from '../../../../shared/api';
import type { ReviewerRole } from '../../../../shared/api/methods/profiles';
import type { Answer } from '../../../../shared/rubric/answers';
import type { Outcome } from '../../../../shared/rubric/outcome';
import { scoreEvaluation } from '../../../../shared/rubric/scoring';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { versionContent } from '../rubrics/version-cache';
import { loadAnswers, loadAnswersOf } from './answers';
import { shownFigures, storedScoreOf } from './score';
import { statement } from './statements';

export interface EvaluationRow {
  id: number;
  interaction_id: number;
  rubric_version_id: number;
  reviewer_id: number;
  state: 'draft' | 'submitted';
  revision: number;
  overall_comment: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  interaction_title: string;
  interaction_kind: 'call' | 'chat';
  interaction_started_at: string | null;
  agent_name: string | null;
  team_name: string | null;
  rubric_id: number;
  reviewer_name: string;
  reviewer_role: ReviewerRole;
  score_percent: number | null;
  score_outcome: Outcome | null;
}

const SELECT_EVALUATION = `SELECT e.*, i.title AS interaction_title, i.kind AS interaction_kind,
    i.started_at AS interaction_started_at, a.name AS agent_name, t.name AS team_name,
    v.rubric_id, p.name AS reviewer_name, p.role AS reviewer_role
  FROM evaluations e
  JOIN interactions i ON i.id = e.interaction_id
  LEFT JOIN agents a ON a.id = i.agent_id
  LEFT JOIN teams t ON t.id = a.team_id
  JOIN rubric_versions v ON v.id = e.rubric_version_id
  JOIN reviewer_profiles p ON p.id = e.reviewer_id`;

export function evaluationRow(db: Db, id: number): EvaluationRow {
  const row = statement(db, `${SELECT_EVALUATION} WHERE e.id = ?`).get(id) as EvaluationRow | undefined;
  if (!row) throw new EarmarkError('not_found', `id: there is no evaluation with id ${id}.`);
  return row;
}

/** `answers` are the evaluation's own: its figures are scored from them where nothing is stored. */
function toSummary(db: Db, row: EvaluationRow, answers: readonly Answer[]): EvaluationSummary {
  const version = versionContent(db, row.rubric_version_id);
  return {
    id: row.id,
    interactionId: row.interaction_id,
    interactionTitle: row.interaction_title,
    interactionKind: row.interaction_kind,
    agentName: row.agent_name,
    teamName: row.team_name,
    startedAt: row.interaction_started_at,
    rubricId: row.rubric_id,
    // The name it was scored under: a later version may rename the rubric.
    rubricName: version.rubric.name,
    rubricVersionId: row.rubric_version_id,
    rubricVersion: version.version,
    reviewer: { id: row.reviewer_id, name: row.reviewer_name, role: row.reviewer_role },
    state: row.state,
    score: shownFigures(scoreEvaluation(version.rubric, answers), storedScoreOf(row)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
  };
}

interface AuditRow {
  id: number;
  action: AuditEntry['action'];
  at: string;
  reviewer_id: number;
  reviewer_name: string;
  reviewer_role: ReviewerRole;
  reason: string | null;
  changes: string;
}

export function auditTrail(db: Db, evaluationId: number): AuditEntry[] {
  const rows = statement(
    db,
    `SELECT a.id, a.action, a.at, a.reviewer_id, p.name AS reviewer_name, p.role AS reviewer_role, a.reason, a.changes
     FROM evaluation_audit a JOIN reviewer_profiles p ON p.id = a.reviewer_id
     WHERE a.evaluation_id = ? ORDER BY a.id`,
  ).all(evaluationId) as AuditRow[];
  return rows.map((row) => ({
    id: row.id,
    action: row.action,
    at: row.at,
    reviewer: { id: row.reviewer_id, name: row.reviewer_name, role: row.reviewer_role },
    reason: row.reason,
    changes: JSON.parse(row.changes) as AuditEntry['changes'],
  }));
}

export function getEvaluation(db: Db, id: number): EvaluationDetail {
  const row = evaluationRow(db, id);
  const version = versionContent(db, row.rubric_version_id);
  const answers = loadAnswers(db, id, version);
  return {
    ...toSummary(db, row, answers),
    rubric: version.rubric,
    answers,
    overallComment: row.overall_comment,
    revision: row.revision,
    audit: auditTrail(db, id),
  };
}

/** Newest first; filters combine. */
export function listEvaluations(
  db: Db,
  query: ParsedParams<'evaluation.list'>,
): { total: number; items: EvaluationSummary[] } {
  const where: string[] = [];
  const params: (number | string)[] = [];
  if (query.interactionId !== undefined) {
    where.push('e.interaction_id = ?');
    params.push(query.interactionId);
  }
  if (query.agentId !== undefined) {
    where.push('e.interaction_id IN (SELECT id FROM interactions WHERE agent_id = ?)');
    params.push(query.agentId);
  }
  if (query.rubricId !== undefined) {
    where.push('v.rubric_id = ?');
    params.push(query.rubricId);
  }
  if (query.reviewerId !== undefined) {
    where.push('e.reviewer_id = ?');
    params.push(query.reviewerId);
  }
  if (query.state !== undefined) {
    where.push('e.state = ?');
    params.push(query.state);
  }
  const filter = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  const total = db
    .prepare(
      `SELECT count(*) FROM evaluations e JOIN rubric_versions v ON v.id = e.rubric_version_id${filter}`,
    )
    .pluck()
    .get(...params) as number;
  const rows = db
    .prepare(`${SELECT_EVALUATION}${filter} ORDER BY e.updated_at DESC, e.id DESC LIMIT ? OFFSET ?`)
    .all(...params, query.limit, query.offset) as EvaluationRow[];
  // One query for the whole page's answers, not one per evaluation.
  const answersOf = loadAnswersOf(
    db,
    rows.map((row) => ({ id: row.id, version: versionContent(db, row.rubric_version_id) })),
  );
  return { total, items: rows.map((row) => toSummary(db, row, answersOf.get(row.id) ?? [])) };
}
