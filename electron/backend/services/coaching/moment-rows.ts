import type { AgentMoment } from '../../../../shared/api/methods/agents';
import type { LinkedMoment } from '../../../../shared/api/methods/coaching';
import type { WowMoment } from '../../../../shared/api/methods/reels';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Query } from '../../db/schema';

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

/** Ids per statement: far below either engine's parameter limit. */
const CHUNK = 1000;

/**
 * Moment rows on either engine: `where` narrows `m`/`i`, then ordered and limited as given. Tags come
 * in a second query (one per page), as JSON text like SQLite's json_group_array gives, so both engines
 * fill the same row.
 */
export async function momentRows(
  q: Query,
  where: (m: ReturnType<typeof baseMomentRows>) => ReturnType<typeof baseMomentRows>,
): Promise<MomentRow[]> {
  const rows = await where(baseMomentRows(q)).execute();
  const tags = new Map<number, number[]>();
  const ids = rows.map((row) => row.id);
  for (let start = 0; start < ids.length; start += CHUNK) {
    const links = await q
      .selectFrom('moment_tags')
      .select(['moment_id', 'tag_id'])
      .where('moment_id', 'in', ids.slice(start, start + CHUNK))
      .orderBy('moment_id')
      .orderBy('tag_id')
      .execute();
    for (const link of links) {
      const list = tags.get(link.moment_id);
      if (list) list.push(link.tag_id);
      else tags.set(link.moment_id, [link.tag_id]);
    }
  }
  return rows.map((row) => ({ ...row, tag_ids: JSON.stringify(tags.get(row.id) ?? []) }));
}

function baseMomentRows(q: Query) {
  return q
    .selectFrom('moments as m')
    .innerJoin('interactions as i', 'i.id', 'm.interaction_id')
    .leftJoin('reviewer_profiles as p', 'p.id', 'm.author_id')
    .leftJoin('agents as a', 'a.id', 'i.agent_id')
    .leftJoin('teams as tm', 'tm.id', 'a.team_id')
    .select((eb) => [
      'm.id',
      'm.interaction_id',
      'i.title as interaction_title',
      'i.kind as interaction_kind',
      'i.started_at as interaction_started_at',
      // The recording the review workspace plays (the first one, as recordings.recordingOf picks it).
      eb
        .selectFrom('recordings as r')
        .select('r.id')
        .whereRef('r.interaction_id', '=', 'm.interaction_id')
        .orderBy('r.id')
        .limit(1)
        .as('recording_id'),
      'm.start_ms',
      'm.end_ms',
      'm.turn_seq',
      eb
        .selectFrom('segments as s')
        .select('s.text')
        .whereRef('s.interaction_id', '=', 'm.interaction_id')
        .whereRef('s.seq', '=', 'm.turn_seq')
        .as('turn_text'),
      'm.comment',
      'p.name as author_name',
      sql<0 | 1>`CASE WHEN EXISTS (SELECT 1 FROM moment_tags x JOIN tags t ON t.id = x.tag_id
        WHERE x.moment_id = m.id AND t.builtin = 'exemplary') THEN 1 ELSE 0 END`.as('exemplary'),
      'm.created_at',
      'i.agent_id',
      'a.name as agent_name',
      'tm.name as team_name',
    ]);
}

/** Moments that carry at least one tag (a condition for `momentRows`). */
export const tagged: Expression<SqlBool> = sql<SqlBool>`EXISTS (SELECT 1 FROM moment_tags x WHERE x.moment_id = m.id)`;

/** The moments with these ids, in the order given; ids that do not exist are left out. Either engine. */
export async function momentsByIds(q: Query, ids: readonly number[]): Promise<MomentRow[]> {
  if (ids.length === 0) return [];
  const rows: MomentRow[] = [];
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    rows.push(...(await momentRows(q, (m) => m.where('m.id', 'in', chunk))));
  }
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
