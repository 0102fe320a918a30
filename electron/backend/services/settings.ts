import { EvaluationPanelShare, type Settings } from '../../../shared/api';
import type { Database } from '../db/database';
import type { Query } from '../db/schema';

/** One setting through the query layer (either engine); null when it is not set. */
export async function getSetting(q: Query, key: string): Promise<string | null> {
  const row = await q.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

/** Sets one setting through the query layer; null removes it. */
export async function putSetting(q: Query, key: string, value: string | null): Promise<void> {
  if (value === null) {
    await q.deleteFrom('settings').where('key', '=', key).execute();
    return;
  }
  await q
    .insertInto('settings')
    .values({ key, value })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })),
    )
    .execute();
}

export async function getSettings(q: Query): Promise<Settings> {
  const rows = await q
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', ['language', 'evaluationPanelShare'])
    .execute();
  const value = (key: string) => rows.find((row) => row.key === key)?.value ?? null;
  const language = value('language');
  const share = EvaluationPanelShare.safeParse(Number(value('evaluationPanelShare') ?? NaN));
  return {
    language: language === 'en' || language === 'de' || language === 'fi' ? language : null,
    evaluationPanelShare: share.success ? share.data : null,
  };
}

/** Changes the settings given, together (both or neither), and returns them all. */
export async function updateSettings(database: Database, changes: Partial<Settings>): Promise<Settings> {
  return database.transaction(async (trx) => {
    if (changes.language !== undefined) await putSetting(trx, 'language', changes.language);
    if (changes.evaluationPanelShare !== undefined)
      await putSetting(
        trx,
        'evaluationPanelShare',
        changes.evaluationPanelShare === null ? null : String(changes.evaluationPanelShare),
      );
    return getSettings(trx);
  });
}
