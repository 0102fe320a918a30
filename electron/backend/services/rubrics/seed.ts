import type { BuiltInLanguage } from '../../../../shared/rubric/defaults';
import { builtInLanguages, defaultMysteryChecklist, defaultRubric } from '../../../../shared/rubric/defaults';
import type { Rubric } from '../../../../shared/rubric/schema';
import type { Database } from '../../db/database';
import { insertVersion } from './publish';
import { nowIso } from '../../clock';

const builtIns: { key: 'courtesy-competence' | 'mystery-call'; rubric: (l: BuiltInLanguage) => Rubric }[] = [
  { key: 'courtesy-competence', rubric: defaultRubric },
  { key: 'mystery-call', rubric: defaultMysteryChecklist },
];

/**
 * Puts the built-in rubrics, in every shipped language, into the database as their version 1 when they
 * are not there yet. Runs at every start, on either engine; a rubric already seeded is left alone, also
 * when the shipped text has changed since, because its versions (and the evaluations on them) belong to
 * the users now. Two servers starting together on one PostgreSQL seed each rubric once: the second
 * insert of a key does nothing, and only the server that inserted it writes its version.
 */
export async function seedBuiltInRubrics(database: Database): Promise<number> {
  const wanted = builtInLanguages.flatMap((language) =>
    builtIns.map((builtIn) => ({ language, builtin: builtIn.key, rubric: builtIn.rubric(language) })),
  );
  const present = new Set(
    (
      await database.query
        .selectFrom('rubrics')
        .select('key')
        .where(
          'key',
          'in',
          wanted.map((w) => w.rubric.id),
        )
        .execute()
    ).map((row) => row.key),
  );
  const missing = wanted.filter((w) => !present.has(w.rubric.id));
  if (missing.length === 0) return 0;
  const at = nowIso(database);
  return database.transaction(async (trx) => {
    let seeded = 0;
    for (const { language, builtin, rubric } of missing) {
      const inserted = await trx
        .insertInto('rubrics')
        .values({ key: rubric.id, builtin, name: rubric.name, kind: rubric.kind, language, created_at: at })
        .onConflict((conflict) => conflict.column('key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) continue;
      await insertVersion(trx, inserted.id, rubric, null, '', at);
      seeded++;
    }
    return seeded;
  });
}
