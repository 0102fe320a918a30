import type { DetailsPatch, InteractionDetails } from '../../../shared/api/methods/details';
import { EarmarkError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { SUMMARY_COLUMNS, SUMMARY_JOINS, toSummary, type SummaryRow } from './library-view';
import { upsertAgent } from './people';
import { pruneUnusedAgents } from './unused-agents';

interface StoredDetails {
  id: number;
  title: string;
  agent_id: number | null;
  agent_name: string | null;
  team_name: string | null;
  started_at: string | null;
  direction: 'inbound' | 'outbound' | null;
  queue: string | null;
  customer_ref: string | null;
}

export interface DetailsUpdate {
  changed: boolean;
  /** What could not be applied and why (a manifest's team for an interaction without an agent). */
  notes: string[];
}

/**
 * Changes the given details of one interaction in one transaction; fields left out stay as they are.
 * `lenient` (a manifest) drops a team it cannot place instead of refusing the whole change.
 */
export function applyDetails(
  db: Db,
  id: number,
  patch: DetailsPatch,
  options: { lenient?: boolean } = {},
): DetailsUpdate {
  return db.transaction(() => {
    const current = db
      .prepare(
        `SELECT i.id, i.title, i.agent_id, a.name AS agent_name, t.name AS team_name, i.started_at, i.direction,
           i.queue, i.customer_ref
         FROM interactions i LEFT JOIN agents a ON a.id = i.agent_id LEFT JOIN teams t ON t.id = a.team_id
         WHERE i.id = ?`,
      )
      .get(id) as StoredDetails | undefined;
    if (!current) throw new EarmarkError('not_found', `There is no interaction with id ${id}.`);
    const notes: string[] = [];
    const agentId = resolveAgent(db, current, patch, (problem, note) => {
      if (!options.lenient) throw new EarmarkError('invalid_params', problem);
      notes.push(note);
    });
    const next = {
      title: patch.title ?? current.title,
      agent_id: agentId,
      started_at: patch.startedAt === undefined ? current.started_at : canonicalTime(patch.startedAt),
      direction: patch.direction === undefined ? current.direction : patch.direction,
      queue: patch.queue === undefined ? current.queue : patch.queue,
      customer_ref: patch.customerRef === undefined ? current.customer_ref : patch.customerRef,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).some((key) => next[key] !== current[key]);
    if (changed) {
      db.prepare(
        `UPDATE interactions SET title = @title, agent_id = @agent_id, started_at = @started_at,
           direction = @direction, queue = @queue, customer_ref = @customer_ref WHERE id = @id`,
      ).run({ ...next, id });
      if (current.agent_id !== null && current.agent_id !== agentId)
        pruneUnusedAgents(db, [current.agent_id]);
    }
    return { changed, notes };
  })();
}

/** The interaction's details as the library shows them, after a change. */
export function readDetails(db: Db, id: number): InteractionDetails {
  const row = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM interactions i ${SUMMARY_JOINS} WHERE i.id = ?`)
    .get(id) as SummaryRow | undefined;
  if (!row) throw new EarmarkError('not_found', `There is no interaction with id ${id}.`);
  return { ...toSummary(row), customerRef: row.customer_ref };
}

/**
 * Gives every chosen interaction the agent (named within the team, as everywhere), in one transaction:
 * all of them or, when one is missing, none. Returns how many actually changed.
 */
export function assignAgent(
  db: Db,
  ids: readonly number[],
  agentName: string,
  teamName: string | null,
): { changed: number; total: number } {
  const unique = JSON.stringify([...new Set(ids)]);
  return db.transaction(() => {
    const missing = db
      .prepare(
        'SELECT value FROM json_each(?) WHERE value NOT IN (SELECT id FROM interactions) ORDER BY value LIMIT 5',
      )
      .pluck()
      .all(unique) as number[];
    if (missing.length > 0) {
      throw new EarmarkError(
        'not_found',
        `Interaction ${missing.join(', ')} no longer exists (deleted meanwhile?); nothing was changed.`,
      );
    }
    const agentId = upsertAgent(db, agentName, teamName);
    const previous = db
      .prepare(
        `SELECT DISTINCT agent_id FROM interactions
         WHERE id IN (SELECT value FROM json_each(?)) AND agent_id IS NOT NULL AND agent_id <> ?`,
      )
      .pluck()
      .all(unique, agentId) as number[];
    const { changes } = db
      .prepare(
        'UPDATE interactions SET agent_id = ? WHERE id IN (SELECT value FROM json_each(?)) AND agent_id IS NOT ?',
      )
      .run(agentId, unique, agentId);
    pruneUnusedAgents(db, previous);
    return { changed: changes, total: (JSON.parse(unique) as number[]).length };
  })();
}

/**
 * The agent the interaction ends up with. The team belongs to the agent (an agent is a name within a
 * team), so the name and the team are resolved together; whichever is left out keeps its current value.
 */
function resolveAgent(
  db: Db,
  current: StoredDetails,
  patch: DetailsPatch,
  refuse: (problem: string, note: string) => void,
): number | null {
  if (patch.agentName === undefined && patch.teamName === undefined) return current.agent_id;
  const agentName = patch.agentName === undefined ? current.agent_name : patch.agentName;
  if (agentName === null) {
    // Removing the agent takes its team along; a team named on its own has nowhere to go.
    if (patch.teamName) {
      refuse(
        `teamName: a team belongs to an agent; give agentName as well (interaction ${current.id} has no agent)`,
        `Team "${patch.teamName}" was not set: a team belongs to an agent, and this interaction has none.`,
      );
    }
    return null;
  }
  return upsertAgent(db, agentName, patch.teamName === undefined ? current.team_name : patch.teamName);
}

/** Start times are stored as canonical UTC ISO strings, as the import writes them, so they sort and filter. */
function canonicalTime(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
