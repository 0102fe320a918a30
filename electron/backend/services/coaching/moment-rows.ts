import type { AgentMoment } from '../../../../shared/api/methods/agents';
import type { LinkedMoment } from '../../../../shared/api/methods/coaching';
import type { WowMoment } from '../../../../shared/api/methods/reels';
import type { Db } from '../../db/open';

/**
 * Moments as the coaching session, the agent page and the wow reel show them: with what the player needs
 * (the interaction's recording, the turn's text) and whose call it was, so no screen needs a second call
 * per moment. One query shape for the three, so they cannot drift apart.
 */

export interface MomentRow {
  id: number;
  interaction_id: number;
  interaction_title: string;
  interaction_kind: 'call' | 'chat';
  interaction_started_at: string | null;
  recording_id: number | null;
  start_ms: number | null;
  end_ms: number | null;
  turn_seq: number | null;
  turn_text: string | null;
  comment: string;
  tag_ids: string;
  author_name: string | null;
  exemplary: 0 | 1;
  created_at: string;
  agent_id: number | null;
  agent_name: string | null;
  team_name: string | null;
}

/** `m` is the moment, `i` its interaction, `a` and `tm` its agent and team; callers add WHERE / ORDER BY. */
export const SELECT_MOMENT_ROWS = `SELECT m.id, m.interaction_id, i.title AS interaction_title, i.kind AS interaction_kind,
    i.started_at AS interaction_started_at,
    -- The recording the review workspace plays (the first one, as recordings.recordingOf picks it).
    (SELECT r.id FROM recordings r WHERE r.interaction_id = m.interaction_id ORDER BY r.id LIMIT 1) AS recording_id,
    m.start_ms, m.end_ms, m.turn_seq,
    (SELECT s.text FROM segments s WHERE s.interaction_id = m.interaction_id AND s.seq = m.turn_seq) AS turn_text,
    m.comment,
    (SELECT json_group_array(tag_id) FROM (SELECT tag_id FROM moment_tags WHERE moment_id = m.id ORDER BY tag_id)) AS tag_ids,
    p.name AS author_name,
    EXISTS (SELECT 1 FROM moment_tags x JOIN tags t ON t.id = x.tag_id
            WHERE x.moment_id = m.id AND t.builtin = 'exemplary') AS exemplary,
    m.created_at, i.agent_id, a.name AS agent_name, tm.name AS team_name
  FROM moments m
  JOIN interactions i ON i.id = m.interaction_id
  LEFT JOIN reviewer_profiles p ON p.id = m.author_id
  LEFT JOIN agents a ON a.id = i.agent_id
  LEFT JOIN teams tm ON tm.id = a.team_id`;

export function toLinkedMoment(row: MomentRow): LinkedMoment {
  return {
    id: row.id,
    interactionId: row.interaction_id,
    interactionTitle: row.interaction_title,
    interactionKind: row.interaction_kind,
    recordingId: row.recording_id,
    startMs: row.start_ms,
    endMs: row.end_ms,
    turnSeq: row.turn_seq,
    turnText: row.turn_text,
    comment: row.comment,
    tagIds: JSON.parse(row.tag_ids) as number[],
  };
}

export function toAgentMoment(row: MomentRow): AgentMoment {
  return {
    ...toLinkedMoment(row),
    interactionStartedAt: row.interaction_started_at,
    authorName: row.author_name,
    exemplary: row.exemplary === 1,
    createdAt: row.created_at,
  };
}

export function toWowMoment(row: MomentRow): WowMoment {
  return {
    ...toAgentMoment(row),
    agentId: row.agent_id,
    agentName: row.agent_name,
    teamName: row.team_name,
  };
}

/** The moments with these ids, in the order given; ids that do not exist are left out. */
export function momentRowsByIds(db: Db, ids: readonly number[]): MomentRow[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(`${SELECT_MOMENT_ROWS} WHERE m.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as MomentRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
