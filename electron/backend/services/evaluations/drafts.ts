import type { ParsedParams } from '../../../../shared/api';
import type { DraftSaved, EvaluationDetail } from '../../../../shared/api/methods/evaluations';
import { EarmarkError } from '../../../../shared/errors';
import type { Database, Engine } from '../../db/database';
import { prepared } from '../../db/prepared';
import type { Query } from '../../db/schema';
import { latestVersionId } from '../rubrics/store';
import { loadVersion, transactionWithVersions } from '../rubrics/version-cache';
import { checkPatches, writePatches } from './answers';
import { getEvaluation } from './read';
import { nowIso } from '../../clock';

/**
 * A draft on the rubric's latest version, by the acting reviewer. A reviewer who already has a draft of
 * this rubric for the interaction gets it back (a double click, or a second window, must not start a
 * second evaluation).
 */
export async function startEvaluation(
  database: Database,
  reviewerId: number,
  params: ParsedParams<'evaluation.start'>,
): Promise<EvaluationDetail> {
  const at = nowIso(database);
  const id = await database.transaction(async (trx) => {
    const interaction = await trx
      .selectFrom('interactions')
      .select('id')
      .where('id', '=', params.interactionId)
      .executeTakeFirst();
    if (!interaction) {
      throw new EarmarkError(
        'not_found',
        `interactionId: there is no interaction with id ${params.interactionId}.`,
      );
    }
    const versionId = await latestVersionId(trx, params.rubricId);
    const open = await trx
      .selectFrom('evaluations as e')
      .innerJoin('rubric_versions as v', 'v.id', 'e.rubric_version_id')
      .select('e.id')
      .where('e.interaction_id', '=', params.interactionId)
      .where('v.rubric_id', '=', params.rubricId)
      .where('e.reviewer_id', '=', reviewerId)
      .where('e.state', '=', 'draft')
      .orderBy('e.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (open !== undefined) return open.id;
    const { id: created } = await trx
      .insertInto('evaluations')
      .values({
        interaction_id: params.interactionId,
        rubric_version_id: versionId,
        reviewer_id: reviewerId,
        state: 'draft',
        created_at: at,
        updated_at: at,
        updated_by: reviewerId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('evaluation_audit')
      .values({ evaluation_id: created, action: 'started', reviewer_id: reviewerId, at })
      .execute();
    return created;
  });
  return getEvaluation(database.query, id);
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
