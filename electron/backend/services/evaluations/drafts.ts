import type { ParsedParams } from '../../../../shared/api';
import type { DraftSaved, EvaluationDetail } from '../../../../shared/api/methods/evaluations';
import { EarmarkError } from '../../../../shared/errors';
import type { Database, Engine } from '../../db/database';
import { prepared } from '../../db/prepared';
import type { Query } from '../../db/schema';
import { noPublishedVersion, noRubric } from '../rubrics/store';
import { loadVersion, transactionWithVersions } from '../rubrics/version-cache';
import { checkPatches, writePatches } from './answers';
import { getEvaluation, newDraftDetail } from './read';
import { nowIso } from '../../clock';

/**
 * What starting needs to know, in one statement: that the interaction and the rubric exist, the
 * rubric's latest version, and the reviewer's open draft of that rubric on the interaction, if any.
 */
const startFacts = prepared((q, p: { interactionId: number; rubricId: number; reviewerId: number }) =>
  q.selectNoFrom((eb) => [
    eb.selectFrom('interactions').select('id').where('id', '=', p.interactionId).as('interaction_id'),
    eb.selectFrom('rubrics').select('id').where('id', '=', p.rubricId).as('rubric_id'),
    eb
      .selectFrom('rubric_versions')
      .select('id')
      .where('rubric_id', '=', p.rubricId)
      .orderBy('version', 'desc')
      .limit(1)
      .as('version_id'),
    eb
      .selectFrom('evaluations as e')
      .innerJoin('rubric_versions as v', 'v.id', 'e.rubric_version_id')
      .select('e.id')
      .where('e.interaction_id', '=', p.interactionId)
      .where('v.rubric_id', '=', p.rubricId)
      .where('e.reviewer_id', '=', p.reviewerId)
      .where('e.state', '=', 'draft')
      .orderBy('e.id', 'desc')
      .limit(1)
      .as('open_id'),
  ]),
);

// A type, not an interface: prepared() takes a record of values.
type NewDraft = {
  interactionId: number;
  versionId: number;
  reviewerId: number;
  at: string;
};

const draftValues = (p: NewDraft) => ({
  interaction_id: p.interactionId,
  rubric_version_id: p.versionId,
  reviewer_id: p.reviewerId,
  state: 'draft' as const,
  created_at: p.at,
  updated_at: p.at,
  updated_by: p.reviewerId,
});

/** PostgreSQL: the draft and its `started` audit row in one statement (all or nothing by itself). */
const insertStartedTogether = prepared((q, p: NewDraft) =>
  q
    .with('created', (db) => db.insertInto('evaluations').values(draftValues(p)).returning('id'))
    .insertInto('evaluation_audit')
    .values((eb) => ({
      evaluation_id: eb.selectFrom('created').select('id'),
      action: 'started',
      reviewer_id: p.reviewerId,
      at: p.at,
    }))
    .returning(['id', 'evaluation_id']),
);

/** SQLite (no INSERT in a WITH): the draft, then its audit row, inside the start's transaction. */
const insertDraft = prepared((q, p: NewDraft) =>
  q.insertInto('evaluations').values(draftValues(p)).returning('id'),
);
const insertStarted = prepared((q, p: { evaluationId: number; reviewerId: number; at: string }) =>
  q
    .insertInto('evaluation_audit')
    .values({ evaluation_id: p.evaluationId, action: 'started', reviewer_id: p.reviewerId, at: p.at })
    .returning('id'),
);

/**
 * A draft on the rubric's latest version, by the acting reviewer. A reviewer who already has a draft of
 * this rubric for the interaction gets it back (a double click, or a second window, must not start a
 * second evaluation).
 *
 * Round trips count on a team server, where the database is a network hop away: the checks are one
 * statement and the draft with its audit row another, with no BEGIN and COMMIT around them on
 * PostgreSQL (each statement is atomic by itself, and a READ COMMITTED transaction kept two starts at
 * once no further apart than this). On SQLite the transaction stays: the workstation's one connection
 * runs it whole, so a double click's second start finds the first one's draft.
 */
