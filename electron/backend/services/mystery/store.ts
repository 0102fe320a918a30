import type { z } from 'zod';
import type {
  MysteryAuditEntry,
  MysteryShopDetail,
  MysteryShopFields,
  MysteryShopSummary,
  MysterySort,
  MysteryStatus,
} from '../../../../shared/api/methods/mystery';
import type { ParsedParams } from '../../../../shared/api';
import type { EvaluationAnswers } from '../../../../shared/rubric/answers';
import type { EvaluationResult, Outcome } from '../../../../shared/rubric/outcome';
import { scoreEvaluation, type ScoreBreakdown } from '../../../../shared/rubric/scoring';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { statement } from './statements';
import { figuresOf } from '../evaluations/score';
import { versionContent } from '../rubrics/version-cache';
import { getScenario } from './scenarios';
import { nowIso } from '../../clock';

export type ShopFields = z.output<typeof MysteryShopFields>;
export type AuditAction = MysteryAuditEntry['action'];

interface ShopRow {
  id: number;
  shop_id: string;
  wave: string;
  occurred_at: string;
  channel: MysteryShopSummary['channel'];
  team: string;
  agent_id: number | null;
  agent_name: string | null;
  answered_by: string | null;
  scenario_id: number | null;
  scenario_title: string | null;
  scenario_text: string;
  rubric_version_id: number;
  answers: string;
  recording_id: number | null;
  notes: string;
  files: string;
  extra: string;
  evidence_interaction_id: number | null;
  evidence_interaction_title: string | null;
  status: MysteryStatus;
  percent: number | null;
  /** Complete or not, and whether a critical item failed (the column of migration 009). */
  result: 'pass' | 'fail' | 'incomplete';
  outcome: Outcome;
}

const FROM = `FROM mystery_shops s
  LEFT JOIN agents a ON a.id = s.agent_id
  LEFT JOIN mystery_scenarios sc ON sc.id = s.scenario_id`;
/** A whole shop, with the call its recording belongs to (to open and play it from the shop's page). */
const SELECT = `SELECT s.*, a.name AS agent_name, sc.title AS scenario_title,
    i.id AS evidence_interaction_id, i.title AS evidence_interaction_title ${FROM}
  LEFT JOIN recordings rec ON rec.id = s.recording_id
  LEFT JOIN interactions i ON i.id = rec.interaction_id`;
/** Only what a list row shows: a year's thousands of shops need not carry their answers, notes and extras. */
const SELECT_SUMMARY = `SELECT s.id, s.shop_id, s.wave, s.occurred_at, s.channel, s.team, s.agent_id, s.answered_by,
    s.scenario_id, s.scenario_text, s.recording_id, s.status, s.percent, s.result, s.outcome,
    a.name AS agent_name, sc.title AS scenario_title ${FROM}`;

/** The latest published version of a checklist rubric; evaluation rubrics are refused. */
export function checklistVersionId(db: Db, rubricId: number): number {
  const row = statement(
    db,
    `SELECT r.kind, (SELECT id FROM rubric_versions WHERE rubric_id = r.id ORDER BY version DESC LIMIT 1) AS version_id
       FROM rubrics r WHERE r.id = ?`,
  ).get(rubricId) as { kind: string; version_id: number | null } | undefined;
  if (!row) throw new EarmarkError('not_found', `rubricId: there is no rubric with id ${rubricId}.`);
  if (row.kind !== 'mysteryChecklist') {
    throw new EarmarkError('invalid_params', `rubricId: rubric ${rubricId} is not a mystery-shop checklist.`);
  }
  if (row.version_id === null) {
    throw new EarmarkError('conflict', `rubricId: rubric ${rubricId} has no published version yet.`);
  }
  return row.version_id;
}

function scoreOf(db: Db, versionId: number, answers: EvaluationAnswers) {
  const breakdown = scoreEvaluation(versionContent(db, versionId).rubric, answers);
  return { breakdown, figures: figuresOf(breakdown) };
}

