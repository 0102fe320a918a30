import type { ParsedParams } from '../../../../shared/api';
import {
  checkDraft,
  draftFromRubric,
  type DraftProblem,
  type RubricDraft,
  blankItem,
} from '../../../../shared/api/methods/rubric-draft';
import type { RubricDetail } from '../../../../shared/api/methods/rubrics';
import { parseRubricJson, serializeRubric } from '../../../../shared/rubric/json';
import { DEFAULT_PASS_MARK } from '../../../../shared/rubric/outcome';
import type { Rubric } from '../../../../shared/rubric/schema';
import { EarmarkError } from '../../../../shared/errors';
import type { Database } from '../../db/database';
import type { ExpressionBuilder } from 'kysely';
import type { Query, Schema } from '../../db/schema';
import { insertVersion, latestContent } from './publish';
import { getRubric, rubricKey } from './store';
import { loadVersion, transactionWithVersions } from './version-cache';
import { clockOf, nowIso } from '../../clock';
import { editConflict } from '../edit-conflict';

/** A stable, readable rubric id from its name: "Billing calls (short)" → "billing-calls-short". */
async function uniqueKey(q: Query, name: string): Promise<string> {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'rubric';
  const taken = new Set(
    (
      await q
        .selectFrom('rubrics')
        .select('key')
        .where((eb) => eb.or([eb('key', '=', base), eb('key', 'like', `${base}-%`)]))
        .execute()
    ).map((row) => row.key),
  );
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}

/** Where a new rubric starts: one section with one yes/no item, titles left for the author. */
function starterDraft(name: string, language: string, kind: RubricDraft['kind']): RubricDraft {
  return {
    kind,
    name,
    language,
    description: '',
    passMark: DEFAULT_PASS_MARK,
    sections: [
      {
        id: 'section-1',
        title: '',
        weight: 1,
        items: [blankItem('item-1')],
      },
    ],
  };
}