export async function startEvaluation(
  database: Database,
  reviewerId: number,
  params: ParsedParams<'evaluation.start'>,
): Promise<EvaluationDetail> {
  const onPostgres = database.engine === 'postgres';
  const at = nowIso(database);
  // The draft's id, and the id of its `started` audit row when this start made it (null: it was open).
  const start = async (q: Query): Promise<{ id: number; auditId: number | null }> => {
    const [facts] = (await startFacts(q, { ...params, reviewerId })).rows;
    if (facts?.interaction_id == null) {
      throw new EarmarkError(
        'not_found',
        `interactionId: there is no interaction with id ${params.interactionId}.`,
      );
    }
    if (facts.rubric_id == null) throw noRubric('rubricId', params.rubricId);
    if (facts.version_id == null) throw noPublishedVersion('rubricId', params.rubricId);
    if (facts.open_id != null) return { id: Number(facts.open_id), auditId: null };
    const draft = {
      interactionId: params.interactionId,
      versionId: Number(facts.version_id),
      reviewerId,
      at,
    };
    if (onPostgres) {
      const [row] = (await insertStartedTogether(q, draft)).rows;
      return { id: Number(row!.evaluation_id), auditId: Number(row!.id) };
    }
    const [created] = (await insertDraft(q, draft)).rows;
    const [audit] = (await insertStarted(q, { evaluationId: created!.id, reviewerId, at })).rows;
    return { id: created!.id, auditId: audit!.id };
  };
  const started = onPostgres ? await start(database.query) : await database.transaction(start);
  if (started.auditId === null) return getEvaluation(database.query, started.id);
  return newDraftDetail(database.query, started.id, { auditId: started.auditId, at });
}

interface DraftRow {
  interaction_id: number;
  rubric_version_id: number;
  state: 'draft' | 'submitted';
  revision: number;
}

/**
 * Throws unless the evaluation exists and is a draft; a submitted one is locked until reopened. With
 * `lock` (inside a transaction that goes on to write it) PostgreSQL holds the row, so two servers
 * saving the same draft take turns and each revision is counted once; SQLite has one writer anyway.
 */
export async function draftRow(q: Query, id: number, lock: Engine | null = null): Promise<DraftRow> {
  let select = q
    .selectFrom('evaluations')
    .select(['interaction_id', 'rubric_version_id', 'state', 'revision'])
    .where('id', '=', id);
  if (lock === 'postgres') select = select.forUpdate();
  const row = await select.executeTakeFirst();
  if (!row) throw new EarmarkError('not_found', `id: there is no evaluation with id ${id}.`);
  if (row.state !== 'draft') {
    throw new EarmarkError(
      'conflict',
      `Evaluation ${id} is submitted and locked: reopen it (with a reason) to change it.`,
    );
  }
  return row;
}

/** A save's first statement, compiled once (with or without the overall comment): see saveDraft. */
const countUpFor = (withComment: boolean) =>
  prepared((q, p: { id: number; at: string; reviewerId: number; overallComment: string }) =>
    q
      .updateTable('evaluations')
      .set((eb) => ({
        revision: eb('revision', '+', 1),
        updated_at: p.at,
        updated_by: p.reviewerId,
        ...(withComment ? { overall_comment: p.overallComment } : {}),
      }))
      .where('id', '=', p.id)
      .where('state', '=', 'draft')
      .returning(['interaction_id', 'rubric_version_id', 'revision']),
  );
const countUpDraft = countUpFor(false);
const countUpDraftWithComment = countUpFor(true);

/**
 * The autosave: every change in one transaction, so a save is on disk whole or not at all when the
 * reply says it is (WAL, synchronous=FULL on SQLite; a commit on PostgreSQL). The revision counts
 * saves, so a client (and the kill test) can tell which change the database holds. The draft's row is
 * counted up first: that one statement finds the draft, and on PostgreSQL holds it, so two servers
 * saving the same draft take turns and count each save once; a patch refused after it rolls it back.
 */
export async function saveDraft(
  database: Database,
  reviewerId: number,
  params: ParsedParams<'evaluation.saveDraft'>,
): Promise<DraftSaved> {
  const at = nowIso(database);
  return transactionWithVersions(database, async (trx) => {
    const values = { id: params.id, at, reviewerId, overallComment: params.overallComment ?? '' };
    const countUp = params.overallComment === undefined ? countUpDraft : countUpDraftWithComment;
    const [row] = (await countUp(trx, values)).rows;
    if (!row) {
      // Not a draft: draftRow throws, saying why (no such evaluation, or submitted and locked).
      await draftRow(trx, params.id);
      throw new EarmarkError('conflict', `Evaluation ${params.id} changed while it was being saved.`);
    }
    const version = await loadVersion(trx, row.rubric_version_id);
    await checkPatches(trx, row.interaction_id, version, params.answers);
    await writePatches(trx, params.id, params.answers, at);
    return { id: params.id, revision: row.revision, updatedAt: at };
  });
}

/** Only a draft that was never submitted can go: a submitted evaluation stays, with its trail. */
export async function discardDraft(database: Database, id: number): Promise<{ id: number }> {
  return database.transaction(async (trx) => {
    await draftRow(trx, id, database.engine);
    const submitted = await trx
      .selectFrom('evaluation_audit')
      .select('id')
      .where('evaluation_id', '=', id)
      .where('action', '=', 'submitted')
      .limit(1)
      .executeTakeFirst();
    if (submitted) {
      throw new EarmarkError(
        'conflict',
        `Evaluation ${id} was submitted before; it is kept with its audit trail and cannot be discarded.`,
      );
    }
    await trx.deleteFrom('evaluations').where('id', '=', id).execute();
    return { id };
  });
}
