import type { PlaybackPosition } from '../../../../shared/api/methods/review';
import type { Db } from '../../db/open';
import { assertInteraction } from './interaction-exists';
import { nowIso } from '../../clock';

/** Where the reviewer left off in an interaction, so reopening it resumes there. */
export function getPlaybackPosition(db: Db, interactionId: number): PlaybackPosition {
  assertInteraction(db, interactionId);
  const row = db
    .prepare(
      'SELECT position_ms AS positionMs, updated_at AS updatedAt FROM playback_positions WHERE interaction_id = ?',
    )
    .get(interactionId) as { positionMs: number; updatedAt: string } | undefined;
  return { interactionId, positionMs: row?.positionMs ?? null, updatedAt: row?.updatedAt ?? null };
}

export function savePlaybackPosition(db: Db, interactionId: number, positionMs: number): PlaybackPosition {
  assertInteraction(db, interactionId);
  const updatedAt = nowIso(db);
  db.prepare(
    `INSERT INTO playback_positions (interaction_id, position_ms, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(interaction_id) DO UPDATE SET position_ms = excluded.position_ms, updated_at = excluded.updated_at`,
  ).run(interactionId, positionMs, updatedAt);
  return { interactionId, positionMs, updatedAt };
}
