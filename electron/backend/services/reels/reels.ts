import type { Reel, ReelSummary } from '../../../../shared/api/methods/reels';
import type { ReviewerRole } from '../../../../shared/api/methods/profiles';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { momentRowsByIds, toWowMoment } from '../coaching/moment-rows';
import { nowIso } from '../../clock';

interface ReelRow {
  id: number;
  title: string;
  created_by: number | null;
  creator_name: string | null;
  creator_role: ReviewerRole | null;
  created_at: string;
  updated_at: string;
  moment_count: number;
}

const SELECT_REELS = `SELECT r.*, p.name AS creator_name, p.role AS creator_role,
    (SELECT count(*) FROM reel_moments rm WHERE rm.reel_id = r.id) AS moment_count
  FROM reels r LEFT JOIN reviewer_profiles p ON p.id = r.created_by`;

const toSummary = (row: ReelRow): ReelSummary => ({
  id: row.id,
  title: row.title,
  createdBy:
    row.created_by !== null && row.creator_name !== null && row.creator_role !== null
      ? { id: row.created_by, name: row.creator_name, role: row.creator_role }
      : null,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  momentCount: row.moment_count,
});

function reelRow(db: Db, id: number): ReelRow {
  const row = db.prepare(`${SELECT_REELS} WHERE r.id = ?`).get(id) as ReelRow | undefined;
  if (!row) throw new EarmarkError('not_found', `id: there is no reel with id ${id}.`);
  return row;
}

/** The reels worked on most recently first. */
export function listReels(db: Db): ReelSummary[] {
  const rows = db.prepare(`${SELECT_REELS} ORDER BY r.updated_at DESC, r.id DESC`).all() as ReelRow[];
  return rows.map(toSummary);
}

/** A reel with its moments in playing order. */
export function getReel(db: Db, id: number): Reel {
  const row = reelRow(db, id);
  const ids = db
    .prepare('SELECT moment_id FROM reel_moments WHERE reel_id = ? ORDER BY position')
    .pluck()
    .all(id) as number[];
  return { ...toSummary(row), moments: momentRowsByIds(db, ids).map(toWowMoment) };
}

/**
 * Refuses, naming the id, a moment that is not there or not exemplary: a reel is for praise. A moment
 * already in the reel may stay after losing its tag (`kept`), since it was praise when it was collected.
 */
function checkMoments(db: Db, ids: readonly number[], kept: ReadonlySet<number> = new Set()): void {
  const found = new Map(momentRowsByIds(db, ids).map((row) => [row.id, row]));
  ids.forEach((id, index) => {
    const moment = found.get(id);
    if (!moment)
      throw new EarmarkError('not_found', `momentIds[${index}]: there is no moment with id ${id}.`);
    if (moment.exemplary !== 1 && !kept.has(id)) {
      throw new EarmarkError(
        'invalid_params',
        `momentIds[${index}]: moment ${id} is not tagged exemplary; only exemplary moments go into a reel.`,
      );
    }
  });
}

function writeMoments(db: Db, reelId: number, ids: readonly number[]): void {
  db.prepare('DELETE FROM reel_moments WHERE reel_id = ?').run(reelId);
  const insert = db.prepare('INSERT INTO reel_moments (reel_id, moment_id, position) VALUES (?, ?, ?)');
  ids.forEach((id, position) => insert.run(reelId, id, position));
}

/** `createdBy` is the acting profile: a reel is shown to a team, so someone must stand behind it. */
export function createReel(db: Db, createdBy: number, params: { title: string; momentIds: number[] }): Reel {
  const id = db.transaction(() => {
    checkMoments(db, params.momentIds);
    const at = nowIso(db);
    const { lastInsertRowid } = db
      .prepare('INSERT INTO reels (title, created_by, created_at, updated_at) VALUES (?, ?, ?, ?)')
      .run(params.title, createdBy, at, at);
    const reelId = Number(lastInsertRowid);
    writeMoments(db, reelId, params.momentIds);
    return reelId;
  })();
  return getReel(db, id);
}

/** Renames and/or replaces the moments, in the order given. */
export function updateReel(
  db: Db,
  params: { id: number; title?: string | undefined; momentIds?: number[] | undefined },
): Reel {
  db.transaction(() => {
    const row = reelRow(db, params.id);
    if (params.momentIds) {
      const current = db
        .prepare('SELECT moment_id FROM reel_moments WHERE reel_id = ?')
        .pluck()
        .all(row.id) as number[];
      checkMoments(db, params.momentIds, new Set(current));
      writeMoments(db, row.id, params.momentIds);
    }
    db.prepare('UPDATE reels SET title = ?, updated_at = ? WHERE id = ?').run(
      params.title ?? row.title,
      nowIso(db),
      row.id,
    );
  })();
  return getReel(db, params.id);
}

export function deleteReel(db: Db, id: number): { id: number } {
  const { changes } = db.prepare('DELETE FROM reels WHERE id = ?').run(id);
  if (changes === 0) throw new EarmarkError('not_found', `id: there is no reel with id ${id}.`);
  return { id };
}
