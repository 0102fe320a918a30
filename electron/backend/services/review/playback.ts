import type { PlaybackPosition } from '../../../../shared/api/methods/review';
import type { Database } from '../../db/database';
import type { Query } from '../../db/schema';
import { requireInteraction } from './interaction-exists';
import { nowIso } from '../../clock';

/** Where the reviewer left off in an interaction, so reopening it resumes there. */
export async function getPlaybackPosition(q: Query, interactionId: number): Promise<PlaybackPosition> {
  await requireInteraction(q, interactionId);
  const row = await q
    .selectFrom('playback_positions')
    .select(['position_ms', 'updated_at'])
    .where('interaction_id', '=', interactionId)
    .executeTakeFirst();
  return { interactionId, positionMs: row?.position_ms ?? null, updatedAt: row?.updated_at ?? null };
}

export async function savePlaybackPosition(
  database: Database,
  interactionId: number,
  positionMs: number,
): Promise<PlaybackPosition> {
  await requireInteraction(database.query, interactionId);
  const updatedAt = nowIso(database);
  await database.query
    .insertInto('playback_positions')
    .values({ interaction_id: interactionId, position_ms: positionMs, updated_at: updatedAt })
    .onConflict((conflict) =>
      conflict.column('interaction_id').doUpdateSet((eb) => ({
        position_ms: eb.ref('excluded.position_ms'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
  return { interactionId, positionMs, updatedAt };
}
