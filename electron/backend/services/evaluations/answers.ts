import type { AnswerPatch } from '../../../../shared/api/methods/evaluations';
import type { Answer, AnswerValue } from '../../../../shared/rubric/answers';
import { answerMismatch } from '../../../../shared/rubric/answers';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import type { VersionContent } from '../rubrics/version-cache';
import { statement } from './statements';

interface AnswerRow {
  evaluation_id: number;
  item_id: string;
  value: string | null;
  comment: string;
  moment_ids: string;
}

const SELECT_ANSWERS = `SELECT a.evaluation_id, a.item_id, a.value, a.comment,
    (SELECT json_group_array(moment_id) FROM (
       SELECT moment_id FROM evaluation_answer_moments m
       WHERE m.evaluation_id = a.evaluation_id AND m.item_id = a.item_id ORDER BY moment_id)) AS moment_ids
  FROM evaluation_answers a`;

const toAnswer = (row: AnswerRow): Answer => ({
  itemId: row.item_id,
  value: row.value === null ? null : (JSON.parse(row.value) as AnswerValue),
  comment: row.comment,
  momentIds: JSON.parse(row.moment_ids) as number[],
});

const inFormOrder = (answers: Answer[], version: VersionContent): Answer[] => {
  const position = (itemId: string) => version.itemOrder.get(itemId) ?? Number.MAX_SAFE_INTEGER;
  return answers.sort((a, b) => position(a.itemId) - position(b.itemId));
};

/** Every saved answer of an evaluation, in the order of the form; comment and momentIds always set. */
export function loadAnswers(db: Db, evaluationId: number, version: VersionContent): Answer[] {
  const rows = statement(db, `${SELECT_ANSWERS} WHERE a.evaluation_id = ?`).all(evaluationId) as AnswerRow[];
  return inFormOrder(rows.map(toAnswer), version);
}

/**
 * The answers of many evaluations in one query (a page of them: an agent's trend, a session's links,
 * an export), each in the order of its own version's form. Evaluations without answers get none.
 */
export function loadAnswersOf(
  db: Db,
  evaluations: readonly { id: number; version: VersionContent }[],
): Map<number, Answer[]> {
  const byId = new Map(evaluations.map(({ id }) => [id, [] as Answer[]]));
  if (evaluations.length === 0) return byId;
  const rows = statement(
    db,
    `${SELECT_ANSWERS} WHERE a.evaluation_id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify([...byId.keys()])) as AnswerRow[];
  for (const row of rows) byId.get(row.evaluation_id)?.push(toAnswer(row));
  for (const { id, version } of evaluations) inFormOrder(byId.get(id)!, version);
  return byId;
}

/** Refuses, naming the change, any patch the evaluation's rubric version cannot take. */
export function checkPatches(
  db: Db,
  interactionId: number,
  version: VersionContent,
  patches: readonly AnswerPatch[],
): void {
  patches.forEach((patch, index) => {
    const where = `answers[${index}]`;
    const entry = version.items.get(patch.itemId);
    if (!entry) {
      throw new EarmarkError(
        'invalid_params',
        `${where}.itemId: version ${version.version} of rubric '${version.rubric.name}' has no item '${patch.itemId}'.`,
      );
    }
    if (patch.value) {
      const mismatch = answerMismatch(entry.item, patch.value);
      if (mismatch)
        throw new EarmarkError('invalid_params', `${where}.value ('${patch.itemId}'): ${mismatch}.`);
    }
    if (patch.momentIds && patch.momentIds.length > 0) {
      const found = statement(
        db,
        'SELECT count(*) FROM moments WHERE interaction_id = ? AND id IN (SELECT value FROM json_each(?))',
      )
        .pluck()
        .get(interactionId, JSON.stringify(patch.momentIds)) as number;
      if (found !== patch.momentIds.length) {
        throw new EarmarkError(
          'invalid_params',
          `${where}.momentIds: every linked moment must be one of this interaction's moments.`,
        );
      }
    }
  });
}

/** Writes checked patches; fields a patch leaves out keep their saved value. Call inside a transaction. */
export function writePatches(
  db: Db,
  evaluationId: number,
  patches: readonly AnswerPatch[],
  at: string,
): void {
  const upsert = statement(
    db,
    `INSERT INTO evaluation_answers (evaluation_id, item_id, value, comment, updated_at)
     VALUES (@evaluationId, @itemId, @value, coalesce(@comment, ''), @at)
     ON CONFLICT (evaluation_id, item_id) DO UPDATE SET
       value = CASE WHEN @setValue THEN excluded.value ELSE value END,
       comment = coalesce(@comment, comment),
       updated_at = excluded.updated_at`,
  );
  for (const patch of patches) {
    upsert.run({
      evaluationId,
      itemId: patch.itemId,
      value: patch.value ? JSON.stringify(patch.value) : null,
      setValue: patch.value === undefined ? 0 : 1,
      comment: patch.comment ?? null,
      at,
    });
    if (patch.momentIds) {
      statement(db, 'DELETE FROM evaluation_answer_moments WHERE evaluation_id = ? AND item_id = ?').run(
        evaluationId,
        patch.itemId,
      );
      const link = statement(
        db,
        'INSERT INTO evaluation_answer_moments (evaluation_id, item_id, moment_id) VALUES (?, ?, ?)',
      );
      for (const momentId of patch.momentIds) link.run(evaluationId, patch.itemId, momentId);
    }
  }
}
