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
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Query } from '../../db/schema';
import { figuresOf } from '../evaluations/score';
import { loadVersion } from '../rubrics/version-cache';
import { getScenario } from './scenarios';
import type { Viewer } from '../../context';
import { agentSight, notFound, shopVisible } from '../viewer';

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

/** A whole shop, with the call its recording belongs to (to open and play it from the shop's page). */
const selectShops = (q: Query) =>
  q
    .selectFrom('mystery_shops as s')
    .leftJoin('agents as a', 'a.id', 's.agent_id')
    .leftJoin('mystery_scenarios as sc', 'sc.id', 's.scenario_id')
    .leftJoin('recordings as rec', 'rec.id', 's.recording_id')
    .leftJoin('interactions as i', 'i.id', 'rec.interaction_id')
    .selectAll('s')
    .select([
      'a.name as agent_name',
      'sc.title as scenario_title',
      'i.id as evidence_interaction_id',
      'i.title as evidence_interaction_title',
    ]);

/** Only what a list row shows: a year's thousands of shops need not carry their answers, notes and extras. */
const selectSummaries = (q: Query) =>
  q
    .selectFrom('mystery_shops as s')
    .leftJoin('agents as a', 'a.id', 's.agent_id')
    .leftJoin('mystery_scenarios as sc', 'sc.id', 's.scenario_id')
    .select([
      's.id',
      's.shop_id',
      's.wave',
      's.occurred_at',
      's.channel',
      's.team',
      's.agent_id',
      's.answered_by',
      's.scenario_id',
      's.scenario_text',
      's.recording_id',
      's.status',
      's.percent',
      's.result',
      's.outcome',
      'a.name as agent_name',
      'sc.title as scenario_title',
    ]);

/** The latest published version of a checklist rubric; evaluation rubrics are refused. */
export async function checklistVersionId(q: Query, rubricId: number): Promise<number> {
  const row = await q
    .selectFrom('rubrics as r')
    .select((eb) => [
      'r.kind',
      eb
        .selectFrom('rubric_versions as v')
        .select('v.id')
        .whereRef('v.rubric_id', '=', 'r.id')
        .orderBy('v.version', 'desc')
        .limit(1)
        .as('version_id'),
    ])
    .where('r.id', '=', rubricId)
    .executeTakeFirst();
  if (!row) throw new EarmarkError('not_found', `rubricId: there is no rubric with id ${rubricId}.`);
  if (row.kind !== 'mysteryChecklist') {
    throw new EarmarkError('invalid_params', `rubricId: rubric ${rubricId} is not a mystery-shop checklist.`);
  }
  if (row.version_id === null) {
    throw new EarmarkError('conflict', `rubricId: rubric ${rubricId} has no published version yet.`);
  }
  return row.version_id;
}

async function scoreOf(q: Query, versionId: number, answers: EvaluationAnswers) {
  const breakdown = scoreEvaluation((await loadVersion(q, versionId)).rubric, answers);
  return { breakdown, figures: figuresOf(breakdown) };
}

