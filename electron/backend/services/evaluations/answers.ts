import type { AnswerPatch } from '../../../../shared/api/methods/evaluations';
import type { Answer, AnswerValue } from '../../../../shared/rubric/answers';
import { answerMismatch } from '../../../../shared/rubric/answers';
import { EarmarkError } from '../../../../shared/errors';
import { prepared } from '../../db/prepared';
import type { Query } from '../../db/schema';
import type { VersionContent } from '../rubrics/version-cache';

/** Id lists go into one IN (...) per this many, well under either engine's parameter limit. */
const CHUNK = 5_000;

const toAnswer = (
  row: { item_id: string; value: string | null; comment: string },
  momentIds: number[],
): Answer => ({
  itemId: row.item_id,
  value: row.value === null ? null : (JSON.parse(row.value) as AnswerValue),
  comment: row.comment,
  momentIds,
});

const inFormOrder = (answers: Answer[], version: VersionContent): Answer[] => {
  const position = (itemId: string) => version.itemOrder.get(itemId) ?? Number.MAX_SAFE_INTEGER;
  return answers.sort((a, b) => position(a.itemId) - position(b.itemId));
};

/**
 * The answers of many evaluations in two queries per few thousand (answers, then their moments), each
 * in the order of its own version's form: a page of them (an agent's trend, a session's links, an
 * export). Evaluations without answers get none; comment and momentIds are always set.
 */
export async function answersOf(
  q: Query,
  evaluations: readonly { id: number; version: VersionContent }[],
): Promise<Map<number, Answer[]>> {
  const byId = new Map(evaluations.map(({ id }) => [id, [] as Answer[]]));
  const ids = [...byId.keys()];
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const [rows, links] = await Promise.all([
      q
        .selectFrom('evaluation_answers')
        .select(['evaluation_id', 'item_id', 'value', 'comment'])
        .where('evaluation_id', 'in', chunk)
        .execute(),
      q
        .selectFrom('evaluation_answer_moments')
        .select(['evaluation_id', 'item_id', 'moment_id'])
        .where('evaluation_id', 'in', chunk)
        .orderBy('moment_id')
        .execute(),
    ]);
    const momentsOf = new Map<string, number[]>();
    for (const link of links) {
      const key = `${link.evaluation_id}\u0000${link.item_id}`;
      const list = momentsOf.get(key);
      if (list) list.push(link.moment_id);
      else momentsOf.set(key, [link.moment_id]);
    }
    for (const row of rows) {
      byId
        .get(row.evaluation_id)
        ?.push(toAnswer(row, momentsOf.get(`${row.evaluation_id}\u0000${row.item_id}`) ?? []));
    }
  }
  for (const { id, version } of evaluations) inFormOrder(byId.get(id)!, version);
  return byId;
}

/** Every saved answer of an evaluation, in the order of the form. */
export async function loadAnswers(
  q: Query,
  evaluationId: number,
  version: VersionContent,
): Promise<Answer[]> {
  return (await answersOf(q, [{ id: evaluationId, version }])).get(evaluationId)!;
}

/** Refuses, naming the change, any patch the evaluation's rubric version cannot take. */
export async function checkPatches(
  q: Query,
  interactionId: number,
  version: VersionContent,
  patches: readonly AnswerPatch[],
): Promise<void> {
  for (const [index, patch] of patches.entries()) {
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
      const found = await q
        .selectFrom('moments')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('interaction_id', '=', interactionId)
        .where('id', 'in', patch.momentIds)
        .executeTakeFirstOrThrow();
      if (Number(found.n) !== patch.momentIds.length) {
        throw new EarmarkError(
          'invalid_params',
          `${where}.momentIds: every linked moment must be one of this interaction's moments.`,
        );
      }
    }
  }
}

// A type, not an interface: `prepared` takes its values as a record.
type AnswerRow = {
  evaluationId: number;
  itemId: string;
  value: string | null;
  comment: string;
  at: string;
};

/** Answers' upsert: only what the patches name changes (a comment keystroke leaves the answer as it was). */
const upsertQuery = (q: Query, rows: readonly AnswerRow[], withValue: boolean, withComment: boolean) =>
  q
    .insertInto('evaluation_answers')
    .values(
      rows.map((p) => ({
        evaluation_id: p.evaluationId,
        item_id: p.itemId,
        value: p.value,
        comment: p.comment,
        updated_at: p.at,
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(['evaluation_id', 'item_id']).doUpdateSet((eb) => ({
        ...(withValue ? { value: eb.ref('excluded.value') } : {}),
        ...(withComment ? { comment: eb.ref('excluded.comment') } : {}),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    );

/** One answer's upsert, compiled once per shape (whether the patch names a value, a comment): it runs on every keystroke's autosave. */
const upsertFor = (withValue: boolean, withComment: boolean) =>
  prepared((q, p: AnswerRow) => upsertQuery(q, [p], withValue, withComment));
const upsertAnswer = [
  [upsertFor(false, false), upsertFor(false, true)],
  [upsertFor(true, false), upsertFor(true, true)],
] as const;

/**
 * Writes checked patches; fields a patch leaves out keep their saved value. Call inside a transaction.
 * A keystroke's save (one patch) runs its compiled-once upsert; several answers saved together (clicks
 * within one autosave's delay) go in one statement per shape, not one round trip to the database each.
 */
export async function writePatches(
  trx: Query,
  evaluationId: number,
  patches: readonly AnswerPatch[],
  at: string,
): Promise<void> {
  const row = (patch: AnswerPatch): AnswerRow => ({
    evaluationId,
    itemId: patch.itemId,
    value: patch.value ? JSON.stringify(patch.value) : null,
    comment: patch.comment ?? '',
    at,
  });
  for (const withValue of [false, true]) {
    for (const withComment of [false, true]) {
      const alike = patches.filter(
        (patch) => (patch.value !== undefined) === withValue && (patch.comment !== undefined) === withComment,
      );
      // A save names each item once (the schema refuses twice), as one statement's upsert needs.
      if (alike.length === 1) await upsertAnswer[withValue ? 1 : 0][withComment ? 1 : 0](trx, row(alike[0]!));
      else if (alike.length > 1) await upsertQuery(trx, alike.map(row), withValue, withComment).execute();
    }
  }
  for (const patch of patches) {
    if (!patch.momentIds) continue;
    await trx
      .deleteFrom('evaluation_answer_moments')
      .where('evaluation_id', '=', evaluationId)
      .where('item_id', '=', patch.itemId)
      .execute();
    if (patch.momentIds.length > 0) {
      await trx
        .insertInto('evaluation_answer_moments')
        .values(
          patch.momentIds.map((momentId) => ({
            evaluation_id: evaluationId,
            item_id: patch.itemId,
            moment_id: momentId,
          })),
        )
        .execute();
    }
  }
}
