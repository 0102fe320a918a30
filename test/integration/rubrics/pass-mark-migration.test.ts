import { createHash } from 'node:crypto';
import { cpSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { migrations } from '../../../electron/backend/db/migrations';
import { openDatabase, type Db } from '../../../electron/backend/db/open';
import type { LibraryItem } from '../../../shared/api';
import type { EvaluationDetail } from '../../../shared/api/methods/evaluations';
import { checkDraft } from '../../../shared/api/methods/rubric-draft';
import type { RubricDetail } from '../../../shared/api/methods/rubrics';
import { serializeRubric } from '../../../shared/rubric/json';
import { call } from '../../support/backend';
import { resourcesDir, tempDir } from '../../support/paths';
import { refused, seedInteraction, smallDraft } from '../evaluations/fixture';

/**
 * A database written before pass marks existed (schema 010): a rubric version whose content has no
 * pass mark, an editor draft without one, and evaluations stored as pass/fail, one of them submitted
 * before scores were stored at all. Opening it with this Earmark must give every version 80 %, keep the
 * published text as it was, and turn the stored results into outcomes.
 */

const data = tempDir('earmark-pass-mark-migration-');
let backend: Backend;
const ids: Record<string, number> = {};
let oldContent = '';

const { passMark: _dropped, ...withoutPassMark } = JSON.parse(
  serializeRubric((checkDraft('billing', smallDraft()) as { ok: true; rubric: never }).rubric),
) as Record<string, unknown>;

/** Answers of the small rubric: greeting (1 point), polite (1, critical), knowledge (0-2). */
function evaluation(db: Db, title: string, answers: [string, unknown][], stored: [number, string] | null) {
  const at = '2026-03-02T10:00:00.000Z';
  // Answered as a draft, then submitted: a trigger locks a submitted evaluation's answers.
  const id = Number(
    db
      .prepare(
        `INSERT INTO evaluations (interaction_id, rubric_version_id, reviewer_id, state, created_at, updated_at)
         VALUES (?, ?, ?, 'draft', ?, ?)`,
      )
      .run(seedInteraction(db, title), ids.version, ids.reviewer, at, at).lastInsertRowid,
  );
  for (const [itemId, value] of answers) {
    db.prepare(
      `INSERT INTO evaluation_answers (evaluation_id, item_id, value, comment, updated_at) VALUES (?, ?, ?, ?, ?)`,
    ).run(id, itemId, JSON.stringify(value), itemId === 'polite' ? 'Rude' : '', at);
  }
  db.prepare(
    `UPDATE evaluations SET state = 'submitted', submitted_at = ?, score_percent = ?, score_result = ? WHERE id = ?`,
  ).run(at, stored?.[0] ?? null, stored?.[1] ?? null, id);
  ids[title] = id;
}

const yes = { kind: 'yes' };
const no = { kind: 'no' };
const scale = (value: number) => ({ kind: 'scale', value });

beforeAll(async () => {
  const passMark = migrations.find((m) => m.name.endsWith('-pass-mark'))!.version;
  const old = await openDatabase(data.dir, { migrations: migrations.filter((m) => m.version < passMark) });
  expect(old.pragma('user_version', { simple: true })).toBe(passMark - 1);
  old.transaction(() => {
    const at = '2026-03-01T09:00:00.000Z';
    ids.reviewer = Number(
      old
        .prepare(
          `INSERT INTO reviewer_profiles (name, role, created_at) VALUES ('Maria Lind', 'qa_supervisor', ?)`,
        )
        .run(at).lastInsertRowid,
    );
    const draft = { ...smallDraft(), description: 'Being reworded' } as Record<string, unknown>;
    delete draft.passMark;
    ids.rubric = Number(
      old
        .prepare(
          `INSERT INTO rubrics (key, name, kind, language, draft, draft_saved_at, created_at)
           VALUES ('billing', 'Billing calls', 'evaluation', 'en', ?, ?, ?)`,
        )
        .run(JSON.stringify(draft), at, at).lastInsertRowid,
    );
    oldContent = `${JSON.stringify(withoutPassMark, null, 2)}\n`;
    ids.version = Number(
      old
        .prepare(
          `INSERT INTO rubric_versions (rubric_id, version, content, sha256, published_at) VALUES (?, 1, ?, ?, ?)`,
        )
        .run(ids.rubric, oldContent, createHash('sha256').update(oldContent).digest('hex'), at)
        .lastInsertRowid,
    );
    // 3 of 4 points = 75 %, stored by migration 006 as a pass.
    evaluation(
      old,
      'Seventy-five',
      [
        ['greeting', no],
        ['polite', yes],
        ['knowledge', scale(2)],
      ],
      [75, 'pass'],
    );
    // 4 of 4 = 100 %.
    evaluation(
      old,
      'Full marks',
      [
        ['greeting', yes],
        ['polite', yes],
        ['knowledge', scale(2)],
      ],
      [100, 'pass'],
    );
    evaluation(
      old,
      'Rude',
      [
        ['greeting', yes],
        ['polite', no],
        ['knowledge', scale(2)],
      ],
      [0, 'fail'],
    );
    // Submitted before scores were stored: 2 of 4 = 50 %, scored at start.
    evaluation(
      old,
      'Unscored',
      [
        ['greeting', no],
        ['polite', yes],
        ['knowledge', scale(1)],
      ],
      null,
    );
    // Mystery shops keep pass/fail/incomplete in their result column (migration 009).
    const shop = old.prepare(
      `INSERT INTO mystery_shops (shop_id, wave, occurred_at, channel, rubric_version_id, scenario_text, status, percent, result, created_at, updated_at)
       VALUES (?, 'Wave 1', '2026-03-01T10:00', 'call', ?, 'Refund question', ?, ?, ?, ?, ?)`,
    );
    shop.run('S-70', ids.version, 'submitted', 70, 'pass', at, at);
    shop.run('S-rude', ids.version, 'submitted', 0, 'fail', at, at);
    shop.run('S-draft', ids.version, 'draft', 90, 'incomplete', at, at);
  })();
  old.close();
  backend = await createBackend({ dataDir: data.dir, resourcesDir, version: '0.0.0-test', log: () => {} });
  // Maria works at the workstation: what the tests publish is published as her.
  await call(backend, 'profile.select', { id: ids.reviewer });
});
afterAll(async () => {
  await backend?.close();
  data.cleanup();
});

const stored = () =>
  Object.fromEntries(
    (
      backend.db
        .prepare('SELECT id, score_percent AS percent, score_outcome AS outcome FROM evaluations')
        .all() as {
        id: number;
        percent: number | null;
        outcome: string | null;
      }[]
    ).map((row) => [row.id, [row.percent, row.outcome]]),
  );

/**
 * Runs `work` on a backend over a copy of the migrated folder, for tests that change what they find:
 * the others read the folder as the migration left it, whichever order they run in.
 */
async function onCopy(work: (copy: Backend) => Promise<void>): Promise<void> {
  backend.db.pragma('wal_checkpoint(TRUNCATE)');
  const copy = tempDir('earmark-pass-mark-copy-');
  cpSync(data.dir, copy.dir, { recursive: true });
  const other = await createBackend({
    dataDir: copy.dir,
    resourcesDir,
    version: '0.0.0-test',
    log: () => {},
  });
  try {
    await work(other);
  } finally {
    await other.close();
    copy.cleanup();
  }
}

describe('migration 011: pass marks', () => {
  it('gives every version published before it 80 %, leaving the published text and its hash alone', async () => {
    const row = backend.db
      .prepare('SELECT content, sha256, pass_mark FROM rubric_versions WHERE id = ?')
      .get(ids.version) as { content: string; sha256: string; pass_mark: number };
    expect(row.pass_mark).toBe(80);
    expect(row.content).toBe(oldContent);
    expect(row.sha256).toBe(createHash('sha256').update(oldContent).digest('hex'));
    const rubric = await call<RubricDetail>(backend, 'rubric.get', { id: ids.rubric });
    expect(rubric.latest!.passMark).toBe(80);
    // Built-in rubrics seeded afterwards carry it in their content too.
    const builtIn = backend.db
      .prepare(
        `SELECT v.content, v.pass_mark FROM rubric_versions v JOIN rubrics r ON r.id = v.rubric_id WHERE r.builtin IS NOT NULL LIMIT 1`,
      )
      .get() as { content: string; pass_mark: number };
    expect([JSON.parse(builtIn.content).passMark, builtIn.pass_mark]).toEqual([80, 80]);
  });

  it("gives an editor draft its rubric's 80 %, keeping the rest of the draft", async () => {
    const rubric = await call<RubricDetail>(backend, 'rubric.get', { id: ids.rubric });
    expect(rubric.draft).toMatchObject({ passMark: 80, description: 'Being reworded' });
  });

  it('turns stored results into outcomes against 80 %, and scores the unscored at start', () => {
    expect(stored()).toEqual({
      [ids['Seventy-five']!]: [75, 'belowTarget'],
      [ids['Full marks']!]: [100, 'pass'],
      [ids.Rude!]: [0, 'criticalFail'],
      [ids.Unscored!]: [50, 'belowTarget'],
    });
    const columns = backend.db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('evaluations');
    expect(columns).toContain('score_outcome');
    expect(columns).not.toContain('score_result');
  });

  it('gives mystery shops their outcome beside the result their column allows', async () => {
    const shops = backend.db
      .prepare('SELECT shop_id, result, outcome FROM mystery_shops ORDER BY shop_id')
      .all();
    expect(shops).toEqual([
      { shop_id: 'S-70', result: 'pass', outcome: 'belowTarget' },
      { shop_id: 'S-draft', result: 'incomplete', outcome: 'pass' },
      { shop_id: 'S-rude', result: 'fail', outcome: 'criticalFail' },
    ]);
    const listed = await call<{ shopId: string; result: string }[]>(backend, 'mystery.list', {});
    expect(Object.fromEntries(listed.map((s) => [s.shopId, s.result]))).toEqual({
      'S-70': 'belowTarget',
      'S-draft': 'incomplete',
      'S-rude': 'criticalFail',
    });
  });

  it('shows the outcomes in the library and on the evaluation', async () => {
    const page = await call<{ items: LibraryItem[] }>(backend, 'library.list', { limit: 10 });
    const scoreOf = (title: string) => page.items.find((item) => item.title === title)!.score;
    expect(scoreOf('Seventy-five')).toEqual({ percent: 75, outcome: 'belowTarget' });
    expect(scoreOf('Rude')).toEqual({ percent: 0, outcome: 'criticalFail' });
    const detail = await call<EvaluationDetail>(backend, 'evaluation.get', { id: ids['Seventy-five'] });
    expect(detail.score).toMatchObject({ result: 'belowTarget', percent: 75, passMark: 80 });
  });

  it('sees an unchanged old version as unchanged: nothing to publish, a draft back at it is cleared', () =>
    onCopy(async (backend) => {
      const rubric = await call<RubricDetail>(backend, 'rubric.get', { id: ids.rubric });
      const same = { ...rubric.draft!, description: '' };
      const error = await refused(backend, 'rubric.publish', {
        id: ids.rubric,
        draft: same,
      });
      expect(error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/Nothing to publish/) });
      await call(backend, 'rubric.saveDraft', {
        id: ids.rubric,
        draft: same,
        version: rubric.draftVersion,
      });
      expect((await call<RubricDetail>(backend, 'rubric.get', { id: ids.rubric })).draft).toBeNull();
    }));

  it('publishes a new pass mark as a new version; older evaluations keep their version’s 80 %', () =>
    onCopy(async (backend) => {
      const rubric = await call<RubricDetail>(backend, 'rubric.publish', {
        id: ids.rubric,
        draft: { ...smallDraft(), passMark: 70 },
        note: 'Pass mark 70 %',
      });
      expect(rubric.latest!.passMark).toBe(70);
      expect(rubric.versions.map((v) => v.version)).toEqual([2, 1]);
      const v2 = backend.db
        .prepare('SELECT pass_mark, content FROM rubric_versions WHERE rubric_id = ? AND version = 2')
        .get(ids.rubric) as { pass_mark: number; content: string };
      expect([v2.pass_mark, JSON.parse(v2.content).passMark]).toEqual([70, 70]);
      const again = await call<RubricDetail>(backend, 'rubric.get', { id: ids.rubric });
      expect(again.draft).toBeNull();
      const detail = await call<EvaluationDetail>(backend, 'evaluation.get', { id: ids['Seventy-five'] });
      expect(detail.score).toMatchObject({ result: 'belowTarget', passMark: 80 });
    }));

  it('refuses a pass mark outside 1-100, naming it', async () => {
    for (const passMark of [0, 101, 62.5]) {
      const error = await refused(backend, 'rubric.publish', {
        id: ids.rubric,
        draft: { ...smallDraft(), passMark },
      });
      expect(error).toMatchObject({
        code: 'invalid_params',
        message: expect.stringMatching(/passMark must be a whole percent from 1 to 100/),
      });
    }
  });
});
