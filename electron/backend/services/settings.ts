import { EvaluationPanelShare, type Settings } from '../../../shared/api';
import type { Db } from '../db/open';

export function readSetting(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value ?? null;
}

export function writeSetting(db: Db, key: string, value: string | null): void {
  if (value === null) db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  else
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
}

export function getSettings(db: Db): Settings {
  const language = readSetting(db, 'language');
  const share = EvaluationPanelShare.safeParse(Number(readSetting(db, 'evaluationPanelShare') ?? NaN));
  return {
    language: language === 'en' || language === 'de' || language === 'fi' ? language : null,
    evaluationPanelShare: share.success ? share.data : null,
  };
}

export function updateSettings(db: Db, changes: Partial<Settings>): Settings {
  if (changes.language !== undefined) writeSetting(db, 'language', changes.language);
  if (changes.evaluationPanelShare !== undefined)
    writeSetting(
      db,
      'evaluationPanelShare',
      changes.evaluationPanelShare === null ? null : String(changes.evaluationPanelShare),
    );
  return getSettings(db);
}
