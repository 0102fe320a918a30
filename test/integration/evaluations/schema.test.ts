import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/backend/db/open';
import { openDatabase } from '../../../electron/backend/db/open';
import { checkDraft, draftFromRubric } from '../../../shared/api/methods/rubric-draft';
import { builtInRubrics } from '../../../shared/rubric/defaults';
import { serializeRubric } from '../../../shared/rubric/json';
import { tempDir } from '../../support/paths';

const data = tempDir();
let db: Db;
beforeAll(async () => (db = await openDatabase(data.dir)));
afterAll(() => {
  db.close();
  data.cleanup();
});

/** The plan's detail lines, e.g. "SEARCH evaluation_answers USING PRIMARY KEY (evaluation_id=?)". */
const plan = (sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join('\n');

describe('migration 004: rubrics and evaluations', () => {
  it('creates STRICT tables for profiles, rubrics, versions, evaluations, answers and the audit trail', () => {
    const tables = db
      .prepare(
        `SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name IN
         ('reviewer_profiles', 'rubrics', 'rubric_versions', 'evaluations', 'evaluation_answers',
          'evaluation_answer_moments', 'evaluation_audit')`,
      )
      .all() as { name: string; sql: string }[];
    expect(tables).toHaveLength(7);
    for (const table of tables) expect(table.sql, table.name).toMatch(/\) STRICT/);
    const profileColumns = (
      db.prepare('PRAGMA table_info(reviewer_profiles)').all() as { name: string }[]
    ).map((c) => c.name);
    expect(profileColumns).toEqual(['id', 'name', 'role', 'created_at']);
  });

  it('answers the autosave and the lists from indexes, never a table scan', () => {
    expect(plan('SELECT * FROM evaluation_answers WHERE evaluation_id = 1')).toMatch(
      /SEARCH evaluation_answers USING PRIMARY KEY \(evaluation_id=\?\)/,
    );
    expect(
      plan("UPDATE evaluation_answers SET comment = 'x' WHERE evaluation_id = 1 AND item_id = 'a'"),
    ).toMatch(/USING PRIMARY KEY \(evaluation_id=\? AND item_id=\?\)/);
    expect(plan('SELECT id FROM evaluations WHERE interaction_id = 3')).toMatch(
      /USING .*INDEX evaluations_interaction/,
    );
    expect(
      plan(
        `SELECT e.id FROM evaluations e JOIN rubric_versions v ON v.id = e.rubric_version_id
         WHERE v.rubric_id = 1 AND e.state = 'submitted'`,
      ),
    ).toMatch(/INDEX evaluations_version/);
    expect(plan('SELECT * FROM evaluation_audit WHERE evaluation_id = 1 ORDER BY id')).toMatch(
      /INDEX evaluation_audit_evaluation/,
    );
  });
});

describe('rubric drafts', () => {
  it('turn every built-in rubric into a draft and back without a change', () => {
    for (const rubric of builtInRubrics) {
      const checked = checkDraft(rubric.id, draftFromRubric(rubric));
      expect(checked.ok, rubric.id).toBe(true);
      if (checked.ok) expect(serializeRubric(checked.rubric)).toBe(serializeRubric(rubric));
    }
  });

  it('name each problem of an unfinished draft at its place', () => {
    const draft = draftFromRubric(builtInRubrics[0]!);
    draft.sections[1]!.items[1]!.options = [];
    draft.sections[0]!.title = '';
    const checked = checkDraft('x', draft);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.problems.map((p) => p.path.join('.'))).toEqual(
        expect.arrayContaining(['sections.0.title', 'sections.1.items.1.options']),
      );
    }
  });
});