async function exists(q: Query, table: 'agents' | 'recordings', id: number): Promise<boolean> {
  return (await q.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

async function checkLinks(q: Query, fields: ShopFields): Promise<void> {
  if (fields.agentId !== null && !(await exists(q, 'agents', fields.agentId))) {
    throw new EarmarkError('not_found', `agentId: there is no agent with id ${fields.agentId}.`);
  }
  if (fields.scenarioId !== null) await getScenario(q, fields.scenarioId);
  else if (fields.scenarioText.trim() === '') {
    throw new EarmarkError('invalid_params', 'scenario: pick a scenario from the library or write one.');
  }
  if (fields.recordingId !== null && !(await exists(q, 'recordings', fields.recordingId))) {
    throw new EarmarkError('not_found', `recordingId: there is no recording with id ${fields.recordingId}.`);
  }
}

/**
 * The stored result keeps the words its column allows (pass, fail, incomplete); the outcome against the
 * pass mark goes beside it (migration 011). Read back together they give the shop's result.
 */
const storedResult = ({ overall, complete }: ScoreBreakdown): ShopRow['result'] =>
  overall.outcome === 'criticalFail' ? 'fail' : complete ? 'pass' : 'incomplete';

function resultOf(r: Pick<ShopRow, 'result' | 'outcome'>): EvaluationResult {
  if (r.result === 'fail') return 'criticalFail';
  return r.result === 'incomplete' ? 'incomplete' : r.outcome;
}

/** The row's columns a shop's fields and score decide. */
export const shopColumns = (fields: ShopFields, versionId: number, breakdown: ScoreBreakdown) => ({
  shop_id: fields.shopId,
  wave: fields.wave,
  occurred_at: fields.occurredAt,
  channel: fields.channel,
  team: fields.team,
  agent_id: fields.agentId,
  answered_by: fields.answeredBy,
  scenario_id: fields.scenarioId,
  scenario_text: fields.scenarioId === null ? fields.scenarioText.trim() : '',
  rubric_version_id: versionId,
  answers: JSON.stringify(fields.answers),
  recording_id: fields.recordingId,
  notes: fields.notes,
  files: JSON.stringify(fields.files),
  extra: JSON.stringify(fields.extra),
  percent: breakdown.overall.percent,
  result: storedResult(breakdown),
  outcome: breakdown.overall.outcome,
});

export async function shopRowIdOf(q: Query, shopId: string): Promise<number | undefined> {
  const row = await q
    .selectFrom('mystery_shops')
    .select('id')
    .where('shop_id', '=', shopId)
    .executeTakeFirst();
  return row?.id;
}

/** Writes a new shop; the agency's shop id must be new. Returns the row id. `at` stamps it. */
export async function insertShop(
  q: Query,
  at: string,
  fields: ShopFields,
  status: MysteryStatus,
  action: AuditAction,
  profileId: number | null,
  versionId?: number,
): Promise<number> {
  const version = versionId ?? (await checklistVersionId(q, fields.rubricId));
  await checkLinks(q, fields);
  const { breakdown } = await scoreOf(q, version, fields.answers);
  if (status !== 'draft' && !breakdown.complete) throw incomplete(fields.shopId, breakdown);
  if ((await shopRowIdOf(q, fields.shopId)) !== undefined) {
    throw new EarmarkError('conflict', `shopId: there is already a shop "${fields.shopId}".`);
  }
  const { id } = await q
    .insertInto('mystery_shops')
    .values({ ...shopColumns(fields, version, breakdown), status, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(q, at, id, action, profileId, null, []);
  return id;
}

/** Replaces a shop's fields (its checklist version stays); the caller checks the status allows it. */
export async function updateShop(
  q: Query,
  at: string,
  id: number,
  fields: ShopFields,
  versionId: number,
): Promise<void> {
  await checkLinks(q, fields);
  const { breakdown } = await scoreOf(q, versionId, fields.answers);
  const other = await shopRowIdOf(q, fields.shopId);
  if (other !== undefined && other !== id) {
    throw new EarmarkError('conflict', `shopId: there is already a shop "${fields.shopId}".`);
  }
  await q
    .updateTable('mystery_shops')
    .set({ ...shopColumns(fields, versionId, breakdown), updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function setStatus(q: Query, at: string, id: number, status: MysteryStatus): Promise<void> {
  await q.updateTable('mystery_shops').set({ status, updated_at: at }).where('id', '=', id).execute();
}

export async function audit(
  q: Query,
  at: string,
  id: number,
  action: AuditAction,
  profileId: number | null,
  reason: string | null,
  changes: MysteryAuditEntry['changes'],
): Promise<void> {
  await q
    .insertInto('mystery_shop_audit')
    .values({ shop_row_id: id, action, profile_id: profileId, at, reason, changes: JSON.stringify(changes) })
    .execute();
}

export function incomplete(shopId: string, breakdown: ReturnType<typeof scoreEvaluation>): EarmarkError {
  const parts: string[] = [];
  if (breakdown.unansweredItemIds.length) parts.push(`unanswered: ${breakdown.unansweredItemIds.join(', ')}`);
  if (breakdown.missingCommentItemIds.length) {
    parts.push(`a comment is required on: ${breakdown.missingCommentItemIds.join(', ')}`);
  }
  return new EarmarkError('conflict', `Shop "${shopId}" is not complete (${parts.join('; ')}).`);
}

/** The shop `id`, if `viewer` sees it (a team lead: their teams' shops); else `not_found`, as a missing one. */
async function row(q: Query, id: number, viewer?: Viewer): Promise<ShopRow> {
  const sight = agentSight(viewer);
  let select = selectShops(q).where('s.id', '=', id);
  if (sight !== null) select = select.where(shopVisible(sight));
  const found = await select.executeTakeFirst();
  if (!found) throw notFound(`id: there is no mystery shop with id ${id}.`);
  return found;
}

/** Refuses (`not_found`) a shop outside the viewer's sight, before a change to it. */
export async function assertShopSeen(q: Query, id: number, viewer?: Viewer): Promise<void> {
  if (agentSight(viewer) !== null) await row(q, id, viewer);
}

/** Ids per statement: far below either engine's parameter limit. */
const CHUNK = 1000;

/** Whole shops with these row ids, in the order given; ids that do not exist are left out. */
export async function shopRowsByIds(q: Query, ids: readonly number[]): Promise<ShopRow[]> {
  const rows: ShopRow[] = [];
  for (let start = 0; start < ids.length; start += CHUNK) {
    rows.push(
      ...(await selectShops(q)
        .where('s.id', 'in', ids.slice(start, start + CHUNK))
        .execute()),
    );
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Shops as the figures read them (`s` the shop), newest first; `where` narrows them. */
export function shopRows(q: Query) {
  return selectShops(q);
}

type SummaryRow = Omit<
  ShopRow,
  | 'rubric_version_id'
  | 'answers'
  | 'notes'
  | 'extra'
  | 'files'
  | 'evidence_interaction_id'
  | 'evidence_interaction_title'
>;

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
export async function fieldsOf(
  q: Query,
  id: number,
): Promise<{ fields: ShopFields; versionId: number; status: MysteryStatus }> {
  const r = await row(q, id);
  const rubricId = (await loadVersion(q, r.rubric_version_id)).rubricId;
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

export async function getShop(q: Query, id: number, viewer?: Viewer): Promise<MysteryShopDetail> {
  const r = await row(q, id, viewer);
  const answers = JSON.parse(r.answers) as EvaluationAnswers;
  const version = await loadVersion(q, r.rubric_version_id);
  const { breakdown, figures } = await scoreOf(q, r.rubric_version_id, answers);
  const auditRows = await q
    .selectFrom('mystery_shop_audit as m')
    .leftJoin('reviewer_profiles as p', 'p.id', 'm.profile_id')
    .select(['m.action', 'm.profile_id', 'p.name', 'm.at', 'm.reason', 'm.changes'])
    .where('m.shop_row_id', '=', id)
    .orderBy('m.id')
    .execute();
  return {
    ...summary(r),
    scenarioText: r.scenario_text,
    rubricId: version.rubricId,
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

/** What each sort orders by; the shop id (A to Z, either way) breaks ties so equal values keep one order. */
const SORT_SQL: Record<MysterySort, RawBuilder<unknown>> = {
  shopId: sql`lower(s.shop_id)`,
  occurredAt: sql`s.occurred_at`,
  team: sql`lower(s.team)`,
  // Who answered stands in for the agent where none is linked, as the list shows it.
  agent: sql`lower(coalesce(a.name, s.answered_by))`,
  channel: sql`s.channel`,
  scenario: sql`lower(coalesce(sc.title, s.scenario_text))`,
  score: sql`s.percent`,
  status: sql`CASE s.status WHEN 'draft' THEN 0 WHEN 'submitted' THEN 1 WHEN 'queried' THEN 2 ELSE 3 END`,
};

/** `%` and `_` typed into the search are the characters themselves, not LIKE's wildcards. */
const likeText = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const SEARCHED = ['s.shop_id', 's.team', 's.answered_by', 'a.name', 'sc.title', 's.scenario_text', 's.notes'];

export async function listShops(
  q: Query,
  filter: ParsedParams<'mystery.list'>,
  viewer?: Viewer,
): Promise<MysteryShopSummary[]> {
  let select = selectSummaries(q);
  const sight = agentSight(viewer);
  if (sight !== null) select = select.where(shopVisible(sight));
  if (filter.wave !== undefined) select = select.where('s.wave', '=', filter.wave);
  if (filter.team !== undefined) select = select.where(sql<SqlBool>`lower(s.team) = lower(${filter.team})`);
  if (filter.channel) select = select.where('s.channel', '=', filter.channel);
  if (filter.status) select = select.where('s.status', '=', filter.status);
  if (filter.scenarioId !== undefined) select = select.where('s.scenario_id', '=', filter.scenarioId);
  // occurred_at is local wall-clock time ("2025-03-14T10:30"): its first ten characters are the day.
  if (filter.from !== undefined)
    select = select.where(sql<SqlBool>`substr(s.occurred_at, 1, 10) >= ${filter.from}`);
  if (filter.to !== undefined)
    select = select.where(sql<SqlBool>`substr(s.occurred_at, 1, 10) <= ${filter.to}`);
  if (filter.minPercent !== undefined) select = select.where('s.percent', '>=', filter.minPercent);
  if (filter.maxPercent !== undefined) select = select.where('s.percent', '<=', filter.maxPercent);
  if (filter.search) {
    // Letter case aside on both engines (PostgreSQL's LIKE minds it, SQLite's does not).
    const pattern = likeText(filter.search);
    select = select.where(
      sql<SqlBool>`(${sql.join(
        SEARCHED.map((column) => sql`lower(${sql.ref(column)}) LIKE lower(${pattern}) ESCAPE '\\'`),
        sql` OR `,
      )})`,
    );
  }
  const direction = filter.order === 'desc' ? sql`DESC` : sql`ASC`;
  // A shop without a score sorts last whichever way the scores run.
  if (filter.sort === 'score') select = select.orderBy(sql`CASE WHEN s.percent IS NULL THEN 1 ELSE 0 END`);
  const rows = await select
    .orderBy(sql`${SORT_SQL[filter.sort ?? 'occurredAt']} ${direction}`)
    .orderBy('s.shop_id')
    .execute();
  return rows.map(summary);
}

/** For readers of shops beside the list (figures, coaching links): the same select and summary. */
export { summary as shopSummary };
export type { ShopRow };
