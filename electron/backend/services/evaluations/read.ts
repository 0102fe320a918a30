import type {
  AgentResponse,
  AuditEntry,
  EarlierAgentResponse,
  EvaluationDetail,
  EvaluationSummary,
} from '../../../../shared/api/methods/evaluations';
import type { ParsedParams } from '../../../../shared/api';
import type { Answer } from '../../../../shared/rubric/answers';
import { scoreEvaluation } from '../../../../shared/rubric/scoring';
import type { Viewer } from '../../context';
import { prepared } from '../../db/prepared';
import type { Query } from '../../db/schema';
import { agentSight, agentVisible, notFound, readsOwnOnly, seesAgent } from '../viewer';
import { loadVersion, type VersionContent } from '../rubrics/version-cache';
import { answersOf, loadAnswers } from './answers';
import { shownFigures, storedScoreOf } from './score';

/** An evaluation with its interaction, agent, team, rubric and reviewer, as lists and details show it. */
function selectEvaluations(q: Query) {
  // The evaluation's columns named, not `e.*`: a named statement (db/prepared.ts) fails once a
  // migration adds a column.
  return (
    q
      .selectFrom('evaluations as e')
      .innerJoin('interactions as i', 'i.id', 'e.interaction_id')
      .leftJoin('agents as a', 'a.id', 'i.agent_id')
      .leftJoin('teams as t', 't.id', 'a.team_id')
      .innerJoin('rubric_versions as v', 'v.id', 'e.rubric_version_id')
      .innerJoin('reviewer_profiles as p', 'p.id', 'e.reviewer_id')
      // The agent's answer to the evaluation's latest submission: a resubmitted one is unanswered again.
      .leftJoin('evaluation_responses as r', (join) =>
        join.onRef('r.evaluation_id', '=', 'e.id').on('r.submission_id', '=', (eb) =>
          eb
            .selectFrom('evaluation_audit as s')
            .select((sb) => sb.fn.max('s.id').as('latest'))
            .whereRef('s.evaluation_id', '=', 'e.id')
            .where('s.action', '=', 'submitted'),
        ),
      )
      .leftJoin('reviewer_profiles as rp', 'rp.id', 'r.profile_id')
      .select([
        'e.id',
        'e.interaction_id',
        'e.rubric_version_id',
        'e.reviewer_id',
        'e.state',
        'e.revision',
        'e.overall_comment',
        'e.created_at',
        'e.updated_at',
        'e.updated_by',
        'e.submitted_at',
        'e.score_percent',
        'e.score_outcome',
        'i.agent_id',
        'r.id as response_id',
        'r.response',
        'r.reason as response_reason',
        'r.at as response_at',
        'r.profile_id as response_by_id',
        'rp.name as response_by_name',
        'rp.role as response_by_role',
        'i.title as interaction_title',
        'i.kind as interaction_kind',
        'i.started_at as interaction_started_at',
        'a.name as agent_name',
        't.name as team_name',
        'v.rubric_id',
        'p.name as reviewer_name',
        'p.role as reviewer_role',
      ])
  );
}

export type EvaluationRow = Awaited<
  ReturnType<ReturnType<typeof selectEvaluations>['executeTakeFirstOrThrow']>
>;

/** One evaluation by id: read on every start, save's answer and submit, so compiled (and planned) once. */
const evaluationById = prepared((q, p: { id: number }) => selectEvaluations(q).where('e.id', '=', p.id));

/**
 * The evaluation `id`, as `viewer` may see it: a team lead only their teams' agents' evaluations, an
 * agent only their own submitted ones (services/viewer.ts); anything else is `not_found`, worded as a
 * missing row.
 */
export async function evaluationRow(q: Query, id: number, viewer?: Viewer): Promise<EvaluationRow> {
  const [row] = (await evaluationById(q, { id })).rows;
  const missing = () => notFound(`id: there is no evaluation with id ${id}.`);
  if (!row) throw missing();
  if (readsOwnOnly(viewer) && row.state !== 'submitted') throw missing();
  if (!(await seesAgent(q, agentSight(viewer), row.agent_id))) throw missing();
  return row;
}

/** `answers` are the evaluation's own: its figures are scored from them where nothing is stored. */
function toSummary(
  row: EvaluationRow,
  version: VersionContent,
  answers: readonly Answer[],
): EvaluationSummary {
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
    agentResponse: agentResponseOf(row),
  };
}

function agentResponseOf(row: EvaluationRow): AgentResponse | null {
  if (row.response === null || row.response_by_id === null || row.response_at === null) return null;
  return {
    response: row.response,
    reason: row.response_reason,
    by: { id: row.response_by_id, name: row.response_by_name ?? '', role: row.response_by_role ?? 'agent' },
    at: row.response_at,
  };
}

const auditOf = prepared((q, p: { evaluationId: number }) =>
  q
    .selectFrom('evaluation_audit as a')
    .innerJoin('reviewer_profiles as p', 'p.id', 'a.reviewer_id')
    .select([
      'a.id',
      'a.action',
      'a.at',
      'a.reviewer_id',
      'p.name as reviewer_name',
      'p.role as reviewer_role',
      'a.reason',
      'a.changes',
    ])
    .where('a.evaluation_id', '=', p.evaluationId)
    .orderBy('a.id'),
);

export async function auditTrail(q: Query, evaluationId: number): Promise<AuditEntry[]> {
  const { rows } = await auditOf(q, { evaluationId });
  return rows.map((row) => ({
    id: row.id,
    action: row.action,
    at: row.at,
    reviewer: { id: row.reviewer_id, name: row.reviewer_name, role: row.reviewer_role },
    reason: row.reason,
    changes: JSON.parse(row.changes) as AuditEntry['changes'],
  }));
}