function checkLinks(db: Db, fields: ShopFields): void {
  if (fields.agentId !== null && !statement(db, 'SELECT 1 FROM agents WHERE id = ?').get(fields.agentId)) {
    throw new EarmarkError('not_found', `agentId: there is no agent with id ${fields.agentId}.`);
  }
  if (fields.scenarioId !== null) getScenario(db, fields.scenarioId);
  else if (fields.scenarioText.trim() === '') {
    throw new EarmarkError('invalid_params', 'scenario: pick a scenario from the library or write one.');
  }
  if (
    fields.recordingId !== null &&
    !statement(db, 'SELECT 1 FROM recordings WHERE id = ?').get(fields.recordingId)
  ) {
    throw new EarmarkError('not_found', `recordingId: there is no recording with id ${fields.recordingId}.`);
  }
}

/**
 * The stored result keeps the words its column allows (pass, fail, incomplete); the outcome against the
 * pass mark goes beside it (migration 011). Read back together they give the shop's result.
 */
const storedResult = ({ overall, complete }: ScoreBreakdown) =>
  overall.outcome === 'criticalFail' ? 'fail' : complete ? 'pass' : 'incomplete';

function resultOf(r: Pick<ShopRow, 'result' | 'outcome'>): EvaluationResult {
  if (r.result === 'fail') return 'criticalFail';
  return r.result === 'incomplete' ? 'incomplete' : r.outcome;
}

const columns = (fields: ShopFields, versionId: number, breakdown: ScoreBreakdown) => [
  fields.shopId,
  fields.wave,
  fields.occurredAt,
  fields.channel,
  fields.team,
  fields.agentId,
  fields.answeredBy,
  fields.scenarioId,
  fields.scenarioId === null ? fields.scenarioText.trim() : '',
  versionId,
  JSON.stringify(fields.answers),
  fields.recordingId,
  fields.notes,
  JSON.stringify(fields.files),
  JSON.stringify(fields.extra),
  breakdown.overall.percent,
  storedResult(breakdown),
  breakdown.overall.outcome,
];

export function shopRowIdOf(db: Db, shopId: string): number | undefined {
  return statement(db, 'SELECT id FROM mystery_shops WHERE shop_id = ?').pluck().get(shopId) as
    number | undefined;
}

