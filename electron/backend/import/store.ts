import type { Speaker } from '../../../shared/api';
import type { Database } from '../db/database';
import type { NewRow, Query } from '../db/schema';
import { findOrAddAgent } from '../services/people';
import type { ProbedRecording } from '../services/recordings';

/**
 * What an import writes besides segments, on the query layer (either engine), inside the unit's
 * transaction. The recordings service still writes the same rows synchronously for its own callers
 * (`insertRecording`: the demo, media tests); this follows it row for row.
 */

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

/**
 * Inserts a probed recording and its peaks. Channel roles default to what the analysis knows (a two-leg
 * call is always agent left, customer right). A recording whose waveform is unavailable at import (AAC:
 * the backend does not decode it) gets no peak rows; the renderer stores them later (services/waveform).
 */
export async function insertRecording(
  database: Database,
  trx: Query,
  interactionId: number,
  probed: ProbedRecording,
  channelRoles: Speaker[] | null,
): Promise<number> {
  const { analysis } = probed;
  const roles = channelRoles ?? analysis.channelRoles;
  const { id } = await trx
    .insertInto('recordings')
    .values({
      interaction_id: interactionId,
      path: probed.path,
      size_bytes: probed.sizeBytes,
      sha256: probed.sha256,
      container: probed.container,
      codec: analysis.codec,
      sample_rate: analysis.sampleRate,
      channels: analysis.channels,
      duration_ms: analysis.durationMs,
      channel_roles: roles ? JSON.stringify(roles) : null,
      source_paths: JSON.stringify(analysis.sourcePaths),
      claimed_duration_ms: analysis.claimedDurationMs,
      transcoded: analysis.playable.transcoded ? 1 : 0,
      damage: analysis.damage ? JSON.stringify(analysis.damage) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const peaks: NewRow<'peaks'>[] = [];
  const levels = analysis.waveform === 'peaks' ? analysis.levels : [];
  for (const level of levels) {
    level.channels.forEach((data, channel) => {
      peaks.push({
        recording_id: id,
        samples_per_peak: level.samplesPerPeak,
        channel,
        data: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
      });
    });
  }
  await database.insertMany(trx, 'peaks', peaks);
  return id;
}