const responsesOf = prepared((q, p: { evaluationId: number }) =>
  q
    .selectFrom('evaluation_responses as r')
    .innerJoin('reviewer_profiles as p', 'p.id', 'r.profile_id')
    .innerJoin('evaluation_audit as s', 's.id', 'r.submission_id')
    .select([
      'r.id',
      'r.response',
      'r.reason',
      'r.at',
      'r.profile_id',
      'p.name',
      'p.role',
      's.at as submitted_at',
    ])
    .where('r.evaluation_id', '=', p.evaluationId)
    .orderBy('r.id'),
);

/** What the agent answered to the evaluation's earlier submissions (before a reopen), oldest first. */
async function earlierResponses(q: Query, row: EvaluationRow): Promise<EarlierAgentResponse[]> {
  const { rows } = await responsesOf(q, { evaluationId: row.id });
  return rows
    .filter((r) => r.id !== row.response_id)
    .map((r) => ({
      response: r.response,
      reason: r.reason,
      by: { id: r.profile_id, name: r.name, role: r.role },
      at: r.at,
      submittedAt: r.submitted_at,
    }));
}

export async function getEvaluation(q: Query, id: number, viewer?: Viewer): Promise<EvaluationDetail> {
  const row = await evaluationRow(q, id, viewer);
  const version = await loadVersion(q, row.rubric_version_id);
  const [answers, audit, earlier] = await Promise.all([
    loadAnswers(q, id, version),
    auditTrail(q, id),
    earlierResponses(q, row),
  ]);
  return toDetail(row, version, { answers, audit, earlier });
}

/**
 * A draft just started, as getEvaluation reads it, without reading what a new draft cannot have yet:
 * answers, agent's answers, and a trail other than its start (`started`, the audit row written with
 * it). Three round trips fewer each time a reviewer opens the form on a call.
 */
export async function newDraftDetail(
  q: Query,
  id: number,
  started: { auditId: number; at: string },
): Promise<EvaluationDetail> {
  const row = await evaluationRow(q, id);
  const version = await loadVersion(q, row.rubric_version_id);
  const reviewer = { id: row.reviewer_id, name: row.reviewer_name, role: row.reviewer_role };
  const audit: AuditEntry[] = [
    { id: started.auditId, action: 'started', at: started.at, reviewer, reason: null, changes: [] },
  ];
  return toDetail(row, version, { answers: [], audit, earlier: [] });
}

function toDetail(
  row: EvaluationRow,
  version: VersionContent,
  read: { answers: Answer[]; audit: AuditEntry[]; earlier: EarlierAgentResponse[] },
): EvaluationDetail {
  return {
    ...toSummary(row, version, read.answers),
    rubric: version.rubric,
    answers: read.answers,
    overallComment: row.overall_comment,
    revision: row.revision,
    audit: read.audit,
    earlierResponses: read.earlier,
  };
}

/** The parsed versions of `rows`, each read once. */
export async function versionsOf(
  q: Query,
  rows: readonly { rubric_version_id: number }[],
): Promise<Map<number, VersionContent>> {
  const versions = new Map<number, VersionContent>();
  for (const { rubric_version_id: id } of rows) {
    if (!versions.has(id)) versions.set(id, await loadVersion(q, id));
  }
  return versions;
}

/** Newest first; filters combine, and with them what the viewer may see (row rules, services/viewer.ts). */
export async function listEvaluations(
  q: Query,
  query: ParsedParams<'evaluation.list'>,
  viewer?: Viewer,
): Promise<{ total: number; items: EvaluationSummary[] }> {
  const sight = agentSight(viewer);
  const ownOnly = readsOwnOnly(viewer);
  const filtered = <T extends ReturnType<typeof selectEvaluations> | ReturnType<typeof countEvaluations>>(
    select: T,
  ): T => {
    let s = select as ReturnType<typeof countEvaluations>;
    if (sight !== null) {
      s = s.where('e.interaction_id', 'in', (eb) =>
        eb.selectFrom('interactions').select('id').where(agentVisible('agent_id', sight)),
      );
    }
    if (ownOnly) s = s.where('e.state', '=', 'submitted');
    if (query.interactionId !== undefined) s = s.where('e.interaction_id', '=', query.interactionId);
    if (query.agentId !== undefined) {
      const agentId = query.agentId;
      s = s.where('e.interaction_id', 'in', (eb) =>
        eb.selectFrom('interactions').select('id').where('agent_id', '=', agentId),
      );
    }
    if (query.rubricId !== undefined) s = s.where('v.rubric_id', '=', query.rubricId);
    if (query.reviewerId !== undefined) s = s.where('e.reviewer_id', '=', query.reviewerId);
    if (query.state !== undefined) s = s.where('e.state', '=', query.state);
    return s as T;
  };
  const [count, rows] = await Promise.all([
    filtered(countEvaluations(q)).executeTakeFirstOrThrow(),
    filtered(selectEvaluations(q))
      .orderBy('e.updated_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
  ]);
  const versions = await versionsOf(q, rows);
  // One query for the whole page's answers, not one per evaluation.
  const answers = await answersOf(
    q,
    rows.map((row) => ({ id: row.id, version: versions.get(row.rubric_version_id)! })),
  );
  return {
    total: Number(count.n),
    items: rows.map((row) => toSummary(row, versions.get(row.rubric_version_id)!, answers.get(row.id) ?? [])),
  };
}

function countEvaluations(q: Query) {
  return q
    .selectFrom('evaluations as e')
    .innerJoin('rubric_versions as v', 'v.id', 'e.rubric_version_id')
    .select((eb) => eb.fn.countAll().as('n'));
}
