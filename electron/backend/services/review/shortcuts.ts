import {
  defaultShortcutBindings,
  normalizeKeys,
  shortcutCatalogue,
  shortcutIds,
  shortcutProblems,
  type ShortcutBindings,
  type ShortcutId,
  type ShortcutProblem,
  type ShortcutSettings,
} from '../../../../shared/api/methods/review';
import { EarmarkError } from '../../../../shared/errors';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';
import { putSetting } from '../settings';

const SETTING = 'shortcuts';

/** Only the actions the user changed are stored, so new actions and new defaults reach everyone else. */
type Overrides = Partial<Record<ShortcutId, string[]>>;

/**
 * The stored overrides; `forUpdate` inside a change on PostgreSQL, so two changes to stored keys take
 * turns instead of one silently undoing the other (SQLite has one writer at a time anyway).
 */
async function readOverrides(q: Query, forUpdate = false): Promise<Overrides> {
  let query = q.selectFrom('settings').select('value').where('key', '=', SETTING);
  if (forUpdate) query = query.forUpdate();
  const raw = (await query.executeTakeFirst())?.value;
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    // Drop actions that no longer exist and anything malformed rather than failing the whole app.
    return Object.fromEntries(
      Object.entries(parsed).filter(
        ([id, keys]) =>
          (shortcutIds as string[]).includes(id) &&
          Array.isArray(keys) &&
          keys.every((k) => typeof k === 'string' && normalizeKeys(k) === k),
      ),
    ) as Overrides;
  } catch {
    return {};
  }
}

function settingsFrom(overrides: Overrides): ShortcutSettings {
  const bindings: ShortcutBindings = { ...defaultShortcutBindings(), ...overrides };
  return { bindings, customized: shortcutIds.filter((id) => overrides[id] !== undefined) };
}

export async function getShortcuts(q: Query): Promise<ShortcutSettings> {
  return settingsFrom(await readOverrides(q));
}

/**
 * Changes the keys of some actions. The whole set is checked before anything is saved: a malformed key,
 * one the browser or the OS own, or one already bound in an overlapping scope refuses the change.
 */
export async function updateShortcuts(
  database: Database,
  changes: Partial<Record<ShortcutId, string[]>>,
): Promise<ShortcutSettings> {
  return database.transaction(async (trx) => {
    const overrides = await readOverrides(trx, database.engine === 'postgres');
    for (const [id, keys] of Object.entries(changes) as [ShortcutId, string[]][]) {
      const normalized = keys.map((text) => {
        const canonical = normalizeKeys(text);
        if (!canonical)
          throw new EarmarkError('invalid_params', `bindings.${id}: "${text}" is not a key combination.`);
        return canonical;
      });
      const unique = [...new Set(normalized)];
      const defaults = shortcutCatalogue[id].keys as readonly string[];
      const same = unique.length === defaults.length && unique.every((k, i) => k === defaults[i]);
      if (same) delete overrides[id];
      else overrides[id] = unique;
    }
    const next = settingsFrom(overrides);
    const problem = shortcutProblems(next.bindings).find(
      (p) => p.id in changes || ('other' in p && p.other in changes),
    );
    if (problem)
      throw problemError(problem.kind === 'conflict' && !(problem.id in changes) ? swap(problem) : problem);
    await putSetting(trx, SETTING, Object.keys(overrides).length ? JSON.stringify(overrides) : null);
    return next;
  });
}

export async function resetShortcuts(
  database: Database,
  ids: ShortcutId[] | undefined,
): Promise<ShortcutSettings> {
  return database.transaction(async (trx) => {
    const overrides = await readOverrides(trx, database.engine === 'postgres');
    for (const id of ids ?? shortcutIds) delete overrides[id];
    const next = settingsFrom(overrides);
    // Putting one action back on its default can collide with a key another action was moved to.
    const problem = shortcutProblems(next.bindings).find((p) => p.kind === 'conflict');
    if (problem) throw problemError(problem);
    await putSetting(trx, SETTING, Object.keys(overrides).length ? JSON.stringify(overrides) : null);
    return next;
  });
}

/** Names the action being changed first, so the message reads from the reviewer's side. */
function swap(problem: Extract<ShortcutProblem, { kind: 'conflict' }>): ShortcutProblem {
  return { ...problem, id: problem.other, other: problem.id };
}

function problemError(problem: ShortcutProblem): EarmarkError {
  const field = `bindings.${problem.id}`;
  switch (problem.kind) {
    case 'invalid':
      return new EarmarkError('invalid_params', `${field}: "${problem.keys}" is not a key combination.`);
    case 'reserved':
      return new EarmarkError(
        'invalid_params',
        `${field}: ${problem.keys} belongs to the ${problem.reason === 'system' ? 'operating system' : problem.reason === 'browser' ? 'browser' : 'keyboard navigation and text editing'}; choose another key.`,
      );
    case 'conflict':
      return new EarmarkError(
        'conflict',
        `${field}: ${problem.keys} is already the shortcut for "${problem.other}"; change that one first or choose another key.`,
      );
  }
}
