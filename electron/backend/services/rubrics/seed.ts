import type { BuiltInLanguage } from '../../../../shared/rubric/defaults';
import { builtInLanguages, defaultMysteryChecklist, defaultRubric } from '../../../../shared/rubric/defaults';
import type { Rubric } from '../../../../shared/rubric/schema';
import type { Db } from '../../db/open';
import { insertVersion } from './publish';
import { nowIso } from '../../clock';

const builtIns: { key: 'courtesy-competence' | 'mystery-call'; rubric: (l: BuiltInLanguage) => Rubric }[] = [
  { key: 'courtesy-competence', rubric: defaultRubric },
  { key: 'mystery-call', rubric: defaultMysteryChecklist },
];

/**
 * Puts the built-in rubrics, in every shipped language, into the database as their version 1 when they
 * are not there yet. Runs at every start; a rubric already seeded is left alone, also when the shipped
 * text has changed since, because its versions (and the evaluations on them) belong to the users now.
 */
export function seedBuiltInRubrics(db: Db): number {
  const exists = db.prepare('SELECT 1 FROM rubrics WHERE key = ?');
  const insert = db.prepare(
    `INSERT INTO rubrics (key, builtin, name, kind, language, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  return db.transaction(() => {
    let seeded = 0;
    const at = nowIso(db);
    for (const language of builtInLanguages) {
      for (const builtIn of builtIns) {
        const rubric = builtIn.rubric(language);
        if (exists.get(rubric.id)) continue;
        const { lastInsertRowid } = insert.run(
          rubric.id,
          builtIn.key,
          rubric.name,
          rubric.kind,
          language,
          at,
        );
        insertVersion(db, Number(lastInsertRowid), rubric, null, '', at);
        seeded++;
      }
    }
    return seeded;
  })();
}