/** Writes a new shop; the agency's shop id must be new. Returns the row id. */
export function insertShop(
  db: Db,
  fields: ShopFields,
  status: MysteryStatus,
  action: AuditAction,
  profileId: number | null,
  versionId = checklistVersionId(db, fields.rubricId),
): number {
  checkLinks(db, fields);
  const { breakdown } = scoreOf(db, versionId, fields.answers);
  if (status !== 'draft' && !breakdown.complete) throw incomplete(fields.shopId, breakdown);
  if (shopRowIdOf(db, fields.shopId) !== undefined) {
    throw new EarmarkError('conflict', `shopId: there is already a shop "${fields.shopId}".`);
  }
  const at = nowIso(db);
  const { lastInsertRowid } = statement(
    db,
    `INSERT INTO mystery_shops (shop_id, wave, occurred_at, channel, team, agent_id, answered_by, scenario_id,
         scenario_text, rubric_version_id, answers, recording_id, notes, files, extra, percent, result, outcome,
         status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(...columns(fields, versionId, breakdown), status, at, at);
  const id = Number(lastInsertRowid);
  audit(db, id, action, profileId, null, []);
  return id;
}

/** Replaces a shop's fields (its checklist version stays); the caller checks the status allows it. */
export function updateShop(db: Db, id: number, fields: ShopFields, versionId: number): void {
  checkLinks(db, fields);
  const { breakdown } = scoreOf(db, versionId, fields.answers);
  const other = shopRowIdOf(db, fields.shopId);
  if (other !== undefined && other !== id) {
    throw new EarmarkError('conflict', `shopId: there is already a shop "${fields.shopId}".`);
  }
  statement(
    db,
    `UPDATE mystery_shops SET shop_id = ?, wave = ?, occurred_at = ?, channel = ?, team = ?, agent_id = ?,
       answered_by = ?, scenario_id = ?, scenario_text = ?, rubric_version_id = ?, answers = ?, recording_id = ?,
       notes = ?, files = ?, extra = ?, percent = ?, result = ?, outcome = ?, updated_at = ?
     WHERE id = ?`,
  ).run(...columns(fields, versionId, breakdown), nowIso(db), id);
}

export function setStatus(db: Db, id: number, status: MysteryStatus): void {
  statement(db, 'UPDATE mystery_shops SET status = ?, updated_at = ? WHERE id = ?').run(
    status,
    nowIso(db),
    id,
  );
}

export function audit(
  db: Db,
  id: number,
  action: AuditAction,
  profileId: number | null,
  reason: string | null,
  changes: MysteryAuditEntry['changes'],
): void {
  statement(
    db,
    'INSERT INTO mystery_shop_audit (shop_row_id, action, profile_id, at, reason, changes) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(id, action, profileId, nowIso(db), reason, JSON.stringify(changes));
}

export function incomplete(shopId: string, breakdown: ReturnType<typeof scoreEvaluation>): EarmarkError {
  const parts: string[] = [];
  if (breakdown.unansweredItemIds.length) parts.push(`unanswered: ${breakdown.unansweredItemIds.join(', ')}`);
  if (breakdown.missingCommentItemIds.length) {
    parts.push(`a comment is required on: ${breakdown.missingCommentItemIds.join(', ')}`);
  }
  return new EarmarkError('conflict', `Shop "${shopId}" is not complete (${parts.join('; ')}).`);
}

function row(db: Db, id: number): ShopRow {
  const found = statement(db, `${SELECT} WHERE s.id = ?`).get(id) as ShopRow | undefined;
  if (!found) throw new EarmarkError('not_found', `id: there is no mystery shop with id ${id}.`);
  return found;
}

type SummaryRow = Omit<ShopRow, 'rubric_version_id' | 'answers' | 'notes' | 'extra'>;

function summary(r: SummaryRow): MysteryShopSummary {
  return {
    id: r.id,
    shopId: r.shop_id,
    wave: r.wave,
    occurredAt: r.occurred_at,
    channel: r.channel,
    team: r.team,
    agentId: r.agent_id,
    agentName: r.agent_name,
    answeredBy: r.answered_by,
    scenarioId: r.scenario_id,
    scenario: r.scenario_title ?? r.scenario_text,
    status: r.status,
    percent: r.percent,
    result: resultOf(r),
    evidence: { recordingId: r.recording_id },
  };
}

/** The stored fields of a shop, as a correction starts from them. */
export function fieldsOf(
  db: Db,
  id: number,
): { fields: ShopFields; versionId: number; status: MysteryStatus } {
  const r = row(db, id);
  const rubricId = versionContent(db, r.rubric_version_id).rubricId;
  return {
    status: r.status,
    versionId: r.rubric_version_id,
    fields: {
      shopId: r.shop_id,
      wave: r.wave,
      occurredAt: r.occurred_at,
      channel: r.channel,
      team: r.team,
      agentId: r.agent_id,
      answeredBy: r.answered_by,
      scenarioId: r.scenario_id,
      scenarioText: r.scenario_text,
      rubricId,
      answers: JSON.parse(r.answers) as EvaluationAnswers,
      recordingId: r.recording_id,
      notes: r.notes,
      files: JSON.parse(r.files) as string[],
      extra: JSON.parse(r.extra) as Record<string, string>,
    },
  };
}

export function getShop(db: Db, id: number): MysteryShopDetail {
  const r = row(db, id);
  const answers = JSON.parse(r.answers) as EvaluationAnswers;
  const { breakdown, figures } = scoreOf(db, r.rubric_version_id, answers);
  const auditRows = statement(
    db,
    `SELECT m.action, m.profile_id, p.name, m.at, m.reason, m.changes FROM mystery_shop_audit m
       LEFT JOIN reviewer_profiles p ON p.id = m.profile_id WHERE m.shop_row_id = ? ORDER BY m.id`,
  ).all(id) as {
    action: AuditAction;
    profile_id: number | null;
    name: string | null;
    at: string;
    reason: string | null;
    changes: string;
  }[];
  return {
    ...summary(r),
    scenarioText: r.scenario_text,
    rubricId: versionContent(db, r.rubric_version_id).rubricId,
    rubricVersionId: r.rubric_version_id,
    answers,
    notes: r.notes,
    files: JSON.parse(r.files) as string[],
    evidenceInteraction:
      r.evidence_interaction_id === null
        ? null
        : { id: r.evidence_interaction_id, title: r.evidence_interaction_title ?? '' },
    extra: JSON.parse(r.extra) as Record<string, string>,
    score: figures,
    complete: breakdown.complete,
    audit: auditRows.map((a) => ({
      action: a.action,
      profileId: a.profile_id,
      profileName: a.name,
      at: a.at,
      reason: a.reason,
      changes: JSON.parse(a.changes) as MysteryAuditEntry['changes'],
    })),
  };
}

/** The SQL each sort orders by; the shop id (A to Z, either way) breaks ties so equal values keep one order. */
const SORT_SQL: Record<MysterySort, string> = {
  shopId: 's.shop_id COLLATE NOCASE',
  occurredAt: 's.occurred_at',
  team: 's.team COLLATE NOCASE',
  // Who answered stands in for the agent where none is linked, as the list shows it.
  agent: 'COALESCE(a.name, s.answered_by) COLLATE NOCASE',
  channel: 's.channel',
  scenario: 'COALESCE(sc.title, s.scenario_text) COLLATE NOCASE',
  score: 's.percent',
  status: "CASE s.status WHEN 'draft' THEN 0 WHEN 'submitted' THEN 1 WHEN 'queried' THEN 2 ELSE 3 END",
};

/** `%` and `_` typed into the search are the characters themselves, not LIKE's wildcards. */
const likeText = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const SEARCHED = [
  's.shop_id',
  's.team',
  's.answered_by',
  'a.name',
  'sc.title',
  's.scenario_text',
  's.notes',
].map((column) => `${column} LIKE ? ESCAPE '\\'`);

export function listShops(db: Db, filter: ParsedParams<'mystery.list'>): MysteryShopSummary[] {
  const conditions: [string, (string | number)[] | undefined][] = [
    ['s.wave = ?', filter.wave === undefined ? undefined : [filter.wave]],
    ['s.team = ? COLLATE NOCASE', filter.team === undefined ? undefined : [filter.team]],
    ['s.channel = ?', filter.channel && [filter.channel]],
    ['s.status = ?', filter.status && [filter.status]],
    ['s.scenario_id = ?', filter.scenarioId === undefined ? undefined : [filter.scenarioId]],
    // occurred_at is local wall-clock time ("2025-03-14T10:30"): its first ten characters are the day.
    ['substr(s.occurred_at, 1, 10) >= ?', filter.from === undefined ? undefined : [filter.from]],
    ['substr(s.occurred_at, 1, 10) <= ?', filter.to === undefined ? undefined : [filter.to]],
    ['s.percent >= ?', filter.minPercent === undefined ? undefined : [filter.minPercent]],
    ['s.percent <= ?', filter.maxPercent === undefined ? undefined : [filter.maxPercent]],
    [`(${SEARCHED.join(' OR ')})`, filter.search ? SEARCHED.map(() => likeText(filter.search!)) : undefined],
  ];
  const used = conditions.filter((c): c is [string, (string | number)[]] => c[1] !== undefined);
  const where = used.map(([sql]) => sql);
  const args = used.flatMap(([, values]) => values);
  const direction = filter.order === 'desc' ? 'DESC' : 'ASC';
  // A shop without a score sorts last whichever way the scores run.
  const nullsLast = filter.sort === 'score' ? 's.percent IS NULL, ' : '';
  const order = `${nullsLast}${SORT_SQL[filter.sort ?? 'occurredAt']} ${direction}, s.shop_id`;
  const rows = statement(
    db,
    `${SELECT_SUMMARY} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order}`,
  ).all(...args) as SummaryRow[];
  return rows.map(summary);
}

/** For readers of shops beside the list (figures, coaching links): the same select and summary. */
export { SELECT as SHOP_SELECT, summary as shopSummary };
export type { ShopRow };
