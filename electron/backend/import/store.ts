import type { Query } from '../db/schema';
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
  durationMs: number | null;
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
    .values({
      kind: interaction.kind,
      title: interaction.title,
      external_id: externalId,
      source: interaction.source,
      agent_id: agent,
      started_at: interaction.startedAt,
      direction: interaction.direction,
      queue: interaction.queue,
      customer_ref: interaction.customerRef,
      duration_ms: interaction.durationMs,
      content_hash: interaction.contentHash,
    })
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
