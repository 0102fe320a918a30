import { sql, type SqlBool } from 'kysely';
import type { MysteryScenario } from '../../../../shared/api/methods/mystery';
import type { ParsedParams } from '../../../../shared/api';
import { EarmarkError } from '../../../../shared/errors';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';
import { nowIso } from '../../clock';

type ScenarioInput = ParsedParams<'scenario.save'>;

const selectScenarios = (q: Query) =>
  q
    .selectFrom('mystery_scenarios')
    .select([
      'id',
      'title',
      'script',
      'provocative_question as provocativeQuestion',
      'good_answer as goodAnswer',
    ]);

export async function listScenarios(q: Query): Promise<MysteryScenario[]> {
  return selectScenarios(q)
    .orderBy(sql`lower(title)`)
    .orderBy('id')
    .execute();
}

export async function getScenario(q: Query, id: number, field = 'scenarioId'): Promise<MysteryScenario> {
  const row = await selectScenarios(q).where('id', '=', id).executeTakeFirst();
  if (!row) throw new EarmarkError('not_found', `${field}: there is no scenario with id ${id}.`);
  return row;
}

/** The library scenario with this title (letter case aside), if there is one. */
export async function scenarioByTitle(q: Query, title: string): Promise<MysteryScenario | undefined> {
  return selectScenarios(q)
    .where(sql<SqlBool>`lower(title) = lower(${title.trim()})`)
    .executeTakeFirst();
}

export async function saveScenario(database: Database, input: ScenarioInput): Promise<MysteryScenario> {
  const at = nowIso(database);
  return database.transaction(async (trx) => {
    const clash = await scenarioByTitle(trx, input.title);
    if (clash && clash.id !== input.id) {
      throw new EarmarkError('conflict', `title: there is already a scenario called "${clash.title}".`);
    }
    const values = {
      title: input.title,
      script: input.script,
      provocative_question: input.provocativeQuestion,
      good_answer: input.goodAnswer,
      updated_at: at,
    };
    if (input.id === undefined) {
      const { id } = await trx
        .insertInto('mystery_scenarios')
        .values({ ...values, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      return getScenario(trx, id);
    }
    await getScenario(trx, input.id, 'id');
    await trx.updateTable('mystery_scenarios').set(values).where('id', '=', input.id).execute();
    return getScenario(trx, input.id);
  });
}
