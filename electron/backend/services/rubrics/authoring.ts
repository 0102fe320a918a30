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
import type { Db } from '../../db/open';
import { insertVersion, latestContent } from './publish';
import { getRubric, rubricKey } from './store';
import { versionContent } from './version-cache';
import { nowIso } from '../../clock';

/** A stable, readable rubric id from its name: "Billing calls (short)" → "billing-calls-short". */
function uniqueKey(db: Db, name: string): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'rubric';
  const taken = db.prepare('SELECT 1 FROM rubrics WHERE key = ?');
  let key = base;
  for (let n = 2; taken.get(key); n++) key = `${base}-${n}`;
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

export function createRubric(db: Db, authorId: number, params: ParsedParams<'rubric.create'>): RubricDetail {
  const id = db.transaction(() => {
    const copied =
      params.copyOfVersionId === undefined
        ? null
        : draftFromRubric(versionContent(db, params.copyOfVersionId, 'copyOfVersionId').rubric);
    const draft: RubricDraft = copied
      ? { ...copied, name: params.name, language: params.language, kind: params.kind }
      : starterDraft(params.name, params.language, params.kind);
    const at = nowIso(db);
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO rubrics (key, name, kind, language, draft, draft_saved_at, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        uniqueKey(db, params.name),
        params.name,
        params.kind,
        params.language,
        JSON.stringify(draft),
        at,
        authorId,
        at,
      );
    return Number(lastInsertRowid);
  })();
  return getRubric(db, id);
}

/**
 * Keeps the editor's working copy. A draft that has come back to exactly the latest version is no
 * draft: it is cleared, so lists only say "unpublished changes" when there are some.
 */
export function saveRubricDraft(
  db: Db,
  id: number,
  draft: RubricDraft,
): { id: number; draftSavedAt: string } {
  return db.transaction(() => {
    const key = rubricKey(db, id);
    const at = nowIso(db);
    const latest = latestContent(db, id);
    const checked = latest ? checkDraft(key, draft) : null;
    const unchanged = checked?.ok === true && serializeRubric(checked.rubric) === latest?.content;
    db.prepare('UPDATE rubrics SET draft = ?, draft_saved_at = ? WHERE id = ?').run(
      unchanged ? null : JSON.stringify(draft),
      unchanged ? null : at,
      id,
    );
    // A rubric never published is listed under the name its author is typing.
    if (!latest) {
      db.prepare('UPDATE rubrics SET name = ?, kind = ?, language = ? WHERE id = ?').run(
        draft.name.trim() || '…',
        draft.kind,
        draft.language,
        id,
      );
    }
    return { id, draftSavedAt: at };
  })();
}

export function discardRubricDraft(db: Db, id: number): RubricDetail {
  db.transaction(() => {
    rubricKey(db, id);
    if (!latestContent(db, id)) {
      throw new EarmarkError(
        'conflict',
        `Rubric ${id} was never published: its draft is all there is, so it cannot be discarded.`,
      );
    }
    db.prepare('UPDATE rubrics SET draft = NULL, draft_saved_at = NULL WHERE id = ?').run(id);
  })();
  return getRubric(db, id);
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

export function publishRubric(
  db: Db,
  authorId: number,
  params: ParsedParams<'rubric.publish'>,
): RubricDetail {
  db.transaction(() => {
    const key = rubricKey(db, params.id);
    const rubric = rubricFromDraft(key, params.draft, 'published');
    const latest = latestContent(db, params.id);
    if (latest && latest.content === serializeRubric(rubric)) {
      throw new EarmarkError(
        'conflict',
        `Nothing to publish: the rubric is the same as its version ${latest.version}.`,
      );
    }
    insertVersion(db, params.id, rubric, authorId, params.note, nowIso(db));
    db.prepare('UPDATE rubrics SET draft = NULL, draft_saved_at = NULL WHERE id = ?').run(params.id);
  })();
  return getRubric(db, params.id);
}

/** A rubric file becomes a new rubric, published as version 1; its id must not be taken. */
export function importRubric(db: Db, authorId: number, json: string): RubricDetail {
  const rubric = parseRubricJson(json);
  const id = db.transaction(() => {
    const existing = db.prepare('SELECT name FROM rubrics WHERE key = ?').pluck().get(rubric.id) as
      string | undefined;
    if (existing !== undefined) {
      throw new EarmarkError(
        'conflict',
        `A rubric with the id '${rubric.id}' is here already ("${existing}"). Change "id" in the file to import it as a new rubric.`,
      );
    }
    const at = nowIso(db);
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO rubrics (key, name, kind, language, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(rubric.id, rubric.name, rubric.kind, rubric.language, authorId, at);
    const rubricId = Number(lastInsertRowid);
    insertVersion(db, rubricId, rubric, authorId, '', at);
    return rubricId;
  })();
  return getRubric(db, id);
}
