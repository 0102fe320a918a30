import { sql } from 'kysely';
import type { DetailsPatch, InteractionDetails } from '../../../shared/api/methods/details';
import type { CustomerRating } from '../../../shared/api/schemas';
import { EarmarkError } from '../../../shared/errors';
import type { Database } from '../db/database';
import type { Query } from '../db/schema';
import { SUMMARY_SELECT, toSummary, type SummaryRow } from './library-view';
import { findOrAddAgent } from './people';
import { removeUnusedAgents } from './unused-agents';

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
  customer_rating: CustomerRating | null;
}

export interface DetailsUpdate {
  changed: boolean;
  /** What could not be applied and why (a manifest's team for an interaction without an agent). */
  notes: string[];
}

const STORED_DETAILS = sql`SELECT i.id, i.title, i.agent_id, a.name AS agent_name, t.name AS team_name,
    i.started_at, i.direction, i.queue, i.customer_ref, i.customer_rating
  FROM interactions i LEFT JOIN agents a ON a.id = i.agent_id LEFT JOIN teams t ON t.id = a.team_id`;

/**
 * Changes the given details of one interaction in one transaction; fields left out stay as they are.
 * `lenient` (a manifest) drops a team it cannot place instead of refusing the whole change.
 */
export async function updateDetails(
  database: Database,
  id: number,
  patch: DetailsPatch,
  options: { lenient?: boolean } = {},
): Promise<DetailsUpdate> {
  return database.transaction(async (trx) => {
    // Two people editing the same interaction on a team's server: the second waits for the first.
    const lock = database.engine === 'postgres' ? sql`FOR UPDATE OF i` : sql``;
    const { rows } = await sql<StoredDetails>`${STORED_DETAILS} WHERE i.id = ${id} ${lock}`.execute(trx);
    const current = rows[0];
    if (!current) throw new EarmarkError('not_found', `There is no interaction with id ${id}.`);
    const notes: string[] = [];
    const agent = chooseAgent(current, patch, refuser(options, notes));
    const agentId =
      agent === 'keep'
        ? current.agent_id
        : agent === null
          ? null
          : await findOrAddAgent(trx, agent.agentName, agent.teamName);
    const next = nextDetails(current, patch, agentId);
    const changed = isChange(current, next);
    if (changed) {
      await trx.updateTable('interactions').set(next).where('id', '=', id).execute();
      if (current.agent_id !== null && current.agent_id !== agentId)
        await removeUnusedAgents(trx, database.engine, [current.agent_id]);
    }
    return { changed, notes };
  });
}

/** The interaction's details as the library shows them, after a change. */
export async function interactionDetails(q: Query, id: number): Promise<InteractionDetails> {
  const { rows } = await sql<SummaryRow>`${SUMMARY_SELECT} WHERE i.id = ${id}`.execute(q);
  const row = rows[0];
  if (!row) throw new EarmarkError('not_found', `There is no interaction with id ${id}.`);
  return { ...toSummary(row), customerRef: row.customer_ref, customerRating: row.customer_rating };
}

/** Id lists per statement: well below both engines' limits on parameters. */
const IDS_PER_STATEMENT = 1000;

/**
 * Gives every chosen interaction the agent (named within the team, as everywhere), in one transaction:
 * all of them or, when one is missing, none. Returns how many actually changed.
 */
export async function assignAgent(
  database: Database,
  ids: readonly number[],
  agentName: string,
  teamName: string | null,
): Promise<{ changed: number; total: number }> {
  const unique = [...new Set(ids)];
  const chunks: number[][] = [];
  for (let at = 0; at < unique.length; at += IDS_PER_STATEMENT)
    chunks.push(unique.slice(at, at + IDS_PER_STATEMENT));
  return database.transaction(async (trx) => {
    const found = new Set<number>();
    for (const chunk of chunks) {
      let rows = trx.selectFrom('interactions').select('id').where('id', 'in', chunk);
      if (database.engine === 'postgres') rows = rows.forUpdate();
      for (const row of await rows.execute()) found.add(row.id);
    }
    const missing = unique.filter((id) => !found.has(id)).sort((a, b) => a - b);
    if (missing.length > 0) {
      throw new EarmarkError(
        'not_found',
        `Interaction ${missing.slice(0, 5).join(', ')} no longer exists (deleted meanwhile?); nothing was changed.`,
      );
    }
    const agentId = await findOrAddAgent(trx, agentName, teamName);
    const previous = new Set<number>();
    let changed = 0;
    for (const chunk of chunks) {
      const before = await trx
        .selectFrom('interactions')
        .select('agent_id')
        .distinct()
        .where('id', 'in', chunk)
        .where('agent_id', 'is not', null)
        .where('agent_id', '<>', agentId)
        .execute();
      before.forEach((row) => previous.add(row.agent_id!));
      const result = await trx
        .updateTable('interactions')
        .set({ agent_id: agentId })
        .where('id', 'in', chunk)
        .where((eb) => eb.or([eb('agent_id', 'is', null), eb('agent_id', '<>', agentId)]))
        .executeTakeFirst();
      changed += Number(result.numUpdatedRows);
    }
    await removeUnusedAgents(trx, database.engine, [...previous]);
    return { changed, total: unique.length };
  });
}

/**
 * The agent the interaction ends up with: 'keep' the current one, none (null), or a name within a team.
 * The team belongs to the agent (an agent is a name within a team), so the name and the team are
 * resolved together; whichever is left out keeps its current value.
 */
function chooseAgent(
  current: StoredDetails,
  patch: DetailsPatch,
  refuse: (problem: string, note: string) => void,
): 'keep' | null | { agentName: string; teamName: string | null } {
  if (patch.agentName === undefined && patch.teamName === undefined) return 'keep';
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
  return { agentName, teamName: patch.teamName === undefined ? current.team_name : patch.teamName };
}

function refuser(options: { lenient?: boolean }, notes: string[]) {
  return (problem: string, note: string) => {
    if (!options.lenient) throw new EarmarkError('invalid_params', problem);
    notes.push(note);
  };
}

function nextDetails(current: StoredDetails, patch: DetailsPatch, agentId: number | null) {
  return {
    title: patch.title ?? current.title,
    agent_id: agentId,
    started_at: patch.startedAt === undefined ? current.started_at : canonicalTime(patch.startedAt),
    direction: patch.direction === undefined ? current.direction : patch.direction,
    queue: patch.queue === undefined ? current.queue : patch.queue,
    customer_ref: patch.customerRef === undefined ? current.customer_ref : patch.customerRef,
    customer_rating: patch.customerRating === undefined ? current.customer_rating : patch.customerRating,
  };
}

const isChange = (current: StoredDetails, next: ReturnType<typeof nextDetails>) =>
  (Object.keys(next) as (keyof typeof next)[]).some((key) => next[key] !== current[key]);

/** Start times are stored as canonical UTC ISO strings, as the import writes them, so they sort and filter. */
function canonicalTime(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
