import type { InteractionDetail, InteractionKind, InteractionSummary, Segment } from '../../../shared/api';
import { EarmarkError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { recordingOf } from './recordings';

interface SummaryRow {
  id: number;
  kind: InteractionKind;
  title: string;
  agent_name: string | null;
  team_name: string | null;
  started_at: string | null;
  duration_ms: number | null;
  direction: 'inbound' | 'outbound' | null;
  queue: string | null;
  customer_ref: string | null;
}

const SELECT_SUMMARY = `
  SELECT i.id, i.kind, i.title, a.name AS agent_name, t.name AS team_name, i.started_at, i.duration_ms,
         i.direction, i.queue, i.customer_ref
  FROM interactions i
  LEFT JOIN agents a ON a.id = i.agent_id
  LEFT JOIN teams t ON t.id = a.team_id`;

function toSummary(row: SummaryRow): InteractionSummary {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    agentName: row.agent_name,
    teamName: row.team_name,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    direction: row.direction,
    queue: row.queue,
  };
}

export function listInteractions(
  db: Db,
  { kind, limit, offset }: { kind?: InteractionKind | undefined; limit: number; offset: number },
): { total: number; items: InteractionSummary[] } {
  const where = kind ? 'WHERE i.kind = ?' : '';
  const args = kind ? [kind] : [];
  const { total } = db.prepare(`SELECT count(*) AS total FROM interactions i ${where}`).get(...args) as {
    total: number;
  };
  const rows = db
    .prepare(`${SELECT_SUMMARY} ${where} ORDER BY i.started_at DESC, i.id DESC LIMIT ? OFFSET ?`)
    .all(...args, limit, offset) as SummaryRow[];
  return { total, items: rows.map(toSummary) };
}

export function getInteraction(db: Db, id: number): InteractionDetail {
  const row = db.prepare(`${SELECT_SUMMARY} WHERE i.id = ?`).get(id) as SummaryRow | undefined;
  if (!row) throw new EarmarkError('not_found', `There is no interaction with id ${id}.`);
  const segments = db
    .prepare(
      `SELECT seq, speaker, start_ms AS startMs, end_ms AS endMs, sent_at AS sentAt, text
       FROM segments WHERE interaction_id = ? ORDER BY seq`,
    )
    .all(id) as Segment[];
  return { ...toSummary(row), customerRef: row.customer_ref, recording: recordingOf(db, id), segments };
}
