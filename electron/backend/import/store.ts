import type { CustomerRating } from '../../../shared/api/schemas';
import type { NewRow, Query } from '../db/schema';
import { findOrAddAgent } from '../services/people';

/** What an import writes besides segments and recordings, on the query layer, in the unit's transaction. */

export interface NewInteraction {
  kind: 'call' | 'chat';
  title: string;
  source: string;
  externalId: string | null;
  contentHash: string;
  agentName: string | null;
  teamName: string | null;
  startedAt: string | null;
  direction: 'inbound' | 'outbound' | null;
  queue: string | null;
  customerRef: string | null;
  /** From a manifest row; chat exports and file names do not say it. */
  customerRating?: CustomerRating | null;
  durationMs: number | null;
}

/** The interactions row of an import's interaction, with the external id and agent it ends up with. */
function interactionRow(
  interaction: NewInteraction,
  externalId: string | null,
  agent: number | null,
): NewRow<'interactions'> {
  return {
    kind: interaction.kind,
    title: interaction.title,
    external_id: externalId,
    source: interaction.source,
    agent_id: agent,
    started_at: interaction.startedAt,
    direction: interaction.direction,
    queue: interaction.queue,
    customer_ref: interaction.customerRef,
    customer_rating: interaction.customerRating ?? null,
    duration_ms: interaction.durationMs,
    content_hash: interaction.contentHash,
  };
}

/** Agent ids found or created in one transaction, by team and name as typed: a chat file names few. */
export type AgentIds = Map<string, number>;

export async function findByHash(q: Query, contentHash: string): Promise<number | null> {
  const row = await q
    .selectFrom('interactions')
    .select('id')
    .where('content_hash', '=', contentHash)
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function insertInteraction(
  trx: Query,
  interaction: NewInteraction,
  agents: AgentIds = new Map(),
): Promise<number> {
  const agent = interaction.agentName
    ? await agentId(trx, interaction.agentName, interaction.teamName, agents)
    : null;
  // An external id already used by another import of the same source is kept on the older one only.
  let externalId = interaction.externalId;
  if (externalId) {
    const taken = await trx
      .selectFrom('interactions')
      .select('id')
      .where('source', '=', interaction.source)
      .where('external_id', '=', externalId)
      .executeTakeFirst();
    if (taken) externalId = null;
  }
  const { id } = await trx
    .insertInto('interactions')
    .values(interactionRow(interaction, externalId, agent))
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The agent's id by people's findOrAddAgent, asked once per name and team in a transaction. */
async function agentId(
  trx: Query,
  agentName: string,
  teamName: string | null,
  known: AgentIds,
): Promise<number> {
  const key = `${teamName ?? ''}\u0000${agentName}`;
  let id = known.get(key);
  if (id === undefined) known.set(key, (id = await findOrAddAgent(trx, agentName, teamName)));
  return id;
}

/** Rows a query looks up or inserts at once: well under both engines' parameter limits. */
const CHUNK = 500;

/**
 * Adds many interactions at once (a chat file's hundreds), in a handful of queries instead of three
 * round trips each: those already there (same content hash) and the external ids taken are looked up
 * in bulk, then the rest go in by multi-row INSERTs. Returns, per interaction in order, the id it has
 * and whether this call created it (an interaction already there, or a repeat within `interactions`,
 * is not created again).
 */
export async function insertInteractions(
  trx: Query,
  interactions: readonly NewInteraction[],
  agents: AgentIds = new Map(),
): Promise<{ id: number; created: boolean }[]> {
  const idOf = new Map<string, number>();
  const hashes = [...new Set(interactions.map((i) => i.contentHash))];
  for (let from = 0; from < hashes.length; from += CHUNK) {
    const found = await trx
      .selectFrom('interactions')
      .select(['id', 'content_hash'])
      .where('content_hash', 'in', hashes.slice(from, from + CHUNK))
      .execute();
    for (const row of found) idOf.set(row.content_hash!, row.id);
  }
  const existing = new Set(idOf.keys());
  const fresh: NewInteraction[] = [];
  const queued = new Set<string>();
  for (const interaction of interactions) {
    if (existing.has(interaction.contentHash) || queued.has(interaction.contentHash)) continue;
    queued.add(interaction.contentHash);
    fresh.push(interaction);
  }
  const taken = await externalIdsTaken(trx, fresh);
  const rows: NewRow<'interactions'>[] = [];
  for (const interaction of fresh) {
    // An external id already used by another import of the same source is kept on the older one only.
    const key = `${interaction.source}\u0000${interaction.externalId}`;
    const externalId = interaction.externalId && !taken.has(key) ? interaction.externalId : null;
    if (externalId) taken.add(key);
    const agent = interaction.agentName
      ? await agentId(trx, interaction.agentName, interaction.teamName, agents)
      : null;
    rows.push(interactionRow(interaction, externalId, agent));
  }
  for (let from = 0; from < rows.length; from += CHUNK) {
    const added = await trx
      .insertInto('interactions')
      .values(rows.slice(from, from + CHUNK))
      .returning(['id', 'content_hash'])
      .execute();
    for (const row of added) idOf.set(row.content_hash!, row.id);
  }
  const created = new Set<string>();
  return interactions.map((interaction) => {
    const isNew = !existing.has(interaction.contentHash) && !created.has(interaction.contentHash);
    if (isNew) created.add(interaction.contentHash);
    return { id: idOf.get(interaction.contentHash)!, created: isNew };
  });
}

/** `source\0externalId` of every external id among `interactions` that is already in the library. */
async function externalIdsTaken(trx: Query, interactions: readonly NewInteraction[]): Promise<Set<string>> {
  const taken = new Set<string>();
  const bySource = new Map<string, string[]>();
  for (const { source, externalId } of interactions)
    if (externalId) bySource.set(source, [...(bySource.get(source) ?? []), externalId]);
  for (const [source, ids] of bySource) {
    const unique = [...new Set(ids)];
    for (let from = 0; from < unique.length; from += CHUNK) {
      const found = await trx
        .selectFrom('interactions')
        .select('external_id')
        .where('source', '=', source)
        .where('external_id', 'in', unique.slice(from, from + CHUNK))
        .execute();
      for (const row of found) taken.add(`${source}\u0000${row.external_id}`);
    }
  }
  return taken;
}
