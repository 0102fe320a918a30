import type { MysteryScenario } from '../../../../shared/api/methods/mystery';
import type { ParsedParams } from '../../../../shared/api';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { statement } from './statements';
import { nowIso } from '../../clock';

type ScenarioInput = ParsedParams<'scenario.save'>;

const SELECT = `SELECT id, title, script, provocative_question AS provocativeQuestion, good_answer AS goodAnswer
  FROM mystery_scenarios`;

export function listScenarios(db: Db): MysteryScenario[] {
  return statement(db, `${SELECT} ORDER BY title COLLATE NOCASE`).all() as MysteryScenario[];
}

export function getScenario(db: Db, id: number, field = 'scenarioId'): MysteryScenario {
  const row = statement(db, `${SELECT} WHERE id = ?`).get(id) as MysteryScenario | undefined;
  if (!row) throw new EarmarkError('not_found', `${field}: there is no scenario with id ${id}.`);
  return row;
}

/** The library scenario with this title (letter case aside), if there is one. */
export function scenarioByTitle(db: Db, title: string): MysteryScenario | undefined {
  return statement(db, `${SELECT} WHERE title = ? COLLATE NOCASE`).get(title.trim()) as
    MysteryScenario | undefined;
}

export function saveScenario(db: Db, input: ScenarioInput): MysteryScenario {
  const at = nowIso(db);
  const clash = scenarioByTitle(db, input.title);
  if (clash && clash.id !== input.id) {
    throw new EarmarkError('conflict', `title: there is already a scenario called "${clash.title}".`);
  }
  const values = [input.title, input.script, input.provocativeQuestion, input.goodAnswer, at];
  if (input.id === undefined) {
    const { lastInsertRowid } = statement(
      db,
      `INSERT INTO mystery_scenarios (title, script, provocative_question, good_answer, updated_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(...values, at);
    return getScenario(db, Number(lastInsertRowid));
  }
  getScenario(db, input.id, 'id');
  statement(
    db,
    `UPDATE mystery_scenarios SET title = ?, script = ?, provocative_question = ?, good_answer = ?, updated_at = ?
     WHERE id = ?`,
  ).run(...values, input.id);
  return getScenario(db, input.id);
}