export async function createRubric(
  database: Database,
  authorId: number,
  params: ParsedParams<'rubric.create'>,
): Promise<RubricDetail> {
  const at = nowIso(database);
  const id = await transactionWithVersions(database, async (trx) => {
    const copied =
      params.copyOfVersionId === undefined
        ? null
        : draftFromRubric((await loadVersion(trx, params.copyOfVersionId, 'copyOfVersionId')).rubric);
    const draft: RubricDraft = copied
      ? { ...copied, name: params.name, language: params.language, kind: params.kind }
      : starterDraft(params.name, params.language, params.kind);
    const row = await trx
      .insertInto('rubrics')
      .values({
        key: await uniqueKey(trx, params.name),
        name: params.name,
        kind: params.kind,
        language: params.language,
        draft: JSON.stringify(draft),
        draft_saved_at: at,
        created_by: authorId,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
  return getRubric(database.query, id);
}

/**
 * Keeps the editor's working copy. A draft that has come back to exactly the latest version is no
 * draft: it is cleared, so lists only say "unpublished changes" when there are some. The save is made
 * only on the draft `version` it started from, in the one statement that counts the version up: a save
 * from an older version (another place saved, published or discarded meanwhile) writes nothing and is
 * refused with `edit_conflict`, naming who changed the draft when.
 */
export async function saveRubricDraft(
  database: Database,
  authorId: number,
  params: { id: number; draft: RubricDraft; version: number },
): Promise<{ id: number; draftSavedAt: string; version: number }> {
  const { id, draft } = params;
  const at = nowIso(database);
  return transactionWithVersions(database, async (trx) => {
    const key = await rubricKey(trx, id);
    const latest = await latestContent(trx, id);
    const checked = latest ? checkDraft(key, draft) : null;
    const unchanged = checked?.ok === true && serializeRubric(checked.rubric) === latest?.content;
    const saved = await trx
      .updateTable('rubrics')
      .set((eb) => ({
        draft: unchanged ? null : JSON.stringify(draft),
        draft_saved_at: unchanged ? null : at,
        draft_version: eb('draft_version', '+', 1),
        draft_changed_by: authorId,
        draft_changed_at: at,
      }))
      .where('id', '=', id)
      .where('draft_version', '=', params.version)
      .returning('draft_version')
      .executeTakeFirst();
    if (!saved) throw await draftConflict(trx, id, database);
    // A rubric never published is listed under the name its author is typing.
    if (!latest) {
      await trx
        .updateTable('rubrics')
        .set({ name: draft.name.trim() || '…', kind: draft.kind, language: draft.language })
        .where('id', '=', id)
        .execute();
    }
    return { id, draftSavedAt: at, version: Number(saved.draft_version) };
  });
}

/** Who changed the draft last, and when: the refusal of a save made from an older draft version. */
async function draftConflict(q: Query, id: number, database: Database) {
  const row = await q
    .selectFrom('rubrics as r')
    .leftJoin('reviewer_profiles as p', 'p.id', 'r.draft_changed_by')
    .select(['p.name', 'r.draft_changed_at'])
    .where('r.id', '=', id)
    .executeTakeFirstOrThrow();
  return editConflict('this draft', { by: row.name, at: row.draft_changed_at }, clockOf(database).now());
}

/** Publishing and discarding change the draft too: a save from before either is refused. */
const draftGone = (authorId: number, at: string) => (eb: ExpressionBuilder<Schema, 'rubrics'>) => ({
  draft: null,
  draft_saved_at: null,
  draft_version: eb('draft_version', '+', 1),
  draft_changed_by: authorId,
  draft_changed_at: at,
});

export async function discardRubricDraft(
  database: Database,
  authorId: number,
  id: number,
): Promise<RubricDetail> {
  const at = nowIso(database);
  await transactionWithVersions(database, async (trx) => {
    await rubricKey(trx, id);
    if (!(await latestContent(trx, id))) {
      throw new EarmarkError(
        'conflict',
        `Rubric ${id} was never published: its draft is all there is, so it cannot be discarded.`,
      );
    }
    await trx.updateTable('rubrics').set(draftGone(authorId, at)).where('id', '=', id).execute();
  });
  return getRubric(database.query, id);
}

/** "sections[0].items[1].weight must not be negative (got -1); …", at most five. */
export function describeProblems(problems: readonly DraftProblem[]): string {
  const shown = problems.slice(0, 5).map((p) => p.message);
  const more = problems.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}

/** The rubric a draft stands for, or invalid_params naming every problem at its place. */
export function rubricFromDraft(key: string, draft: RubricDraft, action: string): Rubric {
  const checked = checkDraft(key, draft);
  if (!checked.ok) {
    throw new EarmarkError(
      'invalid_params',
      `The rubric cannot be ${action}: ${describeProblems(checked.problems)}`,
    );
  }
  return checked.rubric;
}

export async function publishRubric(
  database: Database,
  authorId: number,
  params: ParsedParams<'rubric.publish'>,
): Promise<RubricDetail> {
  const at = nowIso(database);
  await transactionWithVersions(database, async (trx) => {
    const key = await rubricKey(trx, params.id, 'id', database.engine);
    const rubric = rubricFromDraft(key, params.draft, 'published');
    const latest = await latestContent(trx, params.id);
    if (latest && latest.content === serializeRubric(rubric)) {
      throw new EarmarkError(
        'conflict',
        `Nothing to publish: the rubric is the same as its version ${latest.version}.`,
      );
    }
    await insertVersion(trx, params.id, rubric, authorId, params.note, at);
    await trx.updateTable('rubrics').set(draftGone(authorId, at)).where('id', '=', params.id).execute();
  });
  return getRubric(database.query, params.id);
}

/** A rubric file becomes a new rubric, published as version 1; its id must not be taken. */
export async function importRubric(
  database: Database,
  authorId: number,
  json: string,
): Promise<RubricDetail> {
  const rubric = parseRubricJson(json);
  const at = nowIso(database);
  const id = await database.transaction(async (trx) => {
    const existing = await trx
      .selectFrom('rubrics')
      .select('name')
      .where('key', '=', rubric.id)
      .executeTakeFirst();
    if (existing !== undefined) {
      throw new EarmarkError(
        'conflict',
        `A rubric with the id '${rubric.id}' is here already ("${existing.name}"). Change "id" in the file to import it as a new rubric.`,
      );
    }
    const row = await trx
      .insertInto('rubrics')
      .values({
        key: rubric.id,
        name: rubric.name,
        kind: rubric.kind,
        language: rubric.language,
        created_by: authorId,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertVersion(trx, row.id, rubric, authorId, '', at);
    return row.id;
  });
  return getRubric(database.query, id);
}
